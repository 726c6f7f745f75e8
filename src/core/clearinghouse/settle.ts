/**
 * @module core/clearinghouse/settle
 * Settlement of one side of a fill: the position's new size and entry, realized PnL of the closing part, the fee,
 * the `dir` label, and the cash movements (cross cash, or the isolated position's own cash with margin moved in on
 * opening and released pro rata on closing). Called only by the engine's fill hook.
 * @see hyperliquid-mechanics.md §8 (entry price, PnL, fill records), §5 (fees)
 */

import type { AssetId } from "../ids.ts";
import { initialMargin } from "../markets/marginTables.ts";
import { mulDiv } from "../num.ts";
import { FEE_SCALE } from "../config.ts";
import type { Account, Leverage } from "./account.ts";

/** What settling one leg produced. Amounts in 10^-6 USD. */
export interface Settlement {
  readonly startPosition: number;
  readonly closedPnl: number;
  readonly fee: number;
  readonly dir: string;
}

/** The fee of a notional at a rate (parts per 10^8): charges round up, rebates round down (toward the exchange). */
export function feeFor(notional: number, rate: number): number {
  return mulDiv(notional, rate, FEE_SCALE, "ceil");
}

/** Hyperliquid's `dir` for a perp fill. */
export function direction(start: number, end: number): string {
  if (start === 0) return end > 0 ? "Open Long" : "Open Short";
  if (start > 0) {
    if (end > start) return "Open Long";
    return end < 0 ? "Long > Short" : "Close Long";
  }
  if (end < start) return "Open Short";
  return end > 0 ? "Short > Long" : "Close Short";
}

/**
 * Settles one side of a fill on an account. `fee` is charged from the cash the position settles in.
 * Returns the settlement; the account is changed in place.
 */
export function settleLeg(
  account: Account,
  asset: AssetId,
  leverage: Leverage,
  isBuy: boolean,
  price: number,
  size: number,
  fee: number,
): Settlement {
  const position = account.positionOf(asset);
  account.volume += price * size;
  const start = position.size;
  const absStart = Math.abs(start);
  const reducing = (start > 0 && !isBuy) || (start < 0 && isBuy);
  const closing = reducing ? Math.min(size, absStart) : 0;
  const opening = size - closing;
  const isolated = leverage.type === "isolated";
  let closedPnl = 0;
  if (closing > 0) {
    const removed =
      closing === absStart ? position.entryNotional : mulDiv(position.entryNotional, closing, absStart, "floor");
    const closeNotional = closing * price;
    closedPnl = start > 0 ? closeNotional - removed : removed - closeNotional;
    position.entryNotional -= removed;
    if (isolated) {
      // Release the closed share of the isolated equity, valued at the fill price, to cross cash.
      const equity = position.isoRaw + start * price;
      const release = closing === absStart ? equity : mulDiv(equity, closing, absStart, "floor");
      position.isoRaw -= release;
      account.cash += release;
    }
  }
  const signed = isBuy ? size : -size;
  const tradeCash = -signed * price;
  if (isolated) {
    position.isoRaw += tradeCash - fee;
    if (opening > 0) {
      const margin = initialMargin(opening * price, leverage.value);
      account.cash -= margin;
      position.isoRaw += margin;
    }
  } else {
    account.cash += tradeCash - fee;
  }
  if (opening > 0) position.entryNotional += opening * price;
  position.size = start + signed;
  if (position.size === 0) {
    position.entryNotional = 0;
    if (isolated) {
      account.cash += position.isoRaw;
      position.isoRaw = 0;
    }
  }
  if (start === 0 || Math.sign(start) !== Math.sign(position.size)) {
    position.funding.sinceOpen = 0;
    position.funding.sinceChange = 0;
  }
  if (position.size === 0) {
    // A closed position is zeroed in place rather than deleted: a round trip then costs no map churn, and a zeroed
    // position is exactly a new one (snapshots leave it out, so replay and live states hash alike).
    position.funding.allTime = 0;
    position.funding.sinceOpen = 0;
    position.funding.sinceChange = 0;
  }
  return { startPosition: start, closedPnl, fee, dir: direction(start, position.size) };
}
