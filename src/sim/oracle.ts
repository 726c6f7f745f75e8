/**
 * @module sim/oracle
 * The simulated oracle: one geometric random walk per market, `px ← px · exp(σ·Z − σ²/2)` with σ the annualised
 * volatility scaled to one step, each market on its own seeded stream. Prices go out rounded to Hyperliquid's rules.
 * Beside it, a slow mean-reverting premium (Ornstein–Uhlenbeck, stationary deviation ~8 bps, half-life ~7 minutes) that
 * the agents trade around: the book centres on `px · (1 + premium)`, so the mark leaves the oracle and funding moves.
 */

import { formatPrice } from "./price.ts";
import type { Rng } from "./rng.ts";

const YEAR_MS = 365 * 86_400_000;

/** Annualised volatility per coin; other coins get {@link DEFAULT_VOLATILITY}. */
export const VOLATILITY: Readonly<Record<string, number>> = {
  BTC: 0.6,
  ETH: 0.75,
  SOL: 0.9,
  BNB: 0.65,
  DOGE: 1.0,
  LTC: 0.8,
};
export const DEFAULT_VOLATILITY = 0.9;

/** Starting prices for the default perps when the exchange has none yet (a plausible 2024 level). */
export const DEFAULT_START_PRICES: Readonly<Record<string, number>> = {
  BTC: 65000,
  ETH: 3500,
  ATOM: 8,
  DYDX: 2,
  SOL: 150,
  AVAX: 30,
  BNB: 580,
  APE: 1.2,
  OP: 2,
  LTC: 80,
  ARB: 1,
  DOGE: 0.15,
  INJ: 25,
};

/** A simulated market: its wire identity, price rules and current oracle price. */
export interface SimMarket {
  readonly coin: string;
  readonly asset: number;
  readonly szDecimals: number;
  /** Most price decimals: 6 − szDecimals. */
  readonly maxDecimals: number;
  /** Volatility of one step (a fraction). */
  readonly sigma: number;
  /** Current oracle price (unrounded). */
  px: number;
  /** Book centre before the last move. */
  prevPx: number;
  /** Where the book trades relative to the oracle (a fraction). */
  premium: number;
  /** Per-step mean reversion of the premium. */
  readonly reversion: number;
}

/** Stationary standard deviation of the premium. */
export const PREMIUM_SD = 0.0008;
const PREMIUM_TIMESCALE_MS = 600_000;

/** The price the book centres on. */
export function center(m: SimMarket): number {
  return m.px * (1 + m.premium);
}

export function makeMarket(
  coin: string,
  asset: number,
  szDecimals: number,
  px: number,
  stepMs: number,
  volatility = VOLATILITY[coin] ?? DEFAULT_VOLATILITY,
): SimMarket {
  const sigma = volatility * Math.sqrt(stepMs / YEAR_MS);
  const reversion = Math.min(1, stepMs / PREMIUM_TIMESCALE_MS);
  return { coin, asset, szDecimals, maxDecimals: 6 - szDecimals, sigma, px, prevPx: px, premium: 0, reversion };
}

/** The wire oracle price of a market. */
export function oracleString(m: SimMarket): string {
  return formatPrice(m.px, m.maxDecimals, "nearest");
}

/** Moves every market one step (price, then premium), each with its own stream. */
export function moveOracle(markets: readonly SimMarket[], rngs: ReadonlyMap<string, Rng>): void {
  for (const m of markets) {
    const rng = rngs.get(m.coin);
    if (rng === undefined) continue;
    m.prevPx = center(m);
    m.px *= Math.exp(m.sigma * rng.normal() - (m.sigma * m.sigma) / 2);
    const k = m.reversion;
    m.premium = m.premium * (1 - k) + PREMIUM_SD * Math.sqrt(k * (2 - k)) * rng.normal();
  }
}
