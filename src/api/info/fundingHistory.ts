/**
 * @module api/info/fundingHistory
 * `fundingHistory`: a coin's funding rates in `[startTime, endTime]`, oldest first, at most 500 per answer: the
 * hourly rate paid and the interval's average premium (printed with 10 decimals). An unknown coin answers `[]`.
 * @see hyperliquid-api.md §4.1 (500 per answer), §4.4 fundingHistory; hyperliquid-mechanics.md §3
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { formatRate } from "../wire.ts";
import { Coin, maybe, UInt } from "./_schemas.ts";
import { formatPrintedRate } from "./_shapes.ts";

export const FundingHistoryRequest = v.object({
  type: v.literal("fundingHistory"),
  coin: Coin,
  startTime: UInt,
  endTime: maybe(UInt),
});

export type FundingHistoryResponse = { coin: string; fundingRate: string; premium: string; time: number }[];

export function fundingHistory(
  ctx: InfoContext,
  req: v.InferOutput<typeof FundingHistoryRequest>,
): FundingHistoryResponse {
  const market = ctx.engine.state.universe.byCoin(req.coin);
  if (market === undefined) return [];
  return ctx.history.fundingRates(market.asset, req.startTime, req.endTime).map((r) => ({
    coin: market.name,
    fundingRate: formatRate(r.rate),
    premium: formatPrintedRate(r.premium),
    time: r.time,
  }));
}
