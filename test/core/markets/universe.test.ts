/**
 * @module test/core/markets/universe
 * The perp universe: Hyperliquid's real default parameters and validation of configurations.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_PERPS, Universe } from "../../../src/core/markets/universe.ts";

test("the default universe has Hyperliquid's first perps at their mainnet indices", () => {
  const u = new Universe(DEFAULT_PERPS);
  assert.ok(u.markets.length >= 8);
  assert.deepEqual(
    ["BTC", "ETH", "SOL", "DOGE"].map((c) => {
      const m = u.byCoin(c);
      return [c, m?.asset, m?.szDecimals, m?.maxLeverage, m?.priceDecimals];
    }),
    [
      ["BTC", 0, 5, 40, 1],
      ["ETH", 1, 4, 25, 2],
      ["SOL", 5, 2, 20, 4],
      ["DOGE", 12, 0, 10, 6],
    ],
  );
  assert.equal(u.byCoin("btc"), undefined, "names are case-sensitive");
  assert.equal(u.get(3)?.isDelisted, true);
});

test("invalid configurations are refused", () => {
  assert.throws(() => new Universe([{ name: "X", szDecimals: 7, maxLeverage: 3, marginTableId: 3 }]), /szDecimals/);
  assert.throws(() => new Universe([{ name: "X", szDecimals: 1, maxLeverage: 0, marginTableId: 3 }]), /maxLeverage/);
  assert.throws(
    () =>
      new Universe([
        { name: "X", szDecimals: 1, maxLeverage: 3, marginTableId: 3 },
        { name: "X", szDecimals: 1, maxLeverage: 3, marginTableId: 3 },
      ]),
    /duplicate/,
  );
  assert.throws(() => new Universe([{ name: "", szDecimals: 1, maxLeverage: 3, marginTableId: 3 }]), /invalid name/);
});

test("configs round-trip", () => {
  const u = new Universe(DEFAULT_PERPS);
  assert.deepEqual(new Universe(u.configs()).markets, u.markets);
});
