/**
 * @module core/clearinghouse/funding
 * Funding as Hyperliquid: every 5 s a premium sample `(max(impactBid − oracle, 0) − max(oracle − impactAsk, 0)) /
 * oracle`; each interval (an hour) the average premium P gives the 8-hour rate `P + clamp(I − P, ±0.05%)`, paid hourly
 * at 1/8 of it, capped at ±4% an hour, on size × oracle price: longs pay shorts when positive. Rates are integers in
 * parts per 10^12, printed with at most 10 decimals (truncated). Pure.
 * @see hyperliquid-mechanics.md §3
 */

import type { Book } from "../book/book.ts";
import type { Ctx } from "../ctx.ts";
import { type EngineConfig, RATE_SCALE } from "../config.ts";
import type { AssetId } from "../ids.ts";
import { impactPrice, type PriceState } from "../markets/prices.ts";
import type { Market } from "../markets/universe.ts";
import { mulDiv } from "../num.ts";
import type { EngineState, FundingState } from "../state.ts";
import type { Account } from "./account.ts";
import { leverageOf } from "./margin.ts";

/** Impact bid and ask of a book for a market, tick units. */
export function impactPrices(book: Book, market: Market): [number | undefined, number | undefined] {
  return [impactPrice(book.bids, market.impactNotionalMicro), impactPrice(book.asks, market.impactNotionalMicro)];
}

/** One premium sample, parts per 10^12; undefined without an oracle price. A side too thin adds nothing. */
export function premiumSample(book: Book, market: Market, prices: PriceState): number | undefined {
  const oracle = prices.oracle;
  if (oracle === undefined) return undefined;
  const [bid, ask] = impactPrices(book, market);
  const up = bid === undefined ? 0 : Math.max(bid - oracle, 0);
  const down = ask === undefined ? 0 : Math.max(oracle - ask, 0);
  return mulDiv(up - down, RATE_SCALE, oracle, "floor");
}

/** Truncates toward zero to the 10 decimals Hyperliquid prints (a multiple of 100 in parts per 10^12). */
function truncateToPrinted(rate: number): number {
  return rate - (rate % 100);
}

/** The hourly funding rate for an average premium, parts per 10^12. */
export function hourlyRate(averagePremium: number, config: EngineConfig): number {
  const gap = config.interestRate8h - averagePremium;
  const clamped = Math.max(-config.premiumClamp, Math.min(config.premiumClamp, gap));
  const eightHour = averagePremium + clamped;
  const hourly = truncateToPrinted((eightHour - (eightHour % 8)) / 8);
  return Math.max(-config.fundingCapHourly, Math.min(config.fundingCapHourly, hourly));
}

/** The rate the current samples predict for the next payment (the interest rate alone before any sample). */
export function predictedRate(f: FundingState, config: EngineConfig): number {
  const average = f.samples === 0 ? 0 : (f.premiumSum - (f.premiumSum % f.samples)) / f.samples;
  return hourlyRate(average, config);
}

/**
 * The funding a position pays (positive) or receives (negative), 10^-6 USD: size × oracle × rate. Rounded up, so a
 * payer pays the last unit and a receiver does not get it; the difference goes to the exchange.
 */
export function fundingPayment(size: number, oracle: number, rate: number): number {
  return mulDiv(size * oracle, rate, RATE_SCALE, "ceil");
}

// ===== The funding clock (mutates state; called by the engine before each command)

/** Sorted addresses of accounts holding a position in `asset`. */
function holders(s: EngineState, asset: AssetId): Account[] {
  const out: Account[] = [];
  for (const account of s.accounts.values()) if (account.position(asset) !== 0) out.push(account);
  return out.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** Adds the premium samples of every sampling instant up to `until` (identical between commands). */
function sampleUntil(ctx: Ctx, until: number): void {
  const s = ctx.s;
  const period = s.config.premiumSampleMs;
  if (s.nextSampleAt > until) return;
  const k = Math.floor((until - s.nextSampleAt) / period) + 1;
  s.universe.markets.forEach((market, asset) => {
    const premium = premiumSample(s.books[asset] as Book, market, s.prices[asset] as PriceState);
    if (premium === undefined) return;
    const f = s.funding[asset] as FundingState;
    f.premiumSum += premium * k;
    f.samples += k;
    f.lastPremium = premium;
  });
  s.nextSampleAt += k * period;
}

/** Pays one interval's funding on every asset with samples, stamped `at`. Returns whether anything was paid. */
export function payFunding(ctx: Ctx, at: number): boolean {
  const s = ctx.s;
  let paid = false;
  s.universe.markets.forEach((_, asset) => {
    const f = s.funding[asset] as FundingState;
    const oracle = s.prices[asset]?.oracle;
    if (f.samples === 0 || oracle === undefined) return;
    const average = (f.premiumSum - (f.premiumSum % f.samples)) / f.samples;
    const rate = hourlyRate(average, s.config);
    ctx.out.push({ type: "fundingRate", time: at, asset, rate, premium: average, samples: f.samples });
    f.premiumSum = 0;
    f.samples = 0;
    for (const account of holders(s, asset)) {
      const position = account.positionOf(asset);
      const payment = fundingPayment(position.size, oracle, rate);
      if (leverageOf(s, account, asset).type === "isolated") position.isoRaw -= payment;
      else account.cash -= payment;
      position.funding.allTime += payment;
      position.funding.sinceOpen += payment;
      position.funding.sinceChange += payment;
      s.treasury.fees += payment;
      ctx.out.push({
        type: "funding",
        time: at,
        user: account.address,
        asset,
        usd: -payment,
        size: position.size,
        rate,
      });
      paid = true;
    }
  });
  return paid;
}

/**
 * Moves the funding clock to the command's time: samples every 5 s boundary passed and pays at every interval
 * boundary passed, in order. Returns whether any funding was paid (the caller then sweeps liquidations).
 */
export function advanceFunding(ctx: Ctx): boolean {
  const s = ctx.s;
  const t = ctx.time;
  if (s.nextSampleAt === 0) {
    s.nextSampleAt = t - (t % s.config.premiumSampleMs) + s.config.premiumSampleMs;
    s.nextFundingAt = t - (t % s.config.fundingIntervalMs) + s.config.fundingIntervalMs;
    return false;
  }
  let paid = false;
  while (s.nextFundingAt <= t) {
    sampleUntil(ctx, s.nextFundingAt);
    if (payFunding(ctx, s.nextFundingAt)) paid = true;
    s.nextFundingAt += s.config.fundingIntervalMs;
  }
  sampleUntil(ctx, t);
  return paid;
}
