/**
 * @module core/book/match
 * Price-time matching of one incoming order against a book. Walks the opposite side from the best level, FIFO within
 * a level, while the price crosses. Self-trade prevention is "expire maker" as Hyperliquid: a resting order of the
 * taker's own user is canceled (`selfTradeCanceled`), no trade prints, and the taker keeps matching deeper.
 * Pure; the caller supplies what a fill means (positions, events) through {@link MatchHooks}.
 * @see hyperliquid-mechanics.md §6.2
 */

import type { Address, Oid } from "../ids.ts";
import type { Book, BookOrder } from "./book.ts";

/** The incoming order. `size` is what is left to fill and is decreased in place. */
export interface Taker {
  readonly oid: Oid;
  readonly user: Address;
  readonly isBuy: boolean;
  /** Worst price the taker accepts (tick units). */
  readonly price: number;
  size: number;
}

/** Why a maker left the book during matching. */
export type MakerExit = "filled" | "selfTradeCanceled" | "reduceOnlyCanceled" | "marginCanceled";

/** What matching needs from its caller. */
export interface MatchHooks {
  /**
   * The most a maker may fill now, asked before each of its fills of `size`: a reduce-only order may not increase
   * its position, and the maker must still afford the fill (Hyperliquid re-checks the resting side's margin at each
   * match). 0 cancels the maker (`reduceOnlyCanceled` or `marginCanceled`).
   */
  makerAllowance(maker: BookOrder, size: number): number;
  /** One trade at the maker's price. Called before the maker's size is reduced. */
  fill(maker: BookOrder, taker: Taker, price: number, size: number): void;
  /** A maker left the book (already unlinked). */
  makerExit(maker: BookOrder, why: MakerExit): void;
}

/**
 * Matches `taker` against `book` until it is filled, no longer crosses, or has filled `maxFill` (a reduce-only
 * taker may fill no more than its position). Returns the filled size and the notional (price units × lots).
 */
export function match(
  book: Book,
  taker: Taker,
  hooks: MatchHooks,
  maxFill = Number.POSITIVE_INFINITY,
): { size: number; notional: number } {
  const side = book.side(!taker.isBuy);
  let filled = 0;
  let notional = 0;
  while (taker.size > 0 && filled < maxFill) {
    const level = side.best();
    if (level === undefined) break;
    if (taker.isBuy ? level.price > taker.price : level.price < taker.price) break;
    const maker = level.head as BookOrder;
    if (maker.user === taker.user) {
      book.detach(maker);
      hooks.makerExit(maker, "selfTradeCanceled");
      continue;
    }
    let size = maker.size < taker.size ? maker.size : taker.size;
    if (size > maxFill - filled) size = maxFill - filled;
    const allowance = hooks.makerAllowance(maker, size);
    if (allowance <= 0) {
      book.detach(maker);
      hooks.makerExit(maker, maker.reduceOnly ? "reduceOnlyCanceled" : "marginCanceled");
      continue;
    }
    if (allowance < size) size = allowance;
    hooks.fill(maker, taker, level.price, size);
    filled += size;
    notional += size * level.price;
    taker.size -= size;
    if (size === maker.size) {
      book.detach(maker);
      maker.size = 0;
      hooks.makerExit(maker, "filled");
    } else {
      book.reduce(maker, size);
      if (maker.reduceOnly && hooks.makerAllowance(maker, maker.size) <= 0) {
        book.detach(maker);
        hooks.makerExit(maker, "reduceOnlyCanceled");
      }
    }
  }
  return { size: filled, notional };
}
