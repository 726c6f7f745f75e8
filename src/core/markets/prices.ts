/**
 * @module core/markets/prices
 * Oracle, mark, mid and impact prices of one asset. The oracle is an input (set by commands). The mark follows
 * Hyperliquid's rule for a venue without outside exchange feeds: the median of (1) oracle + EMA150s(mid − oracle),
 * (2) median(best bid, best ask, last trade) and (3) EMA30s of (2); inputs that do not exist yet are left out.
 * EMAs are integer first-order filters `ema += (x − ema) × Δt / (τ + Δt)`, deterministic to the unit. Pure.
 * @see hyperliquid-mechanics.md §2
 */

import type { Book, BookSide } from "../book/book.ts";
import { ceilDiv, floorDiv, parseUnits } from "../num.ts";
import type { Market } from "./universe.ts";

const TAU_BASIS_MS = 150_000;
const TAU_MEDIAN_MS = 30_000;

/** Prices of one asset, in tick units. */
export interface PriceState {
  oracle: number | undefined;
  mark: number | undefined;
  /** EMA of (mid − oracle). */
  emaBasis: number | undefined;
  /** EMA of median(bid, ask, last). */
  emaMedian: number | undefined;
  lastTrade: number | undefined;
  /** Time of the last mark update (ms). */
  updatedAt: number;
}

export function emptyPrices(): PriceState {
  return {
    oracle: undefined,
    mark: undefined,
    emaBasis: undefined,
    emaMedian: undefined,
    lastTrade: undefined,
    updatedAt: 0,
  };
}

/** Parses an oracle price for a market; throws on a malformed one (system commands are validated at the edge). */
export function parseOraclePrice(market: Market, text: string): number {
  const parsed = parseUnits(text, market.priceDecimals);
  if (!parsed.ok || parsed.units <= 0) {
    throw new Error(`setOracle: invalid price ${JSON.stringify(text)} for ${market.name}`);
  }
  return parsed.units;
}

function ema(prev: number | undefined, sample: number, dt: number, tau: number): number {
  if (prev === undefined || dt <= 0) return prev ?? sample;
  return prev + floorDiv((sample - prev) * dt, tau + dt);
}

/** Median of 1 to 3 numbers (mean, rounded down, of two). */
export function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 3) return v[1] as number;
  if (v.length === 2) return floorDiv((v[0] as number) + (v[1] as number), 2);
  return v[0] as number;
}

/** Mid price: (best bid + best ask) / 2 rounded down, or undefined when a side is empty. */
export function midPrice(book: Book): number | undefined {
  const bid = book.bestBid();
  const ask = book.bestAsk();
  return bid === undefined || ask === undefined ? undefined : floorDiv(bid + ask, 2);
}

/** Updates the oracle and recomputes the mark at time `t` (`followOracle`: mark = oracle). Returns the new mark. */
export function updateMark(p: PriceState, book: Book, oracle: number, t: number, followOracle = false): number {
  const dt = p.updatedAt === 0 ? 0 : t - p.updatedAt;
  p.oracle = oracle;
  p.updatedAt = t;
  if (followOracle) {
    p.mark = oracle;
    return oracle;
  }
  const inputs: number[] = [];
  const mid = midPrice(book);
  if (mid !== undefined) p.emaBasis = ema(p.emaBasis, mid - oracle, dt, TAU_BASIS_MS);
  inputs.push(oracle + (p.emaBasis ?? 0));
  const local: number[] = [];
  const bid = book.bestBid();
  const ask = book.bestAsk();
  if (bid !== undefined) local.push(bid);
  if (ask !== undefined) local.push(ask);
  if (p.lastTrade !== undefined) local.push(p.lastTrade);
  if (local.length > 0) {
    const m = median(local);
    inputs.push(m);
    p.emaMedian = ema(p.emaMedian, m, dt, TAU_MEDIAN_MS);
    inputs.push(p.emaMedian);
  }
  p.mark = Math.max(1, median(inputs));
  return p.mark;
}

/**
 * Impact price of one side: the average price (tick units, rounded away from the mid) at which `notional`
 * (10^-6 USD) would execute against `side`; undefined when the side is too thin.
 */
export function impactPrice(side: BookSide, notional: number): number | undefined {
  let size = 0;
  let spent = 0;
  for (const level of side.bestFirst()) {
    const levelNotional = level.total * level.price;
    if (spent + levelNotional >= notional) {
      const need = ceilDiv(notional - spent, level.price);
      size += need;
      spent += need * level.price;
      return side.isBuy ? floorDiv(spent, size) : ceilDiv(spent, size);
    }
    size += level.total;
    spent += levelNotional;
  }
  return undefined;
}
