/**
 * @module core/ids
 * Identifier types of the core. Plain aliases, documented once here: the core never mixes them up because each
 * travels in a field of its own name.
 */

/** A user's address: lowercase `0x` + 40 hex. Normalised at the edge before it reaches a command. */
export type Address = string;
/** An asset index (perps: position in the universe). */
export type AssetId = number;
/** An order id, allocated by the engine from a counter; below 2^53. */
export type Oid = number;
/** A trade id shared by the two legs of a fill; below 2^53. */
export type Tid = number;
/** A client order id: lowercase `0x` + 32 hex, unique per user among live orders. */
export type Cloid = string;

/** The first oid the engine hands out; large like Hyperliquid's so clients never confuse it with an index. */
export const FIRST_OID = 1_000_000;
/** The first trade id. */
export const FIRST_TID = 1_000_000;
