/**
 * @module api/signing/msgpack
 * MessagePack of an action exactly as Hyperliquid hashes it (Python `msgpack.packb` semantics): maps in key insertion
 * order, integers in their smallest encoding (uint64 `0xcf` / int64 `0xd3` past 32 bits, never float64), nulls kept.
 * Pure; the bytes feed the L1 connectionId.
 * @see hyperliquid-api.md §6.1 (msgpack rules)
 */

import { Encoder } from "@msgpack/msgpack";
import { SigningInputError } from "./eip712.ts";

/** Integers in [INT32_MIN, UINT32_MAX] stay numbers (the encoder picks fixint/uint8..32/int8..32 for them). */
const INT32_MIN = -0x80000000;
const UINT32_MAX = 0xffffffff;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/** How deep an action may nest (Hyperliquid actions are a handful of levels deep). */
const MAX_DEPTH = 64;

/**
 * `useBigInt64`: bigints encode as uint64/int64. With that option on, @msgpack/msgpack would write a *number* past
 * 32 bits as float64, so {@link prepare} turns every such integer into a bigint first; `ignoreUndefined`: a key whose
 * value is `undefined` is left out, as if absent (JSON has no undefined).
 */
const encoder = new Encoder({ useBigInt64: true, ignoreUndefined: true });

/**
 * MessagePack bytes of an action (or any JSON value): what the client hashed.
 *
 * - Maps keep insertion order; note that JS objects put integer-like keys first, but no action has such keys.
 * - Integral numbers (and bigints) encode as integers in the smallest form; past 32 bits as `0xcf` uint64 or `0xd3`
 *   int64, like Python. `-0` is the integer 0. Values outside int64/uint64 throw.
 * - Non-integral numbers encode as float64 `0xcb` (Python float); they should not occur in actions.
 * - Strings are UTF-8 fixstr/str8/str16/str32; `null` is `0xc0`; arrays (tuples too) are arrays.
 *
 * Throws {@link SigningInputError} for values JSON cannot carry (functions, typed arrays, NaN, ...).
 */
export function encodeAction(value: unknown): Uint8Array {
  return encoder.encode(prepare(value, 0));
}

/** A copy of `value` in which every integer past 32 bits is a bigint and every small bigint is a number. */
function prepare(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new SigningInputError("action nests too deeply");
  switch (typeof value) {
    case "string":
    case "boolean":
    case "undefined":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new SigningInputError(`cannot hash the number ${value}`);
      if (!Number.isInteger(value)) return value;
      if (value >= INT32_MIN && value <= UINT32_MAX) return value === 0 ? 0 : value;
      return checkInt64(BigInt(value));
    case "bigint":
      if (value >= BigInt(INT32_MIN) && value <= BigInt(UINT32_MAX)) return Number(value);
      return checkInt64(value);
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map((item) => prepare(item, depth + 1));
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new SigningInputError(`cannot hash a ${Object.prototype.toString.call(value)}`);
      }
      // A null-prototype copy, so that a JSON key "__proto__" stays an ordinary key.
      const out: Record<string, unknown> = Object.create(null);
      for (const [k, v] of Object.entries(value)) out[k] = prepare(v, depth + 1);
      return out;
    }
    default:
      throw new SigningInputError(`cannot hash a ${typeof value}`);
  }
}

/** An integer that fits int64 or uint64, else a {@link SigningInputError}. */
function checkInt64(value: bigint): bigint {
  if (value < INT64_MIN || value > UINT64_MAX) throw new SigningInputError(`integer ${value} does not fit 64 bits`);
  return value;
}
