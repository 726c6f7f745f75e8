/**
 * @module test/api/info/historicalOrders
 * `historicalOrders`: each order once with its latest status, most recent first; live orders show what remains;
 * market orders print as `Market` with tif `FrontendMarket`.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { limit } from "../../helpers/engine.ts";
import { ALICE, ASK_CLOID, BOB, buildFixture, contextOf, DAVE, historyOf, ok, SOL, T0 } from "./_fixture.ts";

/** A plain limit order in frontend form. */
function limitOrder(o: {
  side: "A" | "B";
  limitPx: string;
  sz: string;
  oid: number;
  timestamp: number;
  origSz: string;
  tif: string;
  coin?: string;
  cloid?: string;
  orderType?: string;
}) {
  return {
    coin: o.coin ?? "SOL",
    side: o.side,
    limitPx: o.limitPx,
    sz: o.sz,
    oid: o.oid,
    timestamp: o.timestamp,
    triggerCondition: "N/A",
    isTrigger: false,
    triggerPx: "0.0",
    children: [],
    isPositionTpsl: false,
    reduceOnly: false,
    orderType: o.orderType ?? "Limit",
    origSz: o.origSz,
    tif: o.tif,
    cloid: o.cloid ?? null,
  };
}

test("ALICE: the canceled bid, the partly filled ask (live view: 3 left), the bid", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "historicalOrders", user: ALICE }), [
    {
      order: limitOrder({
        side: "B",
        limitPx: "90.0",
        sz: "1.0",
        oid: f.ids.aliceCanceled,
        timestamp: T0 + 3_600_004,
        origSz: "1.0",
        tif: "Gtc",
      }),
      status: "canceled",
      statusTimestamp: T0 + 3_600_005,
    },
    {
      order: limitOrder({
        side: "A",
        limitPx: "102.0",
        sz: "3.0",
        oid: f.ids.aliceAsk,
        timestamp: T0 + 7,
        origSz: "5.0",
        tif: "Gtc",
        cloid: ASK_CLOID,
      }),
      status: "open",
      statusTimestamp: T0 + 7,
    },
    {
      order: limitOrder({
        side: "B",
        limitPx: "99.0",
        sz: "10.0",
        oid: f.ids.aliceBid,
        timestamp: T0 + 6,
        origSz: "10.0",
        tif: "Gtc",
      }),
      status: "open",
      statusTimestamp: T0 + 6,
    },
  ]);
});

test("BOB: the filled BTC ask, the open stop, the filled IOC", () => {
  const f = buildFixture();
  const list = ok(f.ctx, { type: "historicalOrders", user: BOB }) as {
    order: { oid: number; sz: string; tif: string | null; orderType: string };
    status: string;
    statusTimestamp: number;
  }[];
  assert.deepEqual(
    list.map((r) => [r.order.oid, r.status, r.statusTimestamp, r.order.sz, r.order.tif, r.order.orderType]),
    [
      [f.ids.bobBtcAsk, "filled", f.ids.btcTradeTime, "0.0", "Gtc", "Limit"],
      [f.ids.bobStop, "open", T0 + 9, "2.0", null, "Stop Market"],
      [f.ids.bobSolBuy, "filled", f.ids.solTradeTime, "0.0", "Ioc", "Limit"],
    ],
  );
  assert.deepEqual(
    list[0]?.order,
    limitOrder({
      coin: "BTC",
      side: "A",
      limitPx: "100000.0",
      sz: "0.0",
      oid: f.ids.bobBtcAsk,
      timestamp: T0 + 12,
      origSz: "0.1",
      tif: "Gtc",
    }),
  );
  assert.deepEqual(ok(f.ctx, { type: "historicalOrders", user: DAVE }), []);
});

test("a FrontendMarket order prints orderType Market", () => {
  const f = buildFixture();
  f.h.order(BOB, [limit(SOL, true, "110", "1", "FrontendMarket")]);
  const [latest] = ok(contextOf(f.h, historyOf(f.h), 0), { type: "historicalOrders", user: BOB }) as {
    order: { orderType: string; tif: string };
    status: string;
  }[];
  assert.deepEqual(
    [latest?.order.orderType, latest?.order.tif, latest?.status],
    ["Market", "FrontendMarket", "filled"],
  );
});
