/**
 * @module test/api/info/metaAndAssetCtxs
 * `metaAndAssetCtxs`: meta plus one context per market, to the digit: traded and priced markets, markets without
 * any price, and a book deep enough for impact prices and a premium.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { formatPrintedRate } from "../../../src/api/info/_shapes.ts";
import { ALICE, BOB, Harness, limit, SOL, T0 } from "../../helpers/engine.ts";
import { buildFixture, contextOf, DEFAULT_META, historyOf, ok } from "./_fixture.ts";

/** A market nobody priced or traded. */
const UNPRICED = {
  funding: "0.0000125",
  openInterest: "0.0",
  prevDayPx: "0.0",
  dayNtlVlm: "0.0",
  premium: null,
  oraclePx: "0.0",
  markPx: "0.0",
  midPx: null,
  impactPxs: null,
  dayBaseVlm: "0.0",
};

test("one context per market, in universe order, to the digit", () => {
  const f = buildFixture();
  const [meta, ctxs] = ok(f.ctx, { type: "metaAndAssetCtxs" }) as [unknown, unknown[]];
  assert.deepEqual(meta, DEFAULT_META);
  assert.equal(ctxs.length, 14);
  // BTC: 0.1 traded at 100000 (OI 0.1, volume $10,000); oracle = mark 101000; its book is empty.
  assert.deepEqual(ctxs[0], {
    funding: "0.0000125",
    openInterest: "0.1",
    prevDayPx: "100000.0",
    dayNtlVlm: "10000.0",
    premium: "0.0",
    oraclePx: "101000.0",
    markPx: "101000.0",
    midPx: null,
    impactPxs: null,
    dayBaseVlm: "0.1",
  });
  // SOL: 2 traded at 102; bid 99 / ask 102 → mid 100.5; $1,085 of bids and $306 of asks cannot fill the $6,000
  // impact notional, so no impact prices and a zero premium; funding is the interest rate alone (0.01% / 8).
  assert.deepEqual(ctxs[5], {
    funding: "0.0000125",
    openInterest: "2.0",
    prevDayPx: "102.0",
    dayNtlVlm: "204.0",
    premium: "0.0",
    oraclePx: "104.0",
    markPx: "104.0",
    midPx: "100.5",
    impactPxs: null,
    dayBaseVlm: "2.0",
  });
  for (const i of [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13]) assert.deepEqual(ctxs[i], UNPRICED, `asset ${i}`);
});

test("a deep book gives impact prices, a premium and the predicted rate", () => {
  const h = new Harness({ markRule: "oracle" });
  h.oracle(SOL, "100");
  h.order(ALICE, [limit(SOL, true, "100.5", "100")]); // $10,050 of bids above the oracle
  h.order(BOB, [limit(SOL, false, "101", "100")]);
  h.tick(T0 + 20_000); // a few 5 s premium samples
  const ctx = contextOf(h, historyOf(h), h.time);
  const [, ctxs] = ok(ctx, { type: "metaAndAssetCtxs" }) as [unknown, unknown[]];
  // Impact bid 100.5 (the $6,000 fill sits in one level), impact ask 101; premium (100.5 − 100) / 100 = 0.005.
  // Hourly rate: (0.005 + clamp(0.0001 − 0.005, ±0.0005)) / 8 = 0.0045 / 8 = 0.0005625.
  assert.deepEqual(ctxs[5], {
    funding: "0.0005625",
    openInterest: "0.0",
    prevDayPx: "100.0",
    dayNtlVlm: "0.0",
    premium: "0.005",
    oraclePx: "100.0",
    markPx: "100.0",
    midPx: "100.75",
    impactPxs: ["100.5", "101.0"],
    dayBaseVlm: "0.0",
  });
});

test("premiums print with 10 decimals, rounded half away from zero (mainnet capture)", () => {
  assert.equal(formatPrintedRate(-93_209_676), "-0.0000932097");
  assert.equal(formatPrintedRate(93_209_650), "0.0000932097");
  assert.equal(formatPrintedRate(93_209_649), "0.0000932096");
  assert.equal(formatPrintedRate(0), "0.0");
  assert.equal(formatPrintedRate(12_500_000), "0.0000125");
});
