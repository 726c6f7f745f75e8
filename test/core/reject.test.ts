/**
 * @module test/core/reject
 * The rejection catalogue: Hyperliquid's exact strings, the asset suffix, placeholders and statuses.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ORDER_REJECTS, REJECT_STATUS, rejectText } from "../../src/core/reject.ts";

test("order errors carry the live server's asset suffix; cancel and action errors do not", () => {
  assert.equal(rejectText({ code: "margin", asset: 4 }), "Insufficient margin to place order. asset=4");
  assert.equal(rejectText({ code: "missingOrder" }), "Order was never placed, already canceled, or filled.");
  assert.equal(rejectText({ code: "unknownAsset", asset: 77 }), "Asset 77 is not a valid asset.");
});

test("placeholders are filled", () => {
  assert.equal(
    rejectText({ code: "badAloPx", asset: 0, params: { bbo: "100.0@101.0" } }),
    "Post only order would have immediately matched, bbo was 100.0@101.0. asset=0",
  );
});

test("the documented base strings are verbatim (spec §5.3)", () => {
  assert.equal(ORDER_REJECTS.tick, "Price must be divisible by tick size.");
  assert.equal(ORDER_REJECTS.minNotional, "Order must have minimum value of $10.");
  assert.equal(ORDER_REJECTS.iocCancel, "Order could not immediately match against any resting orders.");
  assert.equal(ORDER_REJECTS.reduceOnly, "Reduce only order would increase position.");
  assert.equal(ORDER_REJECTS.marketNoLiquidity, "No liquidity available for market order.");
  assert.equal(REJECT_STATUS.badAloPx, "badAloPxRejected");
});
