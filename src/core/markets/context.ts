/**
 * @module core/markets/context
 * What trades leave behind in an asset's context: last trade price, open interest and the hourly volume buckets of
 * the rolling 24 hours (`dayNtlVlm`, `dayBaseVlm`, `prevDayPx`). Called by the fill hook; pure.
 * @see hyperliquid-api.md §4.3 PerpAssetCtx
 */

import type { AssetId } from "../ids.ts";
import type { EngineState, VolumeBucket } from "../state.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Records a trade: last price, open interest from both legs' start and end positions, the hour's volume. */
export function recordTrade(
  s: EngineState,
  asset: AssetId,
  price: number,
  size: number,
  time: number,
  makerStart: number,
  makerEnd: number,
  takerStart: number,
  takerEnd: number,
): void {
  const prices = s.prices[asset];
  const previous = prices?.lastTrade ?? price;
  if (prices !== undefined) prices.lastTrade = price;
  const long = (x: number) => (x > 0 ? x : 0);
  s.openInterest[asset] =
    (s.openInterest[asset] ?? 0) + long(makerEnd) - long(makerStart) + long(takerEnd) - long(takerStart);
  const buckets = s.volume[asset] as VolumeBucket[];
  const hour = time - (time % HOUR_MS);
  let last = buckets[buckets.length - 1];
  if (last === undefined || last.hour !== hour) {
    last = { hour, notional: 0, base: 0, openPrice: previous };
    buckets.push(last);
    while ((buckets[0] as VolumeBucket).hour <= hour - DAY_MS) buckets.shift();
  }
  last.notional += price * size;
  last.base += size;
}

/** Rolling 24-hour figures at `time`: notional (10^-6 USD), base (lots), and the reference price a day ago. */
export function dayStats(
  s: EngineState,
  asset: AssetId,
  time: number,
): { notional: number; base: number; prevDayPrice: number | undefined } {
  const buckets = s.volume[asset] ?? [];
  const since = time - (time % HOUR_MS) - DAY_MS;
  let notional = 0;
  let base = 0;
  let prevDayPrice: number | undefined;
  for (const b of buckets) {
    if (b.hour <= since) continue;
    if (prevDayPrice === undefined) prevDayPrice = b.openPrice;
    notional += b.notional;
    base += b.base;
  }
  const p = s.prices[asset];
  return { notional, base, prevDayPrice: prevDayPrice ?? p?.lastTrade ?? p?.mark ?? p?.oracle };
}
