/**
 * @module test/core/clearinghouse/margin
 * Account figures against the identities the mechanics doc verified on real payloads (§1.3, §4.1).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Account } from "../../../src/core/clearinghouse/account.ts";
import { accountRisk, liquidationPrice, type MarginEnv } from "../../../src/core/clearinghouse/margin.ts";
import { makeConfig } from "../../../src/core/config.ts";
import { emptyPrices } from "../../../src/core/markets/prices.ts";
import { Universe } from "../../../src/core/markets/universe.ts";

/** One ETH market at 50x (maintenance 1%), as in the doc's isolated example. */
function env(mark: number): MarginEnv {
  const markets = [{ name: "ETH", szDecimals: 4, maxLeverage: 50, marginTableId: 50 }];
  const tables = new Map([[50, { description: "", tiers: [{ lowerBound: 0, maxLeverage: 50 }] }]]);
  return {
    universe: new Universe(markets),
    tables,
    prices: [{ ...emptyPrices(), mark }],
    config: makeConfig({ markets }),
  };
}

test("the doc's isolated ETH long: rawUsd −95.059824, mark 2985.9 → equity 4.967826, liq ≈ 2866.2694", () => {
  const e = env(298590);
  const a = new Account("0xa");
  a.leverage.set(0, { type: "isolated", value: 20 });
  const p = a.positionOf(0);
  p.size = 335; // 0.0335 ETH
  p.entryNotional = 335 * 297_960; // entry 2979.60
  p.isoRaw = -95_059_824;
  const risk = accountRisk(e, a);
  const pos = risk.positions[0];
  assert.ok(pos);
  assert.equal(pos.notional, 100_027_650, "positionValue 100.02765");
  assert.equal(pos.isolatedEquity, 4_967_826, "marginUsed 4.967826");
  assert.equal(risk.isolatedValue, 4_967_826);
  // Hyperliquid prints 2866.26936529; in ETH's 0.01 ticks that is 2866.27 (within one tick, rounded down).
  assert.equal(liquidationPrice(e, risk, pos), 286627);
});

test("cross figures: account value, margin used, maintenance, withdrawable = value − max(IM, 10% notional)", () => {
  const e = env(300000); // ETH at 3000
  const a = new Account("0xa");
  a.cash = -2_000_000_000; // bought 1 ETH at 3000 with $1,000
  a.leverage.set(0, { type: "cross", value: 20 });
  const p = a.positionOf(0);
  p.size = 10_000;
  p.entryNotional = 3_000_000_000;
  const risk = accountRisk(e, a);
  assert.equal(risk.crossValue, 1_000_000_000);
  assert.equal(risk.crossInitialMargin, 150_000_000, "3000 / 20");
  assert.equal(risk.crossMaintenance, 30_000_000, "1% of 3000");
  assert.equal(risk.withdrawable, 1_000_000_000 - 300_000_000, "10% of notional exceeds IM");
  assert.equal(risk.positions[0]?.unrealizedPnl, 0);
});
