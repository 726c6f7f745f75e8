/**
 * @module test/feeds/orderUpdates
 * `orderUpdates`: no snapshot; a tick's status changes of the user's orders in order, in the `openOrders` form with
 * the remaining size, cloid and reduceOnly only when set.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { orderUpdates } from "../../src/feeds/orderUpdates.ts";
import {
  ALICE,
  BOB,
  CAROL,
  fixture,
  json,
  limit,
  mixedCase,
  normalized,
  SOL,
  sub,
  tickOf,
  trigger,
} from "./_fixture.ts";

test("normalization, users, no snapshot", () => {
  assert.deepEqual(normalized(orderUpdates, { type: "orderUpdates", user: mixedCase(ALICE) }), {
    type: "orderUpdates",
    user: ALICE,
  });
  assert.deepEqual(orderUpdates.users?.(sub(orderUpdates, { type: "orderUpdates", user: ALICE })), [ALICE]);
  assert.equal(orderUpdates.snapshot, undefined);
  assert.equal(orderUpdates.periodic, undefined);
});

test("onTick: a placement, a fill and a cancel of the user's orders, in order; other users' not", () => {
  const f = fixture();
  const CLOID = `0x${"12".repeat(16)}`;
  const { ctx, tick } = tickOf(f.h, () => {
    f.h.order(CAROL, [limit(SOL, false, "103", "1.5", "Gtc", { cloid: CLOID })]); // rests
    f.h.order(CAROL, [limit(SOL, false, "99", "1", "Ioc")]); // fills against ALICE's bid
    f.h.cancel(ALICE, SOL, f.ids.aliceBid);
  });
  const t = tick.time;
  assert.deepEqual(json(orderUpdates.onTick?.(ctx, sub(orderUpdates, { type: "orderUpdates", user: CAROL }), tick)), {
    channel: "orderUpdates",
    data: [
      {
        order: {
          coin: "SOL",
          side: "A",
          limitPx: "103.0",
          sz: "1.5",
          oid: 1_000_010,
          timestamp: t - 2,
          origSz: "1.5",
          cloid: CLOID,
        },
        status: "open",
        statusTimestamp: t - 2,
      },
      {
        order: { coin: "SOL", side: "A", limitPx: "99.0", sz: "0.0", oid: 1_000_011, timestamp: t - 1, origSz: "1.0" },
        status: "filled",
        statusTimestamp: t - 1,
      },
    ],
  });
  // ALICE's bid: 10, 1 filled by CAROL, 9 left when canceled.
  assert.deepEqual(json(orderUpdates.onTick?.(ctx, sub(orderUpdates, { type: "orderUpdates", user: ALICE }), tick)), {
    channel: "orderUpdates",
    data: [
      {
        order: {
          coin: "SOL",
          side: "B",
          limitPx: "99.0",
          sz: "9.0",
          oid: f.ids.aliceBid,
          timestamp: f.ids.solTradeTime - 2,
          origSz: "10.0",
        },
        status: "canceled",
        statusTimestamp: t,
      },
    ],
  });
  assert.equal(orderUpdates.onTick?.(ctx, sub(orderUpdates, { type: "orderUpdates", user: BOB }), tick), undefined);
});

test("onTick: a reduce-only trigger order carries reduceOnly: true", () => {
  const f = fixture();
  const { ctx, tick } = tickOf(f.h, () => f.h.order(BOB, [trigger(SOL, false, "120", "1", "120", "tp")]));
  const push = json(orderUpdates.onTick?.(ctx, sub(orderUpdates, { type: "orderUpdates", user: BOB }), tick));
  assert.deepEqual(push, {
    channel: "orderUpdates",
    data: [
      {
        order: {
          coin: "SOL",
          side: "A",
          limitPx: "120.0",
          sz: "1.0",
          oid: 1_000_010,
          timestamp: tick.time,
          origSz: "1.0",
          reduceOnly: true,
        },
        status: "open",
        statusTimestamp: tick.time,
      },
    ],
  });
});
