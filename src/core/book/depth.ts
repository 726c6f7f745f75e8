/**
 * @module core/book/depth
 * The l2Book view of a book: levels aggregated by `nSigFigs` and `mantissa`, bids rounded down and asks rounded up
 * (away from the spread), at most 20 levels per side (5 with `fast`). Pure; reads the book, never changes it.
 * @see hyperliquid-api.md §2 (l2Book aggregation and depth)
 */

import { digitCount, pow10 } from "../num.ts";
import type { Book, BookSide } from "./book.ts";

/** One aggregated level: price (tick units), total size (lots), number of orders. */
export interface DepthLevel {
  readonly price: number;
  readonly size: number;
  readonly count: number;
}

/** Aggregation choice. `nSigFigs` null or absent means full precision. */
export interface DepthOptions {
  readonly nSigFigs?: 2 | 3 | 4 | 5 | null;
  /** Only with nSigFigs 5: 1 (same as none), 2 or 5. */
  readonly mantissa?: 1 | 2 | 5 | null;
  /** Levels per side: 20 by default, 5 for `fast`. */
  readonly levels?: number;
}

/** Whether an nSigFigs/mantissa pair is one Hyperliquid accepts. */
export function validDepthOptions(nSigFigs: unknown, mantissa: unknown): boolean {
  const n = nSigFigs ?? null;
  const m = mantissa ?? null;
  if (n !== null && n !== 2 && n !== 3 && n !== 4 && n !== 5) return false;
  if (m === null) return true;
  return n === 5 && (m === 1 || m === 2 || m === 5);
}

/**
 * The bucket price of a level price. The step is `mantissa × 10^(digits − nSigFigs)` in the price's own units;
 * a step finer than one tick leaves the price unchanged.
 */
export function bucketPrice(price: number, isBid: boolean, nSigFigs: number, mantissa: number): number {
  const exp = digitCount(price) - nSigFigs;
  if (exp < 0) return price;
  const step = mantissa * pow10(exp);
  const rem = price % step;
  if (rem === 0) return price;
  return isBid ? price - rem : price - rem + step;
}

function aggregateSide(side: BookSide, isBid: boolean, options: DepthOptions): DepthLevel[] {
  const max = options.levels ?? 20;
  const n = options.nSigFigs ?? null;
  const m = options.mantissa ?? 1;
  const out: DepthLevel[] = [];
  if (max <= 0) return out;
  let price = 0;
  let size = 0;
  let count = 0;
  let open = false;
  for (const level of side.bestFirst()) {
    const beyond = open && (isBid ? level.price < price : level.price > price);
    if (!open || beyond) {
      if (open) {
        out.push({ price, size, count });
        if (out.length === max) return out;
      }
      price = n === null ? level.price : bucketPrice(level.price, isBid, n, m);
      size = level.total;
      count = level.count;
      open = true;
    } else {
      size += level.total;
      count += level.count;
    }
  }
  if (open && out.length < max) out.push({ price, size, count });
  return out;
}

/** `[bids best-first, asks best-first]`, aggregated. */
export function depth(book: Book, options: DepthOptions = {}): [DepthLevel[], DepthLevel[]] {
  return [aggregateSide(book.bids, true, options), aggregateSide(book.asks, false, options)];
}
