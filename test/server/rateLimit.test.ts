/**
 * @module test/server/rateLimit
 * The IP weight buckets refill at the budget per minute; the address budget refuses past its cap without counting.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { AddressBudget, IpLimiter } from "../../src/server/rateLimit.ts";

test("an IP spends its 1200 a minute and gets it back continuously; IPs are independent", () => {
  let now = 0;
  const limiter = new IpLimiter(() => now);
  for (let i = 0; i < 60; i++) assert.ok(limiter.take("a", 20));
  assert.equal(limiter.take("a", 2), false, "spent");
  assert.ok(limiter.take("b", 20), "another IP");
  now += 1_000;
  assert.ok(limiter.take("a", 20), "20 came back in a second");
  assert.equal(limiter.take("a", 1), false);
  now += 120_000;
  for (let i = 0; i < 60; i++) assert.ok(limiter.take("a", 20), "never more than a minute's budget");
  assert.equal(limiter.take("a", 1), false);
});

test("the address budget counts requests and refuses past the cap without counting the refused ones", () => {
  const budget = new AddressBudget();
  assert.equal(budget.take("u", 9_999, 0, false), undefined);
  assert.equal(budget.take("u", 1, 0, false), undefined);
  assert.equal(
    budget.take("u", 2, 0, false),
    "Too many cumulative requests sent (10002 > 10000) for cumulative volume traded $0.00. Place taker orders to free up 1 request per USDC traded.",
  );
  assert.equal(budget.usedBy("u"), 10_000);
  assert.equal(budget.take("u", 2, 0, true), undefined, "cancels have twice the room");
  assert.equal(budget.take("u", 5, 10_000_000, false), undefined, "trading $10 buys 10 requests");
});
