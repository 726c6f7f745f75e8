/**
 * @module test/core/markets/marginTables
 * Margin tiers: the deductions the mechanics doc derives (§1.2), continuity, single-tier ids below 50.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEFAULT_MARGIN_TABLES,
  initialMargin,
  maintenanceMargin,
  marginTable,
  maxLeverageAt,
} from "../../../src/core/markets/marginTables.ts";

const USD = 1_000_000;
const table = (id: number) => marginTable(id, DEFAULT_MARGIN_TABLES);

test("maintenance margin is half the initial margin at max leverage in the first tier", () => {
  assert.equal(maintenanceMargin(table(56), 1_000_000 * USD), 12_500 * USD, "BTC 40x → 1.25%");
  assert.equal(maintenanceMargin(table(54), 1_000_000 * USD), 25_000 * USD, "SOL 20x → 2.5%");
  assert.equal(maintenanceMargin(table(3), 300 * USD), 50 * USD, "3x → 16.7%");
});

test("upper tiers subtract the deduction the doc derives (BTC 1,875,000; ETH 1,333,333.33; SOL 1,750,000)", () => {
  // BTC above $150M: notional / 40 − 1,875,000.
  assert.equal(maintenanceMargin(table(56), 200_000_000 * USD), (5_000_000 - 1_875_000) * USD);
  // ETH above $100M: notional / 30 − 1,333,333.33…; 200M → 5,333,333.33… rounded up to the micro-dollar.
  assert.equal(maintenanceMargin(table(55), 200_000_000 * USD), 5_333_333_333_334);
  // SOL above $70M: notional / 20 − 1,750,000.
  assert.equal(maintenanceMargin(table(54), 100_000_000 * USD), (5_000_000 - 1_750_000) * USD);
  // ARB/BNB group above $3M: notional / 10 − 150,000.
  assert.equal(maintenanceMargin(table(51), 4_000_000 * USD), (400_000 - 150_000) * USD);
});

test("maintenance margin is continuous at each tier boundary", () => {
  for (const [, t] of DEFAULT_MARGIN_TABLES) {
    for (const tier of t.tiers.slice(1)) {
      const below = maintenanceMargin(t, tier.lowerBound);
      const above = maintenanceMargin(t, tier.lowerBound + 1);
      assert.ok(above - below <= 1, `${t.description} at ${tier.lowerBound}: ${below} → ${above}`);
    }
  }
});

test("max leverage by notional, single-tier ids, initial margin rounding", () => {
  assert.equal(maxLeverageAt(table(56), 150_000_000 * USD), 40);
  assert.equal(maxLeverageAt(table(56), 150_000_000 * USD + 1), 20);
  assert.deepEqual(table(5).tiers, [{ lowerBound: 0, maxLeverage: 5 }]);
  assert.throws(() => table(77), /not configured/);
  assert.equal(initialMargin(100, 3), 34);
});
