/**
 * @module test/api/weights
 * Hyperliquid's request costs: IP weights per info type and per exchange batch, the address budget and its text.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { addressCap, addressLimitText, batchLength, exchangeWeight, infoWeight } from "../../src/api/weights.ts";

test("info weights: 2 for the light types, 60 for userRole, 20 plus per-item extras otherwise", () => {
  assert.equal(infoWeight("l2Book", {}), 2);
  assert.equal(infoWeight("allMids", {}), 2);
  assert.equal(infoWeight("userRole", {}), 60);
  assert.equal(infoWeight("meta", {}), 20);
  assert.equal(infoWeight("userFills", new Array(45).fill(0)), 22);
  assert.equal(infoWeight("candleSnapshot", new Array(125).fill(0)), 22);
});

test("exchange weight is 1 + floor(batch / 40); the address budget counts orders and cancels", () => {
  const orders = (n: number) => ({ type: "order", orders: new Array(n).fill({}), grouping: "na" });
  assert.equal(exchangeWeight(orders(39)), 1);
  assert.equal(exchangeWeight(orders(40)), 2);
  assert.equal(batchLength(orders(7)), 7);
  assert.equal(batchLength({ type: "cancel", cancels: [{}, {}] }), 2);
  assert.equal(batchLength({ type: "noop" }), 1);
});

test("the budget is 10,000 plus one per USDC traded; cancels get min(limit + 100,000, 2 × limit)", () => {
  assert.equal(addressCap(0, false), 10_000);
  assert.equal(addressCap(437_920_000, false), 10_437);
  assert.equal(addressCap(0, true), 20_000);
  assert.equal(addressCap(500_000_000_000, true), 610_000);
  assert.equal(
    addressLimitText(37_986, 10_436, 437_920_000),
    "Too many cumulative requests sent (37986 > 10436) for cumulative volume traded $437.92. Place taker orders to free up 1 request per USDC traded.",
  );
});
