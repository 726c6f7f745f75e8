/**
 * @module test/core/markets/prices
 * The mark rule (median of oracle + basis EMA, the book's median and its EMA), impact prices, and the asset context.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Book, type BookOrder, bookOrder } from "../../../src/core/book/book.ts";
import { emptyPrices, impactPrice, median, updateMark } from "../../../src/core/markets/prices.ts";
import { ALICE, BOB, CAROL, Harness, limit, SOL } from "../../helpers/engine.ts";

let oid = 1;
function put(book: Book, isBuy: boolean, price: number, size: number): void {
  const o: BookOrder = bookOrder({ oid: oid++, user: "u", isBuy, price, size });
  book.add(o);
}

test("median of one, two (mean) or three values", () => {
  assert.equal(median([5]), 5);
  assert.equal(median([4, 7]), 5);
  assert.equal(median([9, 1, 5]), 5);
});

test("without a book or trades the mark is the oracle", () => {
  const p = emptyPrices();
  assert.equal(updateMark(p, new Book(), 1000, 1), 1000);
  assert.equal(updateMark(p, new Book(), 1100, 3001), 1100);
});

test("with a book the mark is the median of the three inputs, and EMAs move gradually", () => {
  const book = new Book();
  put(book, true, 990, 1);
  put(book, false, 1010, 1);
  const p = emptyPrices();
  // First update: basis EMA = mid − oracle = 1000 − 1000; local median(990, 1010) = 1000.
  assert.equal(updateMark(p, book, 1000, 1_000), 1000);
  // The oracle jumps to 1100 while the book stays: input 1 = 1100 + EMA(basis) moves only part of the way to 1000,
  // inputs 2 and 3 stay at 1000, so the mark stays with the book.
  const mark = updateMark(p, book, 1100, 4_000);
  assert.equal(mark, 1000);
  assert.ok((p.emaBasis ?? 0) < 0 && (p.emaBasis ?? 0) > -100, `basis EMA ${p.emaBasis}`);
  // "oracle" rule: the mark follows the oracle exactly.
  assert.equal(updateMark(p, book, 1200, 7_000, true), 1200);
});

test("impact price: average execution price of the impact notional, undefined when too thin", () => {
  const book = new Book();
  put(book, false, 100, 50); // 5,000 at 100
  put(book, false, 110, 100); // 11,000 at 110
  assert.equal(impactPrice(book.asks, 6_000), 102, "50 @ 100 + 10 @ 110 = 6100 / 60 → 101.67, rounded away: 102");
  assert.equal(impactPrice(book.asks, 1_000_000), undefined);
  assert.equal(impactPrice(book.bids, 1), undefined);
});

test("the asset context: open interest, day volume, previous day price, predicted funding", () => {
  const h = new Harness({ markRule: "oracle" });
  h.oracle(SOL, "100");
  h.order(BOB, [limit(SOL, false, "100", "10")]);
  h.order(ALICE, [limit(SOL, true, "100", "4")]);
  h.order(CAROL, [limit(SOL, true, "100", "2")]);
  const ctx = h.engine.assetContext(SOL);
  assert.ok(ctx);
  assert.equal(ctx.openInterest, 600);
  assert.equal(ctx.dayNotional, 600_000_000);
  assert.equal(ctx.dayBase, 600);
  assert.equal(ctx.prevDayPrice, 1_000_000);
  assert.equal(ctx.mark, 1_000_000);
  assert.equal(ctx.oracle, 1_000_000);
  assert.equal(ctx.mid, undefined, "one-sided book");
  assert.equal(ctx.funding, 12_500_000, "interest alone before any premium");
  h.tick(h.time + 25 * 3_600_000);
  const later = h.engine.assetContext(SOL);
  assert.equal(later?.dayNotional, 0, "volume rolls out after 24 hours");
  assert.equal(h.engine.assetContext(99), undefined);
});
