/**
 * @module api/info/_schemas
 * Request pieces every /info type shares (valibot): addresses and cloids (any case in, lowercase out), ids and times
 * (JSON numbers), "optional" as clients send it (absent or `null`), and the perp `dex` parameter. Also the one way a
 * handler refuses a request that parsed but names something hyperlocal does not have ({@link InfoRejection}).
 * @see hyperliquid-api.md §0 (conventions), §0.1 (422), §4.1 (null for optional fields, `dex`)
 */

import * as v from "valibot";
import { maybe } from "../primitives.ts";

export { Address, Cloid, type Hex, maybe, UInt } from "../primitives.ts";

/** A coin name as on the wire (`"BTC"`); case-sensitive, resolved by the handler. */
export const Coin = v.string();

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
