/**
 * @module core/markets/prices
 * Oracle and mark prices, set only by commands. Until the clearinghouse brings Hyperliquid's mark rule (median of the
 * oracle-plus-EMA basis, the book's median and its EMA), the mark is the oracle price itself.
 * @see hyperliquid-mechanics.md §2
 */

import type { Market } from "./universe.ts";
import { parseUnits } from "../num.ts";

/** Parses an oracle price for a market; throws on a malformed one (system commands are validated at the edge). */
export function parseOraclePrice(market: Market, text: string): number {
  const parsed = parseUnits(text, market.priceDecimals);
  if (!parsed.ok || parsed.units <= 0) {
    throw new Error(`setOracle: invalid price ${JSON.stringify(text)} for ${market.name}`);
  }
  return parsed.units;
}

/** The mark price implied by a new oracle price. */
export function markFromOracle(oracle: number): number {
  return oracle;
}
