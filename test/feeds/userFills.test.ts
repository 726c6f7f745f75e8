/**
 * @module test/feeds/userFills
 * `userFills`: `aggregateByTime: false` filled in; the user for the limit; the snapshot `{isSnapshot, user, fills}`
 * in the captured key order, as /info `userFills`; a tick's fills of the user as `{user, fills}` (both legs to the
 * digit), merged with `aggregateByTime`; nothing for a tick without the user's fills.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { tradeHash } from "../../src/api/info/_shapes.ts";
import { userFills } from "../../src/feeds/userFills.ts";
import {
  ALICE,
  BOB,
  CAROL,
  DAVE,
  fixture,
  json,
  limit,
  mixedCase,
  normalized,
  ok,
  refusedBySchema,
  SOL,
  sub,
  tickOf,
} from "./_fixture.ts";

test("normalization: lowercase user, aggregateByTime false by default; users", () => {
  assert.equal(
    JSON.stringify(normalized(userFills, { type: "userFills", user: mixedCase(BOB) })),
    `{"type":"userFills","user":"${BOB}","aggregateByTime":false}`,
  );
  assert.deepEqual(normalized(userFills, { aggregateByTime: true, user: BOB, type: "userFills" }), {
    type: "userFills",
    user: BOB,
    aggregateByTime: true,
  });
  assert.equal(refusedBySchema(userFills, { type: "userFills", user: "0x12" }), true);
  assert.deepEqual(userFills.users?.(sub(userFills, { type: "userFills", user: mixedCase(BOB) })), [BOB]);
  assert.equal(userFills.invalid, undefined);
});

test("snapshot: {isSnapshot: true, user, fills} with /info userFills' fills, in that key order", () => {
  const f = fixture();
  const push = json(userFills.snapshot?.(f.ctx, sub(userFills, { type: "userFills", user: BOB })));
  assert.deepEqual(push, {
    channel: "userFills",
    data: { isSnapshot: true, user: BOB, fills: ok(f.ctx, { type: "userFills", user: BOB }) },
  });
  assert.deepEqual(Object.keys((push as { data: object }).data), ["isSnapshot", "user", "fills"]);
  assert.equal((push as { data: { fills: unknown[] } }).data.fills.length, 2);
  assert.deepEqual(json(userFills.snapshot?.(f.ctx, sub(userFills, { type: "userFills", user: DAVE }))), {
    channel: "userFills",
    data: { isSnapshot: true, user: DAVE, fills: [] },
  });
});

test("onTick: each side gets its own leg, {user, fills} without isSnapshot", () => {
  const f = fixture();
  // BOB (long 2 at 102) sells 4 at 99 into ALICE's bid (ALICE short 2 at 102).
  const { ctx, tick } = tickOf(f.h, () => f.h.order(BOB, [limit(SOL, false, "99", "4", "Ioc")]));
  const common = { coin: "SOL", px: "99.0", sz: "4.0", time: tick.time, hash: tradeHash(1_000_002), tid: 1_000_002 };
  const tail = { feeToken: "USDC", twapId: null };
  assert.deepEqual(json(userFills.onTick?.(ctx, sub(userFills, { type: "userFills", user: BOB }), tick)), {
    channel: "userFills",
    data: {
      user: BOB,
      fills: [
        {
          ...common,
          side: "A",
          startPosition: "2.0",
          dir: "Long > Short",
          closedPnl: "-6.0", // (99 − 102) × 2
          oid: 1_000_010,
          crossed: true,
          fee: "0.1782", // 396 × 0.045%
          ...tail,
        },
      ],
    },
  });
  assert.deepEqual(json(userFills.onTick?.(ctx, sub(userFills, { type: "userFills", user: ALICE }), tick)), {
    channel: "userFills",
    data: {
      user: ALICE,
      fills: [
        {
          ...common,
          side: "B",
          startPosition: "-2.0",
          dir: "Short > Long",
          closedPnl: "6.0", // (102 − 99) × 2
          oid: f.ids.aliceBid,
          crossed: false,
          fee: "0.0594", // 396 × 0.015%
          ...tail,
        },
      ],
    },
  });
  assert.equal(userFills.onTick?.(ctx, sub(userFills, { type: "userFills", user: CAROL }), tick), undefined);
});

test("onTick with aggregateByTime: one crossing order's fills merged, as /info", () => {
  const f = fixture();
  // BOB sells 12 at 95: 10 at 99 (ALICE), 1 at 95 (CAROL).
  const { ctx, tick } = tickOf(f.h, () => f.h.order(BOB, [limit(SOL, false, "95", "12", "Ioc")]));
  const plain = json(userFills.onTick?.(ctx, sub(userFills, { type: "userFills", user: BOB }), tick)) as {
    data: { fills: { sz: string }[] };
  };
  assert.deepEqual(
    plain.data.fills.map((x) => x.sz),
    ["10.0", "1.0"],
  );
  const merged = json(
    userFills.onTick?.(ctx, sub(userFills, { type: "userFills", user: BOB, aggregateByTime: true }), tick),
  );
  assert.deepEqual(merged, {
    channel: "userFills",
    data: {
      user: BOB,
      fills: [
        {
          coin: "SOL",
          px: "98.636364", // (990 + 95) / 11
          sz: "11.0",
          side: "A",
          time: tick.time,
          startPosition: "2.0",
          dir: "Long > Short",
          closedPnl: "-6.0",
          hash: tradeHash(1_000_002),
          oid: 1_000_010,
          crossed: true,
          fee: "0.48825", // 1085 × 0.045%
          tid: 1_000_002,
          feeToken: "USDC",
          twapId: null,
        },
      ],
    },
  });
});
