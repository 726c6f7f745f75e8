/**
 * @module test/feeds/userFundings
 * `userFundings`: the snapshot `{isSnapshot, user, fundings}` with flat payments; the hourly funding tick pushing
 * the user's payments with the interval's sample count; nothing for others.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { userFundings } from "../../src/feeds/userFundings.ts";
import { BOB, DAVE, fixture, HOUR, json, limit, normalized, SOL, sub, T0, tickOf } from "./_fixture.ts";

// BOB is short 0.1 BTC (mark 101000) and long 2 SOL (mark 104); the hourly rate is the interest rate alone,
// 0.01% / 8 = 0.0000125: BTC 10100 × 0.0000125 = 0.12625 received, SOL 208 × 0.0000125 = 0.0026 paid.
const BTC_PAYMENT = { coin: "BTC", usdc: "0.12625", szi: "-0.1", fundingRate: "0.0000125", nSamples: 720 };
const SOL_PAYMENT = { coin: "SOL", usdc: "-0.0026", szi: "2.0", fundingRate: "0.0000125", nSamples: 720 };

test("normalization and users", () => {
  assert.deepEqual(normalized(userFundings, { type: "userFundings", user: BOB, startTime: 5 }), {
    type: "userFundings",
    user: BOB,
  });
  assert.deepEqual(userFundings.users?.(sub(userFundings, { type: "userFundings", user: BOB })), [BOB]);
});

test("snapshot: the user's payments, flat, oldest first", () => {
  const f = fixture();
  const time = T0 + HOUR;
  assert.deepEqual(json(userFundings.snapshot?.(f.ctx, sub(userFundings, { type: "userFundings", user: BOB }))), {
    channel: "userFundings",
    data: {
      isSnapshot: true,
      user: BOB,
      fundings: [
        { time, ...BTC_PAYMENT },
        { time, ...SOL_PAYMENT },
      ],
    },
  });
  assert.deepEqual(json(userFundings.snapshot?.(f.ctx, sub(userFundings, { type: "userFundings", user: DAVE }))), {
    channel: "userFundings",
    data: { isSnapshot: true, user: DAVE, fundings: [] },
  });
});

test("onTick: the next hour's payments; nothing for a tick without funding", () => {
  const f = fixture();
  const { ctx, tick } = tickOf(f.h, () => f.h.tick(T0 + 2 * HOUR + 1));
  const time = T0 + 2 * HOUR;
  assert.deepEqual(json(userFundings.onTick?.(ctx, sub(userFundings, { type: "userFundings", user: BOB }), tick)), {
    channel: "userFundings",
    data: {
      user: BOB,
      fundings: [
        { time, ...BTC_PAYMENT },
        { time, ...SOL_PAYMENT },
      ],
    },
  });
  assert.equal(userFundings.onTick?.(ctx, sub(userFundings, { type: "userFundings", user: DAVE }), tick), undefined);
  const quiet = tickOf(f.h, () => f.h.order(BOB, [limit(SOL, true, "90", "1")]));
  assert.equal(
    userFundings.onTick?.(quiet.ctx, sub(userFundings, { type: "userFundings", user: BOB }), quiet.tick),
    undefined,
  );
});
