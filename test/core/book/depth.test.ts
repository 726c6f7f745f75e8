/**
 * @module test/core/book/depth
 * l2Book aggregation on the spec's worked examples (hyperliquid-api.md §2).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Book, type BookOrder, bookOrder } from "../../../src/core/book/book.ts";
import { bucketPrice, depth, validDepthOptions } from "../../../src/core/book/depth.ts";
import { formatUnits } from "../../../src/core/num.ts";

let nextOid = 1;
function put(book: Book, isBuy: boolean, price: number, size: number): void {
  const order: BookOrder = bookOrder({ oid: nextOid++, user: "u", isBuy, price, size });
  book.add(order);
}

/** The spec's example book, in a market with szDecimals 2 (prices in 10^-4, sizes in 10^-2). */
function exampleBook(): Book {
  const book = new Book();
  put(book, true, 45795, 200);
  put(book, true, 45788, 100);
  put(book, true, 45788, 200);
  put(book, false, 46252, 400);
  put(book, false, 46256, 200);
  put(book, false, 46256, 300);
  return book;
}

const wire = (levels: { price: number; size: number; count: number }[], pd: number, sd: number) =>
  levels.map((l) => ({ px: formatUnits(l.price, pd), sz: formatUnits(l.size, sd), n: l.count }));

test("nSigFigs 2 buckets bids down and asks up (spec §2 example)", () => {
  const [bids, asks] = depth(exampleBook(), { nSigFigs: 2 });
  assert.deepEqual(wire(bids, 4, 2), [{ px: "4.5", sz: "5.0", n: 3 }]);
  assert.deepEqual(wire(asks, 4, 2), [{ px: "4.7", sz: "9.0", n: 3 }]);
});

test("nSigFigs 5 with mantissa 2 (spec §2 example)", () => {
  const [bids, asks] = depth(exampleBook(), { nSigFigs: 5, mantissa: 2 });
  assert.equal(formatUnits(bids[0]?.price ?? -1, 4), "4.5794");
  assert.equal(formatUnits(asks[0]?.price ?? -1, 4), "4.6252");
});

test("full precision lists every level best first", () => {
  const [bids, asks] = depth(exampleBook());
  assert.deepEqual(wire(bids, 4, 2), [
    { px: "4.5795", sz: "2.0", n: 1 },
    { px: "4.5788", sz: "3.0", n: 2 },
  ]);
  assert.deepEqual(wire(asks, 4, 2), [
    { px: "4.6252", sz: "4.0", n: 1 },
    { px: "4.6256", sz: "5.0", n: 2 },
  ]);
});

test("BTC near 84,143: bucket steps 1, 2, 5, 10, 100, 1000 (spec §2)", () => {
  // BTC: szDecimals 5 → 1 price decimal; 84143.0 = 841430 units.
  const p = 841430;
  assert.equal(bucketPrice(p, true, 5, 1), 841430);
  assert.equal(bucketPrice(841430 + 10, true, 5, 2), 841440);
  assert.equal(bucketPrice(841430 + 10, true, 5, 5), 841400);
  assert.equal(bucketPrice(p, true, 4, 1), 841400);
  assert.equal(bucketPrice(p, true, 3, 1), 841000);
  assert.equal(bucketPrice(p, true, 2, 1), 840000);
  assert.equal(bucketPrice(p, false, 2, 1), 850000);
  // Neighbouring bid buckets are exactly one step apart.
  assert.equal(bucketPrice(p, true, 4, 1) - bucketPrice(p - 100, true, 4, 1), 100);
  assert.equal(bucketPrice(p, true, 5, 5) - bucketPrice(p - 50, true, 5, 5), 50);
});

test("SOL nSigFigs 3 near 84.4 and DOGE nSigFigs 5 mantissa 5 near 0.0752 (spec §2)", () => {
  const sol = new Book(); // szDecimals 2 → 4 price decimals
  for (const px of [844321, 843999, 842001]) put(sol, true, px, 100);
  assert.deepEqual(
    depth(sol, { nSigFigs: 3 })[0].map((l) => formatUnits(l.price, 4)),
    ["84.4", "84.3", "84.2"],
  );
  const doge = new Book(); // szDecimals 0 → 6 price decimals
  for (const px of [75199, 75192, 75186]) put(doge, true, px, 1000);
  assert.deepEqual(
    depth(doge, { nSigFigs: 5, mantissa: 5 })[0].map((l) => formatUnits(l.price, 6)),
    ["0.075195", "0.07519", "0.075185"],
  );
});

test("at most 20 levels per side, 5 with fast", () => {
  const book = new Book();
  for (let i = 0; i < 30; i++) put(book, true, 1000 + i, 1);
  assert.equal(depth(book)[0].length, 20);
  assert.equal(depth(book, { levels: 5 })[0].length, 5);
  assert.equal(depth(book)[0][0]?.price, 1029);
});

test("valid nSigFigs/mantissa combinations", () => {
  assert.equal(validDepthOptions(null, null), true);
  assert.equal(validDepthOptions(undefined, undefined), true);
  assert.equal(validDepthOptions(5, 2), true);
  assert.equal(validDepthOptions(5, 1), true);
  assert.equal(validDepthOptions(4, 2), false);
  assert.equal(validDepthOptions(1, null), false);
  assert.equal(validDepthOptions(6, null), false);
  assert.equal(validDepthOptions(5, 3), false);
  assert.equal(validDepthOptions(null, 2), false);
});
