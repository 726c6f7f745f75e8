/**
 * @module test/core/clearinghouse/nonces
 * The nonce rule: window, duplicates, the 100 highest kept, exact strings, serialisation.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { KEPT_NONCES, NonceBook } from "../../../src/core/clearinghouse/nonces.ts";
import { rejectText } from "../../../src/core/reject.ts";

function text(r: ReturnType<NonceBook["check"]>): string | undefined {
  return r === undefined ? undefined : rejectText(r);
}

const T = 1_767_225_600_000;
const A = `0x${"a".repeat(40)}`;
const B = `0x${"b".repeat(40)}`;

test("the window is (T − 2 days, T + 1 day), with the live server's wording", () => {
  const book = new NonceBook();
  assert.equal(book.check(A, T, T), undefined);
  assert.equal(book.check(A, T - 172_800_000 + 1, T), undefined);
  assert.equal(
    text(book.check(A, T - 172_800_000, T)),
    `Invalid nonce: nonce too low ${T - 172_800_000} < ${T - 172_800_000}`,
  );
  assert.equal(book.check(A, T + 86_400_000 - 1, T), undefined);
  assert.equal(
    text(book.check(A, T + 86_400_000, T)),
    `Invalid nonce: nonce too high ${T + 86_400_000} > ${T + 86_400_000}`,
  );
});

test("a used nonce is a duplicate; other signers have their own set; a rejected check consumes nothing", () => {
  const book = new NonceBook();
  assert.equal(book.check(A, T, T), undefined);
  book.commit(A, T);
  assert.equal(text(book.check(A, T, T)), `Invalid nonce: duplicate nonce ${T}`);
  assert.equal(book.check(B, T, T), undefined, "another signer");
  assert.equal(book.check(A, T - 5, T), undefined, "lower than the highest is fine while fewer than 100 are kept");
  assert.equal(book.check(A, T - 5, T), undefined, "checking twice did not consume it");
});

test("once 100 are kept, a new nonce must beat the smallest of them", () => {
  const book = new NonceBook();
  for (let i = 0; i < KEPT_NONCES; i++) book.commit(A, T + i);
  assert.equal(text(book.check(A, T, T)), `Invalid nonce: duplicate nonce ${T}`);
  assert.equal(text(book.check(A, T - 1, T)), `Invalid nonce: nonce too low ${T - 1} < ${T}`);
  book.commit(A, T + 500);
  assert.equal(text(book.check(A, T, T)), `Invalid nonce: nonce too low ${T} < ${T + 1}`, "the smallest was dropped");
  assert.equal(book.check(A, T + 200, T), undefined);
});

test("keeps exactly the 100 highest whatever the order, and round-trips through JSON", () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 300 }), (offsets) => {
      const book = new NonceBook();
      for (const o of offsets) book.commit(A, T + o);
      const kept = book.toJSON()[0]?.[1] ?? [];
      const expected = [...offsets]
        .sort((a, b) => a - b)
        .slice(-KEPT_NONCES)
        .map((o) => T + o);
      assert.deepEqual(kept, expected);
      assert.deepEqual(NonceBook.fromJSON(JSON.parse(JSON.stringify(book.toJSON()))).toJSON(), book.toJSON());
    }),
  );
});

test("forgetting a signer (an expired API wallet) clears its nonces", () => {
  const book = new NonceBook();
  book.commit(A, T);
  book.forget(A);
  assert.equal(book.check(A, T, T), undefined);
});
