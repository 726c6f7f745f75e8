/**
 * @module test/api/signing/msgpack
 * The action msgpack against every `msgpackEncodingExamples` entry and every L1 vector's `msgpackHex`
 * (signing-vectors.json, a pinned copy of shared/docs/signing-vectors.json), plus the encoding edge cases of §6.1.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { SigningInputError, toHex } from "../../../src/api/signing/eip712.ts";
import { encodeAction } from "../../../src/api/signing/msgpack.ts";

interface Vectors {
  readonly msgpackEncodingExamples: readonly { readonly value: unknown; readonly hex: string }[];
  readonly l1Vectors: readonly { readonly id: string; readonly action: unknown; readonly msgpackHex: string }[];
}

const vectors = JSON.parse(readFileSync(new URL("./signing-vectors.json", import.meta.url), "utf8")) as Vectors;

const hex = (value: unknown) => toHex(encodeAction(value));

describe("msgpackEncodingExamples", () => {
  for (const example of vectors.msgpackEncodingExamples) {
    it(`encodes ${JSON.stringify(example.value)}`, () => {
      assert.equal(hex(example.value), example.hex);
    });
  }
});

describe("l1Vectors msgpackHex", () => {
  for (const v of vectors.l1Vectors) {
    it(v.id, () => assert.equal(hex(v.action), v.msgpackHex));
  }
});

describe("integers", () => {
  it("encodes integral numbers past 32 bits as uint64 / int64, never float64", () => {
    assert.equal(hex(2 ** 32), "0xcf0000000100000000");
    assert.equal(hex(Number.MAX_SAFE_INTEGER), "0xcf001fffffffffffff");
    assert.equal(hex(-(2 ** 31) - 1), "0xd3ffffffff7fffffff");
    assert.equal(hex(-Number.MAX_SAFE_INTEGER), "0xd3ffe0000000000001");
    assert.equal(hex(2 ** 60), "0xcf1000000000000000", "an integral double past 2^53 is still an integer");
  });

  it("encodes bigints in the smallest form, like numbers", () => {
    assert.equal(hex(5n), "0x05");
    assert.equal(hex(300n), "0xcd012c");
    assert.equal(hex(-1n), "0xff");
    assert.equal(hex(100000000000n), hex(100000000000));
    assert.equal(hex(2n ** 64n - 1n), "0xcfffffffffffffffff");
    assert.equal(hex(-(2n ** 63n)), "0xd38000000000000000");
  });

  it("treats -0 as the integer 0", () => assert.equal(hex(-0), "0x00"));

  it("keeps non-integral numbers as float64", () => assert.equal(hex(0.5), "0xcb3fe0000000000000"));

  it("rejects what cannot be hashed", () => {
    assert.throws(() => encodeAction(2n ** 64n), SigningInputError);
    assert.throws(() => encodeAction(-(2n ** 63n) - 1n), SigningInputError);
    assert.throws(() => encodeAction(1e20), SigningInputError);
    assert.throws(() => encodeAction(Number.NaN), SigningInputError);
    assert.throws(() => encodeAction(Number.POSITIVE_INFINITY), SigningInputError);
    assert.throws(() => encodeAction({ a: new Uint8Array(2) }), SigningInputError);
    assert.throws(() => encodeAction({ a: () => 1 }), SigningInputError);
    assert.throws(() => encodeAction(new Date(0)), SigningInputError);
  });
});

describe("maps, strings, arrays", () => {
  it("keeps key insertion order", () => {
    assert.equal(hex({ b: 1, a: 2 }), "0x82a16201a16102");
    assert.equal(hex({ a: 2, b: 1 }), "0x82a16102a16201");
  });

  it("keeps null values and drops undefined ones", () => {
    assert.equal(
      hex({ type: "CSignerAction", jailSelf: null }),
      hex(JSON.parse('{"type":"CSignerAction","jailSelf":null}')),
    );
    assert.equal(hex({ type: "scheduleCancel", time: undefined }), hex({ type: "scheduleCancel" }));
    assert.equal(hex({ a: null }), "0x81a161c0");
  });

  it("keeps a JSON __proto__ key as an ordinary key", () => {
    assert.equal(hex(JSON.parse('{"__proto__":1}')), "0x81a95f5f70726f746f5f5f01");
  });

  it("uses str8/str16 and UTF-8 byte lengths", () => {
    assert.equal(hex("x".repeat(31)).slice(0, 4), "0xbf");
    assert.equal(hex("x".repeat(256)).slice(0, 8), "0xda0100");
    assert.equal(hex("é"), "0xa2c3a9");
  });

  it("uses map16 and array16 past 15 entries, and arrays for tuples", () => {
    const big = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, i]));
    assert.equal(hex(big).slice(0, 8), "0xde0010");
    assert.equal(hex(Array.from({ length: 16 }, () => 0)).slice(0, 8), "0xdc0010");
    assert.equal(hex(["BTC", "1.5"]), "0x92a3425443a3312e35");
  });

  it("does not mutate its input", () => {
    const action = { type: "dummy", num: 100000000000, nested: [{ n: 2n }] };
    const before = JSON.stringify(action, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
    encodeAction(action);
    assert.equal(
      JSON.stringify(action, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)),
      before,
    );
  });
});
