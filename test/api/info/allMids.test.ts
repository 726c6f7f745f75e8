/**
 * @module test/api/info/allMids
 * `allMids`: exact mids, the last-trade and mark fallbacks, and what is left out.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, BOB, Harness, limit, SOL } from "../../helpers/engine.ts";
import { BTC, buildFixture, contextOf, DESERIALIZE, historyOf, ok, refused } from "./_fixture.ts";

const ETH = 1;
const MATIC = 3;

test("mid of bid and ask; an empty book falls back to the last trade; unpriced markets are left out", () => {
  const f = buildFixture();
  // SOL: (99 + 102) / 2. BTC: its book is empty; last trade 100000 (the mark is 101000).
  assert.deepEqual(ok(f.ctx, { type: "allMids" }), { BTC: "100000.0", SOL: "100.5" });
  assert.deepEqual(ok(f.ctx, { type: "allMids", dex: "" }), { BTC: "100000.0", SOL: "100.5" });
  assert.equal(refused(f.ctx, { type: "allMids", dex: "abc" }).startsWith(`${DESERIALIZE}: unknown perp dex`), true);
});

test("the mid is exact: one decimal more than the market's prices when the sum is odd", () => {
  const h = new Harness();
  h.order(ALICE, [limit(SOL, true, "1.2345", "10")]);
  h.order(BOB, [limit(SOL, false, "1.2346", "10")]);
  assert.deepEqual(ok(contextOf(h, historyOf(h), 0), { type: "allMids" }), { SOL: "1.23455" });
});

test("a market with only an oracle price answers its mark; a one-sided book without trades too; delisted never", () => {
  const h = new Harness({ markRule: "oracle" });
  h.oracle(ETH, "3000");
  h.oracle(BTC, "100000");
  h.order(ALICE, [limit(BTC, true, "99000", "0.1")]); // one-sided, no trade yet
  h.oracle(MATIC, "1");
  assert.deepEqual(ok(contextOf(h, historyOf(h), 0), { type: "allMids" }), { BTC: "100000.0", ETH: "3000.0" });
});
