/**
 * @module api/primitives
 * Shared request schemas (valibot): addresses (any case in, lowercase out), cloids, decimal strings, integers, and
 * "optional" as clients send it (absent or null). Every wire schema builds on these.
 * @see hyperliquid-api.md §0 (conventions), §4.1 (null for optional fields), §5.1 (envelope quirks)
 */

import * as v from "valibot";

/** `0x`-prefixed hex as Hyperliquid prints it (addresses, hashes, cloids). */
export type Hex = `0x${string}`;

/** `0x` + 40 hex digits, any case (Python sends checksummed addresses); the output is lowercase. */
export const Address = v.pipe(
  v.string(),
  v.regex(/^0[xX][0-9a-fA-F]{40}$/),
  v.transform((s): Hex => `0x${s.slice(2).toLowerCase()}`),
);

/** A client order id: `0x` + 32 hex digits, any case; the output is lowercase. */
export const Cloid = v.pipe(
  v.string(),
  v.regex(/^0[xX][0-9a-fA-F]{32}$/),
  v.transform((s): Hex => `0x${s.slice(2).toLowerCase()}`),
);

/** A non-negative decimal string without exponent (`"0.001"`, `"25000"`). The engine checks its precision. */
export const Decimal = v.pipe(v.string(), v.regex(/^[0-9]+(\.[0-9]+)?$/));

/** A JSON number that is a safe integer ≥ 0 (ids, times, nonces). */
export const UInt = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** A JSON number that is a safe integer (signed). */
export const Int = v.pipe(v.number(), v.safeInteger());

/** Absent or null (Python sends explicit nulls for unset optional fields); the output is undefined for both. */
export function maybe<const S extends v.GenericSchema>(schema: S) {
  return v.optional(
    v.pipe(
      v.nullable(schema),
      v.transform((x) => x ?? undefined),
    ),
  );
}
