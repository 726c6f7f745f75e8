/**
 * @module test/api/info/frontendOpenOrders
 * `frontendOpenOrders`: trigger conditions and order types, TP/SL children nested under an unfilled entry and
 * listed on their own once it fills, positionTpsl flags.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { limit, trigger } from "../../helpers/engine.ts";
import { ALICE, BOB, buildFixture, CAROL, DAVE, historyOf, contextOf, ok, SOL, T0 } from "./_fixture.ts";

/** CAROL's TP/SL legs as listed, newest (the stop) first. */
function carolLegs(ids: { carolTp: number; carolSl: number }) {
  const leg = (oid: number, px: string, condition: string, orderType: string) => ({
    coin: "SOL",
    side: "A",
    limitPx: px,
    sz: "1.0",
    oid,
    timestamp: T0 + 10,
    triggerCondition: condition,
    isTrigger: true,
    triggerPx: px,
    children: [],
    isPositionTpsl: false,
    reduceOnly: true,
    orderType,
    origSz: "1.0",
    tif: null,
    cloid: null,
  });
  return [
    leg(ids.carolSl, "90.0", "Price below 90", "Stop Market"),
    leg(ids.carolTp, "110.0", "Price above 110", "Take Profit Market"),
  ];
}

test("a normalTpsl entry that has not filled carries its TP/SL legs as children, newest first", () => {
  const f = buildFixture();
  const answer = ok(f.ctx, { type: "frontendOpenOrders", user: CAROL });
  assert.deepEqual(answer, [
    {
      coin: "SOL",
      side: "B",
      limitPx: "95.0",
      sz: "1.0",
      oid: f.ids.carolParent,
      timestamp: T0 + 10,
      triggerCondition: "N/A",
      isTrigger: false,
      triggerPx: "0.0",
      children: carolLegs(f.ids),
      isPositionTpsl: false,
      reduceOnly: false,
      orderType: "Limit",
      origSz: "1.0",
      tif: "Gtc",
      cloid: null,
    },
  ]);
  // Keys in the real server's order.
  assert.deepEqual(Object.keys((answer as object[])[0] as object), [
    "coin",
    "side",
    "limitPx",
    "sz",
    "oid",
    "timestamp",
    "triggerCondition",
    "isTrigger",
    "triggerPx",
    "children",
    "isPositionTpsl",
    "reduceOnly",
    "orderType",
    "origSz",
    "tif",
    "cloid",
  ]);
});

test("BOB's stop: a sell stop triggers below; a resting limit with a cloid prints it", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "frontendOpenOrders", user: BOB }), [
    {
      coin: "SOL",
      side: "A",
      limitPx: "85.0",
      sz: "2.0",
      oid: f.ids.bobStop,
      timestamp: T0 + 9,
      triggerCondition: "Price below 90",
      isTrigger: true,
      triggerPx: "90.0",
      children: [],
      isPositionTpsl: false,
      reduceOnly: true,
      orderType: "Stop Market",
      origSz: "2.0",
      tif: null,
      cloid: null,
    },
  ]);
  const alice = ok(f.ctx, { type: "frontendOpenOrders", user: ALICE }) as { cloid: string | null }[];
  assert.deepEqual(
    alice.map((o) => o.cloid),
    [`0x${"ab".repeat(16)}`, null],
  );
  assert.deepEqual(ok(f.ctx, { type: "frontendOpenOrders", user: DAVE }), []);
});

test("once the entry fills, its legs are listed on their own", () => {
  const f = buildFixture();
  f.h.deposit(DAVE, 100_000);
  f.h.order(DAVE, [limit(SOL, false, "95", "11", "Ioc")]); // takes ALICE's 10 at 99, then CAROL's 1 at 95
  const ctx = contextOf(f.h, historyOf(f.h), f.now);
  assert.deepEqual(ok(ctx, { type: "frontendOpenOrders", user: CAROL }), carolLegs(f.ids));
});

test("buy triggers mirror sells: a buy stop above, a buy take-profit below; limit triggers; positionTpsl", () => {
  const f = buildFixture();
  // ALICE is short 2 SOL.
  f.h.order(ALICE, [trigger(SOL, true, "111", "2", "110", "sl", false)]);
  f.h.order(ALICE, [trigger(SOL, true, "96", "2", "95", "tp")], "positionTpsl");
  const orders = ok(contextOf(f.h, historyOf(f.h), 0), { type: "frontendOpenOrders", user: ALICE }) as Record<
    string,
    unknown
  >[];
  const pick = (o: Record<string, unknown> | undefined) => ({
    triggerCondition: o?.triggerCondition,
    orderType: o?.orderType,
    isPositionTpsl: o?.isPositionTpsl,
    limitPx: o?.limitPx,
    tif: o?.tif,
  });
  assert.deepEqual(pick(orders[0]), {
    triggerCondition: "Price below 95",
    orderType: "Take Profit Market",
    isPositionTpsl: true,
    limitPx: "96.0",
    tif: null,
  });
  assert.deepEqual(pick(orders[1]), {
    triggerCondition: "Price above 110",
    orderType: "Stop Limit",
    isPositionTpsl: false,
    limitPx: "111.0",
    tif: null,
  });
});
