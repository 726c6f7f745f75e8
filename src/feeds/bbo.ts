/**
 * @module feeds/bbo
 * `bbo` `{type, coin}`: best bid and best ask `{coin, time, bbo: [bid | null, ask | null]}`, each a full-precision
 * level `{px, sz, n}`. Sent on subscribe, then on each tick that may have changed either best level (Hyperliquid:
 * "only when the BBO changed in a block", §1.8). A pure channel cannot remember what it sent, so the change is read
 * from the tick's events: an order status (resting order added, reduced, removed; a taker's own status) or a fill's
 * maker at a price at or better than the side's best after the tick, or any event on a side that is now empty. This
 * never misses a change; it may re-send an unchanged bbo (an order placed and canceled at the best in one tick).
 * `time` is the tick's time. An unknown coin is an invalid subscription.
 * @see hyperliquid-api.md §1.7 (bbo payload), §1.8 (cadence)
 */

import * as v from "valibot";
import { bookOfMarket, marketsOf } from "../api/info/_markets.ts";
import type { L2Level } from "../api/info/l2Book.ts";
import { formatPrice, formatSize } from "../api/wire.ts";
import type { Market } from "../core/index.ts";
import type { ChannelSpec, FeedContext, Push, TickEvents } from "./channel.ts";

export const BboSubscription = v.object({ type: v.literal("bbo"), coin: v.string() });

export type BboSub = v.InferOutput<typeof BboSubscription>;

export interface BboData {
  coin: string;
  time: number;
  bbo: [bid: L2Level | null, ask: L2Level | null];
}

function bboPush(ctx: FeedContext, market: Market, time: number): Push {
  const [bids, asks] = ctx.engine.depth(market.asset, { levels: 1 }) ?? [[], []];
  const wire = (l: { price: number; size: number; count: number } | undefined): L2Level | null =>
    l === undefined ? null : { px: formatPrice(market, l.price), sz: formatSize(market, l.size), n: l.count };
  const data: BboData = { coin: market.name, time, bbo: [wire(bids[0]), wire(asks[0])] };
  return { channel: "bbo", data };
}

/** Whether a tick's events may have changed a market's best bid or ask (see the module header). */
export function touchesBbo(ctx: FeedContext, market: Market, tick: TickEvents): boolean {
  const book = bookOfMarket(ctx.engine, market);
  const bestBid = book?.bestBid();
  const bestAsk = book?.bestAsk();
  const touches = (isBuy: boolean, price: number): boolean =>
    isBuy ? bestBid === undefined || price >= bestBid : bestAsk === undefined || price <= bestAsk;
  for (const e of tick.events) {
    if (e.type === "fill" && e.asset === market.asset && touches(!e.takerIsBuy, e.price)) return true;
    if (e.type === "orderStatus" && e.order.asset === market.asset && e.order.trigger === undefined) {
      if (touches(e.order.isBuy, e.order.price)) return true;
    }
  }
  return false;
}

export const bbo: ChannelSpec<BboSub> = {
  type: "bbo",
  schema: BboSubscription,
  invalid: (ctx, sub) =>
    marketsOf(ctx.engine).byCoin(sub.coin) === undefined ? `unknown coin ${JSON.stringify(sub.coin)}` : undefined,
  snapshot: (ctx, sub) => {
    const market = marketsOf(ctx.engine).byCoin(sub.coin);
    return market === undefined ? undefined : bboPush(ctx, market, ctx.now());
  },
  onTick: (ctx, sub, tick) => {
    const market = marketsOf(ctx.engine).byCoin(sub.coin);
    if (market === undefined || !touchesBbo(ctx, market, tick)) return undefined;
    return bboPush(ctx, market, tick.time);
  },
};
