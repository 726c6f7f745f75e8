/**
 * @module test/core/book/book
 * The L3 book structure: level ordering, FIFO, O(1) unlink, totals and counts, readable dump.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Book, type BookOrder, bookOrder } from "../../../src/core/book/book.ts";

function order(oid: number, isBuy: boolean, price: number, size: number): BookOrder {
  return bookOrder({ oid, user: "u", isBuy, price, size, timestamp: oid });
}

test("levels stay sorted with the best last, whatever the insertion order", () => {
  const book = new Book();
  for (const [i, p] of [5, 1, 9, 3, 7].entries()) book.add(order(i + 1, true, p, 1));
  for (const [i, p] of [15, 11, 19, 13].entries()) book.add(order(i + 10, false, p, 1));
  assert.deepEqual([...book.bids.bestFirst()].map((l) => l.price).reverse(), [1, 3, 5, 7, 9]);
  assert.deepEqual([...book.asks.bestFirst()].map((l) => l.price).reverse(), [19, 15, 13, 11]);
  assert.equal(book.bestBid(), 9);
  assert.equal(book.bestAsk(), 11);
  assert.equal(book.wouldCross(true, 11), true);
  assert.equal(book.wouldCross(true, 10), false);
  assert.equal(book.wouldCross(false, 9), true);
});

test("removing head, middle and tail of a level keeps links, totals and counts", () => {
  const book = new Book();
  for (let oid = 1; oid <= 5; oid++) book.add(order(oid, false, 100, oid));
  const level = book.asks.level(100);
  assert.ok(level);
  assert.equal(level.total, 15);
  book.remove(3);
  book.remove(1);
  book.remove(5);
  assert.deepEqual(
    [...level.orders()].map((o) => o.oid),
    [2, 4],
  );
  assert.equal(level.head?.oid, 2);
  assert.equal(level.tail?.oid, 4);
  assert.equal(level.head?.next?.oid, 4);
  assert.equal(level.tail?.prev?.oid, 2);
  assert.equal(level.total, 6);
  assert.equal(level.count, 2);
  assert.equal(book.remove(3), undefined, "a second remove finds nothing");
  book.remove(2);
  book.remove(4);
  assert.equal(book.asks.level(100), undefined, "an empty level is dropped");
  assert.equal(book.asks.depth, 0);
  assert.equal(book.asks.best(), undefined);
  assert.equal(book.size, 0);
});

test("reduce keeps the level total true", () => {
  const book = new Book();
  const o = order(1, true, 50, 10);
  book.add(o);
  book.add(order(2, true, 50, 5));
  book.reduce(o, 4);
  assert.equal(o.size, 6);
  assert.equal(book.bids.best()?.total, 11);
});

test("a duplicate oid is a bug", () => {
  const book = new Book();
  book.add(order(1, true, 50, 10));
  assert.throws(() => book.add(order(1, true, 51, 10)), /duplicate oid 1/);
});

test("removing a level deep in a large side finds it by binary search", () => {
  const book = new Book();
  for (let i = 0; i < 1000; i++) book.add(order(i + 1, true, 1000 + i * 2, 1));
  book.remove(500);
  assert.equal(book.bids.level(1000 + 499 * 2), undefined);
  assert.equal(book.bids.depth, 999);
  const prices = [...book.bids.bestFirst()].map((l) => l.price).reverse();
  assert.deepEqual(
    prices,
    [...prices].sort((a, b) => a - b),
  );
});

test("toString dumps asks above bids", () => {
  const book = new Book();
  book.add(order(1, true, 99, 2));
  book.add(order(2, false, 101, 3));
  book.add(order(3, false, 102, 1));
  assert.equal(
    book.toString(),
    ["A 102 total=1 n=1 [3:1]", "A 101 total=3 n=1 [2:3]", "---", "B 99 total=2 n=1 [1:2]"].join("\n"),
  );
});

test("emptied levels are reused, skipped and swept without changing what the book shows", () => {
  const book = new Book();
  for (let i = 0; i < 300; i++) book.add(order(i + 1, false, 1000 + i, 1));
  // Empty 200 levels deep in the side (not the best): they stay until a sweep.
  for (let i = 100; i < 300; i++) book.remove(i + 1);
  assert.equal(book.asks.depth, 100);
  assert.equal(book.asks.level(1150), undefined);
  assert.deepEqual(
    [...book.asks.bestFirst()].map((l) => l.price),
    Array.from({ length: 100 }, (_, i) => 1000 + i),
  );
  // A new order at an emptied price revives its level in place.
  book.add(order(1000, false, 1250, 7));
  assert.equal(book.asks.level(1250)?.total, 7);
  assert.equal([...book.asks.bestFirst()].at(-1)?.price, 1250);
  // Emptying the best levels exposes the next non-empty one.
  for (let i = 0; i < 100; i++) book.remove(i + 1);
  assert.equal(book.bestAsk(), 1250);
  assert.equal(book.asks.depth, 1);
});
