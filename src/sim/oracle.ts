/**
 * @module sim/oracle
 * The simulated oracle: one geometric random walk per market, `px ← px · exp(σ·Z − σ²/2)` with σ the annualised
 * volatility scaled to one step, each market on its own seeded stream. Prices go out rounded to Hyperliquid's rules.
 * Beside it, a slow mean-reverting premium (Ornstein–Uhlenbeck, stationary deviation ~8 bps, half-life ~7 minutes) that
 * the agents trade around: the book centres on `px · (1 + premium)`, so the mark leaves the oracle and funding moves.
 *
 * Spot pairs have no oracle on Hyperliquid, so for them the same walk is only the simulator's own reference price: it
 * is never posted to the oracle dev control, has no premium, and the agents quote and trade around it with spot orders
 * (prices with at most 8 − szDecimals decimals, smaller notionals: {@link SPOT_NOTIONAL_SCALE}).
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
  "PURR/USDC": 1.2,
  "@1": 1.0,
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

/**
 * Reference prices for the default spot pairs when the exchange has none yet (no book, no trade): PURR/USDC and
 * `@1` (HYPE/USDC). By wire name, as `spotMeta` names the pairs.
 */
export const DEFAULT_SPOT_START_PRICES: Readonly<Record<string, number>> = {
  "PURR/USDC": 0.2,
  "@1": 25,
};

/** Spot orders are this fraction of the perp notionals (the makers' levels, the takers' orders and position cap). */
export const SPOT_NOTIONAL_SCALE = 0.1;

/** A simulated market: its wire identity, price rules and current oracle (spot: reference) price. */
export interface SimMarket {
  readonly coin: string;
  /** Perp index, or 10000 + pair index for a spot pair. */
  readonly asset: number;
  /** A spot pair: no oracle is posted, no premium. */
  readonly spot: boolean;
  readonly szDecimals: number;
  /** Most price decimals: 6 − szDecimals (perp), 8 − szDecimals (spot). */
  readonly maxDecimals: number;
  /** Multiplies the agents' order notionals: 1 for perps, {@link SPOT_NOTIONAL_SCALE} for spot. */
  readonly notionalScale: number;
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
  return {
    coin,
    asset,
    spot: false,
    szDecimals,
    maxDecimals: 6 - szDecimals,
    notionalScale: 1,
    sigma,
    px,
    prevPx: px,
    premium: 0,
    reversion,
  };
}

/** A spot pair (`asset` = 10000 + pair index): its own reference walk, no premium. */
export function makeSpotMarket(
  coin: string,
  asset: number,
  szDecimals: number,
  px: number,
  stepMs: number,
  volatility = VOLATILITY[coin] ?? DEFAULT_VOLATILITY,
): SimMarket {
  // The perp walk without a premium, with spot's price decimals and notional scale.
  return {
    ...makeMarket(coin, asset, szDecimals, px, stepMs, volatility),
    spot: true,
    maxDecimals: 8 - szDecimals,
    notionalScale: SPOT_NOTIONAL_SCALE,
    reversion: 0,
  };
}

/** The wire oracle price of a market. */
export function oracleString(m: SimMarket): string {
  return formatPrice(m.px, m.maxDecimals, "nearest");
}

/** Moves every market one step (price, then premium; spot pairs have no premium), each with its own stream. */
export function moveOracle(markets: readonly SimMarket[], rngs: ReadonlyMap<string, Rng>): void {
  for (const m of markets) {
    const rng = rngs.get(m.coin);
    if (rng === undefined) continue;
    m.prevPx = center(m);
    m.px *= Math.exp(m.sigma * rng.normal() - (m.sigma * m.sigma) / 2);
    if (m.spot) continue;
    const k = m.reversion;
    m.premium = m.premium * (1 - k) + PREMIUM_SD * Math.sqrt(k * (2 - k)) * rng.normal();
  }
}
