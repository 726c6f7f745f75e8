/**
 * @module api/info/_schemas
 * Request pieces every /info type shares (valibot): addresses and cloids (any case in, lowercase out), ids and times
 * (JSON numbers), "optional" as clients send it (absent or `null`), and the perp `dex` parameter. Also the one way a
 * handler refuses a request that parsed but names something hyperlocal does not have ({@link InfoRejection}).
 * @see hyperliquid-api.md §0 (conventions), §0.1 (422), §4.1 (null for optional fields, `dex`)
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

/** A JSON number that is a safe integer ≥ 0 (oids, times, table ids). Strings are refused, as serde would. */
export const UInt = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** A coin name as on the wire (`"BTC"`); case-sensitive, resolved by the handler. */
export const Coin = v.string();

/** Absent or `null` (Python sends explicit nulls); the output is `undefined` for both. */
export function maybe<const S extends v.GenericSchema>(schema: S) {
  return v.optional(
    v.pipe(
      v.nullable(schema),
      v.transform((x) => x ?? undefined),
    ),
  );
}

/** The perp dex parameter: absent, `null` and `""` all mean the first (and in hyperlocal only) perp dex. */
export const Dex = maybe(v.string());

// ===== Refusals

/**
 * A request that parsed but cannot be answered truthfully (an unknown dex, an invalid book aggregation, an unknown
 * margin table): the registry answers HTTP 422 with Hyperliquid's deserialization text plus this detail. Handlers
 * return it rather than throw, so a client mistake never looks like a server bug.
 */
export class InfoRejection {
  constructor(readonly detail: string) {}
}

/** A refusal with a detail for the 422 text. */
export function reject(detail: string): InfoRejection {
  return new InfoRejection(detail);
}

/** The refusal for a dex other than the first: hyperlocal has one perp dex (`perpDexs` answers `[null]`). */
export function unknownDex(dex: string | undefined): InfoRejection | undefined {
  if (dex === undefined || dex === "") return undefined;
  return reject(`unknown perp dex ${JSON.stringify(dex)} (hyperlocal has only the first perp dex, "")`);
}
