/**
 * @module api/wire
 * Core units → Hyperliquid's wire strings, in one place: prices, sizes, USD amounts and rates as decimal strings with
 * the trailing `.0` rule, addresses lowercase, coins by name. Every handler formats through these helpers.
 * @see hyperliquid-api.md §0 (general conventions)
 */

import { formatUnits, type Market } from "../core/index.ts";
import { keccak256, utf8 } from "./signing/eip712.ts";

/** Decimals of USD amounts in the core (10^-6 USD). */
export const USD_DECIMALS = 6;
/** Decimals of funding rates and premiums in the core (parts per 10^12). */
export const RATE_DECIMALS = 12;
/** Decimals of fee rates in the core (parts per 10^8). */
export const FEE_DECIMALS = 8;

/** A price in the market's tick units → `"113377.0"`. */
export function formatPrice(market: Market, units: number): string {
  return formatUnits(units, market.priceDecimals);
}

/** A size in lots → `"0.0012"`. */
export function formatSize(market: Market, lots: number): string {
  return formatUnits(lots, market.szDecimals);
}

/** 10^-6 USD → `"14.625485"`. */
export function formatUsd(micro: number): string {
  return formatUnits(micro, USD_DECIMALS);
}

/** Parts per 10^12 → `"0.0000125"`. */
export function formatRate(ppt: number): string {
  return formatUnits(ppt, RATE_DECIMALS);
}

/** Parts per 10^8 → `"0.00045"`. */
export function formatFeeRate(parts: number): string {
  return formatUnits(parts, FEE_DECIMALS);
}

/** Decimals an average price keeps: six, the finest a perp price can have. */
const AVERAGE_DECIMALS = 6;

/**
 * The average price of fills: `notional` (price units × lots) over `lots`, rounded half up to six decimals. Exact when
 * every fill had one price (trailing zeros trimmed as usual).
 */
export function formatAveragePrice(market: Market, notional: number, lots: number): string {
  if (lots === 0) return "0.0";
  // price = notional / lots in units of 10^-priceDecimals; rescale to 10^-6.
  // Spot prices have up to 8 decimals: never average more coarsely than the price itself.
  const decimals = Math.max(AVERAGE_DECIMALS, market.priceDecimals);
  const scale = 10n ** BigInt(decimals - market.priceDecimals);
  const units = (BigInt(notional) * scale * 2n + BigInt(lots)) / (2n * BigInt(lots));
  return formatUnits(Number(units), decimals);
}

/** Hyperliquid's `side`: `"B"` buy/bid, `"A"` sell/ask. */
export function side(isBuy: boolean): "B" | "A" {
  return isBuy ? "B" : "A";
}

/** A zero transaction hash, for records that have no L1 transaction (as Hyperliquid's TWAP fills). */
export const ZERO_HASH = `0x${"0".repeat(64)}`;

/**
 * A deterministic stand-in for an L1 transaction hash (hyperlocal has no chain): keccak-256 of the record's kind and
 * ids, `0x` + 64 hex. The same record always gets the same hash, on every replay.
 */
export function recordHash(kind: string, ...ids: readonly (string | number)[]): string {
  const digest = keccak256(utf8(`hyperlocal:${kind}:${ids.join(":")}`));
  let hex = "0x";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}
