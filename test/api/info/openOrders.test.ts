/**
 * @module test/api/info/openOrders
 * `openOrders`: every live order, newest first, `cloid` and `reduceOnly` only when set.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, ASK_CLOID, BOB, buildFixture, CAROL, DAVE, ok, refused, T0 } from "./_fixture.ts";

const f = buildFixture();
const orders = (user: string) => ok(f.ctx, { type: "openOrders", user });

test("ALICE: the ask (3 of 5 left, with its cloid) then the older bid", () => {
  assert.deepEqual(orders(ALICE), [
    {
      coin: "SOL",
      side: "A",
      limitPx: "102.0",
      sz: "3.0",
      oid: f.ids.aliceAsk,
      timestamp: T0 + 7,
      origSz: "5.0",
      cloid: ASK_CLOID,
    },
    { coin: "SOL", side: "B", limitPx: "99.0", sz: "10.0", oid: f.ids.aliceBid, timestamp: T0 + 6, origSz: "10.0" },
  ]);
});

test("trigger orders are listed with their limit price; reduce-only shows; TP/SL children are flat here", () => {
  assert.deepEqual(orders(BOB), [
    {
      coin: "SOL",
      side: "A",
      limitPx: "85.0",
      sz: "2.0",
      oid: f.ids.bobStop,
      timestamp: T0 + 9,
      origSz: "2.0",
      reduceOnly: true,
    },
  ]);
  const carol = orders(CAROL) as { oid: number }[];
  assert.deepEqual(
    carol.map((o) => o.oid),
    [f.ids.carolSl, f.ids.carolTp, f.ids.carolParent],
  );
  assert.deepEqual(orders(DAVE), []);
  assert.match(refused(f.ctx, { type: "openOrders", user: ALICE, dex: "x" }), /unknown perp dex "x"/);
});
