/**
 * @module api/info/predictedFundings
 * `predictedFundings`: per listed perp, the predicted rate of the next payment on each venue. hyperlocal has one
 * venue, `"HlPerp"` (no Binance or Bybit feeds), paying every funding interval (1 hour by default).
 * @see hyperliquid-api.md §4.4 predictedFundings; hyperliquid-mechanics.md §3
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { formatRate } from "../wire.ts";

export const PredictedFundingsRequest = v.object({ type: v.literal("predictedFundings") });

/** `[coin, [[venue, {fundingRate, nextFundingTime, fundingIntervalHours}]]]`. */
export type PredictedFundingsResponse = [
  coin: string,
  venues: [
    venue: string,
    data: { fundingRate: string; nextFundingTime: number; fundingIntervalHours: number } | null,
  ][],
][];

const HOUR_MS = 3_600_000;

export function predictedFundings(
  ctx: InfoContext,
  _req: v.InferOutput<typeof PredictedFundingsRequest>,
): PredictedFundingsResponse {
  const { engine } = ctx;
  const interval = engine.state.config.fundingIntervalMs;
  // Before the engine's first command its funding clock is not started: the next boundary after now.
  const now = ctx.now();
  const next = engine.state.nextFundingAt !== 0 ? engine.state.nextFundingAt : now - (now % interval) + interval;
  const out: PredictedFundingsResponse = [];
  for (const market of engine.state.universe.markets) {
    if (market.isDelisted === true) continue;
    const rate = engine.assetContext(market.asset)?.funding ?? 0;
    out.push([
      market.name,
      [["HlPerp", { fundingRate: formatRate(rate), nextFundingTime: next, fundingIntervalHours: interval / HOUR_MS }]],
    ]);
  }
  return out;
}
