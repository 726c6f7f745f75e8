/**
 * @module feeds/trades
 * `trades` `{type, coin}`: a coin's public trades. Snapshot on subscribe: the 30 most recent trades ("~30" measured
 * on Hyperliquid), newest first like /info `recentTrades` (Hyperliquid's order is UNCERTAIN); no snapshot while the
 * coin has never traded (clients route on `data[0].coin`, so an empty array is never sent). Each tick with fills on
 * the coin pushes them as trades, in the order they happened. `hash` is the stand-in trade hash both fill legs carry.
 * An unknown coin is an invalid subscription.
 * @see hyperliquid-api.md §1.7 (trades payload), §1.8 (event-driven)
 */

import * as v from "valibot";
import { marketsOf } from "../api/info/_markets.ts";
import { type Trade, trade } from "../api/info/_shapes.ts";
import type { Event } from "../core/index.ts";
import type { ChannelSpec, FeedContext } from "./channel.ts";

export const TradesSubscription = v.object({ type: v.literal("trades"), coin: v.string() });

export type TradesSub = v.InferOutput<typeof TradesSubscription>;

/** How many trades the snapshot holds. */
export const TRADES_SNAPSHOT = 30;

/** A fill event. */
export type FillEvent = Extract<Event, { type: "fill" }>;

/** A fill event as a public trade (the same record the history keeps for it). */
export function tradeOfFill(ctx: FeedContext, e: FillEvent): Trade | undefined {
  const market = marketsOf(ctx.engine).get(e.asset);
  if (market === undefined) return undefined;
  return trade(market, {
    asset: e.asset,
    tid: e.tid,
    time: e.time,
    price: e.price,
    size: e.size,
    takerIsBuy: e.takerIsBuy,
    maker: e.maker.user,
    taker: e.taker.user,
  });
}

/** A message of trades, or nothing for none. */
function push(data: Trade[]) {
  return data.length === 0 ? undefined : { channel: "trades", data };
}

export const trades: ChannelSpec<TradesSub> = {
  type: "trades",
  schema: TradesSubscription,
  invalid: (ctx, sub) =>
    marketsOf(ctx.engine).byCoin(sub.coin) === undefined ? `unknown coin ${JSON.stringify(sub.coin)}` : undefined,
  snapshot: (ctx, sub) => {
    const market = marketsOf(ctx.engine).byCoin(sub.coin);
    if (market === undefined) return undefined;
    return push(ctx.history.trades(market.asset, TRADES_SNAPSHOT).map((r) => trade(market, r)));
  },
  onTick: (ctx, sub, tick) => {
    const market = marketsOf(ctx.engine).byCoin(sub.coin);
    if (market === undefined) return undefined;
    const out: Trade[] = [];
    for (const e of tick.events) {
      if (e.type !== "fill" || e.asset !== market.asset) continue;
      const t = tradeOfFill(ctx, e);
      if (t !== undefined) out.push(t);
    }
    return push(out);
  },
};
