/**
 * @module api/info/recentTrades
 * `recentTrades`: a coin's 10 most recent trades (a 2026 probe of mainnet returned 10), newest first (Hyperliquid's
 * order is not documented, UNCERTAIN), each with the aggressor's side and `[buyer, seller]`. An unknown coin answers
 * `[]`.
 * @see hyperliquid-api.md §1.7 (trades payload), §4.4 recentTrades
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { marketsOf } from "./_markets.ts";
import { Coin } from "./_schemas.ts";
import { type Trade, trade } from "./_shapes.ts";

export const RecentTradesRequest = v.object({ type: v.literal("recentTrades"), coin: Coin });

export type RecentTradesResponse = Trade[];

/** How many trades an answer holds. */
export const RECENT_TRADES = 10;

export function recentTrades(ctx: InfoContext, req: v.InferOutput<typeof RecentTradesRequest>): RecentTradesResponse {
  const market = marketsOf(ctx.engine).byCoin(req.coin);
  if (market === undefined) return [];
  return ctx.history.trades(market.asset, RECENT_TRADES).map((r) => trade(market, r));
}
