/**
 * @module test/core/num
 * Fixed-point parsing, formatting and Hyperliquid's price rules.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  ceilDiv,
  digitCount,
  floorDiv,
  formatUnits,
  parseUnits,
  priceHasValidFigures,
  roundToFigures,
  significantFigures,
} from "../../src/core/num.ts";

const units = (text: string, d: number) => {
  const p = parseUnits(text, d);
  return p.ok ? p.units : p.why;
};

test("parseUnits reads plain decimals into integer units", () => {
  assert.equal(units("123", 1), 1230);
  assert.equal(units("123.4", 1), 1234);
  assert.equal(units("0.0012", 6), 1200);
  assert.equal(units("1.50", 1), 15, "trailing zeros are insignificant");
  assert.equal(units("0", 3), 0);
  assert.equal(units("007.5", 1), 75);
});

test("parseUnits rejects what Hyperliquid would not take", () => {
  assert.equal(units("1.23", 1), "precision");
  assert.equal(units("1e5", 1), "format");
  assert.equal(units("-1", 1), "format");
  assert.equal(units(" 1", 1), "format");
  assert.equal(units(".5", 1), "format");
  assert.equal(units("1.", 1), "format");
  assert.equal(units("", 1), "format");
  assert.equal(units("99999999999999999", 0), "range");
});

test("formatUnits keeps the trailing .0 on integral values (spec §0)", () => {
  assert.equal(formatUnits(1133770, 1), "113377.0");
  assert.equal(formatUnits(0, 4), "0.0");
  assert.equal(formatUnits(50, 1), "5.0");
  assert.equal(formatUnits(125, 7), "0.0000125");
  assert.equal(formatUnits(-134, 4), "-0.0134");
  assert.equal(formatUnits(12, 0), "12.0");
  assert.equal(formatUnits(297920, 1), "29792.0");
});

test("formatUnits and parseUnits round-trip exactly", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.integer({ min: 0, max: 8 }), (u, d) => {
      assert.equal(units(formatUnits(u, d), d), u);
    }),
  );
});

test("5 significant figures, integers always allowed (spec §5.4 examples)", () => {
  // perp, szDecimals 2 → 4 price decimals
  assert.equal(priceHasValidFigures(12345, 1), true, "1234.5");
  assert.equal(units("1234.56", 1), "precision", "1234.56 has too many decimals for szDecimals 5");
  assert.equal(priceHasValidFigures(123456, 1), false, "12345.6");
  assert.equal(priceHasValidFigures(1234560, 1), true, "123456 is an integer");
  assert.equal(priceHasValidFigures(1234, 6), true, "0.001234");
  assert.equal(units("0.0012345", 6), "precision", "0.0012345: 7 decimals");
  assert.equal(priceHasValidFigures(12340, 5), true, "szDecimals 1: 0.01234");
  assert.equal(units("0.012345", 5), "precision", "szDecimals 1: 0.012345");
});

test("digit and figure counts", () => {
  assert.equal(digitCount(0), 1);
  assert.equal(digitCount(9), 1);
  assert.equal(digitCount(10), 2);
  assert.equal(digitCount(2 ** 53), 16);
  assert.equal(significantFigures(1200), 2);
  assert.equal(significantFigures(1201), 4);
});

test("roundToFigures rounds to 5 figures but never below a whole price", () => {
  assert.equal(roundToFigures(1234567, 5, 1, "down"), 1234560);
  assert.equal(roundToFigures(1234567, 5, 1, "up"), 1234570);
  assert.equal(roundToFigures(123456, 5, 6, "down"), 123450);
  assert.equal(roundToFigures(123450, 5, 6, "up"), 123450);
  assert.equal(roundToFigures(99999, 5, 1, "up"), 99999);
});

test("floorDiv and ceilDiv are exact on signed integers", () => {
  assert.equal(floorDiv(7, 2), 3);
  assert.equal(floorDiv(-7, 2), -4);
  assert.equal(ceilDiv(7, 2), 4);
  assert.equal(ceilDiv(-7, 2), -3);
  assert.equal(floorDiv(2 ** 53 - 1, 10), 900719925474099);
});

test("mulDiv is exact past 2^53 and rounds as asked", async () => {
  const { mulDiv } = await import("../../src/core/num.ts");
  assert.equal(mulDiv(7, 3, 2, "floor"), 10);
  assert.equal(mulDiv(7, 3, 2, "ceil"), 11);
  assert.equal(mulDiv(-7, 3, 2, "floor"), -11);
  assert.equal(mulDiv(-7, 3, 2, "ceil"), -10);
  // 9e15 × 45 overflows a double's exact range; the result must still be exact.
  assert.equal(mulDiv(9_000_000_000_000_001, 45, 100_000, "ceil"), 4_050_000_000_001);
  assert.equal(mulDiv(-9_000_000_000_000_001, 45, 100_000, "floor"), -4_050_000_000_001);
  assert.throws(() => mulDiv(2 ** 52, 2 ** 10, 1, "floor"), /past 2\^53/);
});
