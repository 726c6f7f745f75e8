/**
 * @module test/core/clearinghouse/funding
 * Funding formulas against the mechanics doc's verified mainnet numbers (§3), and the hourly clock in the engine.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Book, type BookOrder, bookOrder } from "../../../src/core/book/book.ts";
import { fundingPayment, hourlyRate, premiumSample } from "../../../src/core/clearinghouse/funding.ts";
import { DEFAULT_CONFIG } from "../../../src/core/config.ts";
import { emptyPrices } from "../../../src/core/markets/prices.ts";
import { DEFAULT_PERPS, type Market, Universe } from "../../../src/core/markets/universe.ts";
import { ALICE, BOB, Harness, limit, SOL } from "../../helpers/engine.ts";

const rate = (decimal: number) => Math.round(decimal * 1e12);

test("hourly rate = (P + clamp(I − P, ±0.05%)) / 8, truncated to 10 decimals (doc §3, mainnet rows)", () => {
  assert.equal(hourlyRate(rate(-0.0004653492), DEFAULT_CONFIG), rate(0.0000043313));
  assert.equal(hourlyRate(rate(-0.0003460577), DEFAULT_CONFIG), rate(0.0000125));
  assert.equal(hourlyRate(rate(0.0001446433), DEFAULT_CONFIG), rate(0.0000125));
  assert.equal(hourlyRate(0, DEFAULT_CONFIG), rate(0.0000125), "interest alone: 0.01% / 8h");
  assert.equal(hourlyRate(rate(1), DEFAULT_CONFIG), rate(0.04), "capped at 4% an hour");
  assert.equal(hourlyRate(rate(-1), DEFAULT_CONFIG), rate(-0.04));
});

function order(oid: number, isBuy: boolean, price: number, size: number): BookOrder {
  return bookOrder({ oid, user: "u", isBuy, price, size });
}

test("premium sample from impact prices: oracle 85828, impact [85816, 85820] → −0.0000932097 (doc §3)", () => {
  const btc = new Universe(DEFAULT_PERPS).get(0) as Market;
  const book = new Book();
  book.add(order(1, true, 858160, 100_000)); // 1 BTC at 85816.0, more than the $20,000 impact notional
  book.add(order(2, false, 858200, 100_000));
  const prices = { ...emptyPrices(), oracle: 858280 };
  const premium = premiumSample(book, btc, prices);
  assert.equal(premium, -93_209_676, "−8 / 85828 in parts per 10^12, rounded down");
  assert.equal(Math.round((premium ?? 0) / 100) / 1e10, -0.0000932097);
  assert.equal(premiumSample(new Book(), btc, prices), 0, "an empty book adds nothing");
  assert.equal(premiumSample(book, btc, emptyPrices()), undefined, "no oracle, no sample");
});

test("payment = size × oracle × rate; longs pay when positive; the exchange keeps rounding", () => {
  assert.equal(fundingPayment(1500, 25369_0000, rate(0.00000625)), 2_378_344, "HIP-3 example: −15 × 25369 × 6.25e-6");
  assert.equal(fundingPayment(-1500, 25369_0000, rate(0.00000625)), -2_378_343);
});

test("the engine samples every 5 s and pays on the hour, conserving money", () => {
  const h = new Harness({ markRule: "oracle" });
  h.order(BOB, [limit(SOL, false, "100", "10")]);
  h.order(ALICE, [limit(SOL, true, "100", "10")]);
  h.oracle(SOL, "100");
  const hour = 3_600_000;
  const next = h.time - (h.time % hour) + hour;
  const events = h.tick(next + 1);
  const payments = events.filter((e) => e.type === "funding");
  assert.equal(payments.length, 2);
  const rateEvent = events.find((e) => e.type === "fundingRate");
  assert.ok(rateEvent?.type === "fundingRate" && rateEvent.rate === rate(0.0000125) && rateEvent.samples > 0);
  const alice = payments.find((e) => e.type === "funding" && e.user === ALICE);
  // 10 SOL × $100 × 0.00125% = $0.0125 paid by the long.
  assert.ok(alice?.type === "funding" && alice.usd === -12_500 && alice.time === next);
  const later = h.tick(next + 3 * hour);
  assert.equal(later.filter((e) => e.type === "fundingRate").length, 3, "each hour passed is paid once");
});
