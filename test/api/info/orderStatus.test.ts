/**
 * @module test/api/info/orderStatus
 * `orderStatus` by oid and by cloid: live orders from the engine, finished ones from the history, `unknownOid`
 * for anything else, including another user's order.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, ASK_CLOID, BOB, buildFixture, contextOf, historyOf, mixedCase, ok, SOL, T0 } from "./_fixture.ts";

const f = buildFixture();
const status = (user: string, oid: number | string) => ok(f.ctx, { type: "orderStatus", user, oid });

const ASK = {
  coin: "SOL",
  side: "A",
  limitPx: "102.0",
  sz: "3.0",
  oid: 0,
  timestamp: T0 + 7,
  triggerCondition: "N/A",
  isTrigger: false,
  triggerPx: "0.0",
  children: [],
  isPositionTpsl: false,
  reduceOnly: false,
  orderType: "Limit",
  origSz: "5.0",
  tif: "Gtc",
  cloid: ASK_CLOID,
};

test("a live order by oid and by cloid (any case): status open, what remains", () => {
  const expected = {
    status: "order",
    order: { order: { ...ASK, oid: f.ids.aliceAsk }, status: "open", statusTimestamp: T0 + 7 },
  };
  assert.deepEqual(status(ALICE, f.ids.aliceAsk), expected);
  assert.deepEqual(status(ALICE, ASK_CLOID), expected);
  assert.deepEqual(status(mixedCase(ALICE), ASK_CLOID.toUpperCase().replace("0X", "0x")), expected);
});

test("finished orders come from the history: filled and canceled", () => {
  const filled = status(BOB, f.ids.bobSolBuy) as {
    status: string;
    order: { status: string; statusTimestamp: number; order: { sz: string; origSz: string } };
  };
  assert.equal(filled.status, "order");
  assert.deepEqual(
    [filled.order.status, filled.order.statusTimestamp, filled.order.order.sz, filled.order.order.origSz],
    ["filled", f.ids.solTradeTime, "0.0", "2.0"],
  );
  const canceled = status(ALICE, f.ids.aliceCanceled) as { order: { status: string } };
  assert.equal(canceled.order.status, "canceled");
});

test("a canceled cloid order is found by its cloid in the history", () => {
  const g = buildFixture();
  g.h.cancelByCloid(ALICE, SOL, ASK_CLOID);
  const ctx = contextOf(g.h, historyOf(g.h), 0);
  const answer = ok(ctx, { type: "orderStatus", user: ALICE, oid: ASK_CLOID }) as {
    order: { status: string; order: { oid: number; sz: string } };
  };
  assert.deepEqual(
    [answer.order.status, answer.order.order.oid, answer.order.order.sz],
    ["canceled", g.ids.aliceAsk, "3.0"],
  );
});

test("unknown oids, unknown cloids and other users' orders are unknownOid", () => {
  assert.deepEqual(status(ALICE, 42), { status: "unknownOid" });
  assert.deepEqual(status(BOB, f.ids.aliceAsk), { status: "unknownOid" }, "ALICE's live order");
  assert.deepEqual(status(ALICE, f.ids.bobSolBuy), { status: "unknownOid" }, "BOB's filled order");
  assert.deepEqual(status(BOB, ASK_CLOID), { status: "unknownOid" });
  assert.deepEqual(status(ALICE, `0x${"0".repeat(32)}`), { status: "unknownOid" });
});
