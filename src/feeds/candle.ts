/**
 * @module feeds/candle
 * `candle` `{type, interval, coin}` (Hyperliquid's key order, gemwallet #462): one candle object, not an array.
 * Snapshot on subscribe: the candle of the bucket holding now, when that bucket has a trade (hyperlocal keeps no
 * candle for a bucket without trades, §3 UNCERTAIN on Hyperliquid; then nothing is sent until the next trade). Each
 * tick with fills on the coin pushes the whole candle of the bucket of the tick's last fill, read from the history
 * (which holds the tick once it is durable). An unknown interval fails the schema (an enum on Hyperliquid); an unknown
 * coin is an invalid subscription.
 * @see hyperliquid-api.md §1.7 (candle payload), §1.8 (cadence), §3 (candles)
 */

import * as v from "valibot";
import { marketsOf } from "../api/info/_markets.ts";
import { INTERVALS } from "../api/info/candleSnapshot.ts";
import { candle as candleWire } from "../api/info/_shapes.ts";
import type { Market } from "../core/index.ts";
import { bucketStart } from "../journal/history.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";

export const CandleSubscription = v.object({
  type: v.literal("candle"),
  interval: v.picklist(INTERVALS),
  coin: v.string(),
});

export type CandleSub = v.InferOutput<typeof CandleSubscription>;

/** The candle of the bucket holding `time`, if it has one. */
function candleAt(ctx: FeedContext, market: Market, sub: CandleSub, time: number): Push | undefined {
  const t = bucketStart(sub.interval, time);
  const record = ctx.history.candles(market.asset, sub.interval, t, t).find((r) => r.openTime === t);
  return record === undefined ? undefined : { channel: "candle", data: candleWire(market, record) };
}

export const candle: ChannelSpec<CandleSub> = {
  type: "candle",
  schema: CandleSubscription,
  invalid: (ctx, sub) =>
    marketsOf(ctx.engine).byCoin(sub.coin) === undefined ? `unknown coin ${JSON.stringify(sub.coin)}` : undefined,
  snapshot: (ctx, sub) => {
    const market = marketsOf(ctx.engine).byCoin(sub.coin);
    return market === undefined ? undefined : candleAt(ctx, market, sub, ctx.now());
  },
  onTick: (ctx, sub, tick) => {
    const market = marketsOf(ctx.engine).byCoin(sub.coin);
    if (market === undefined) return undefined;
    let last: number | undefined;
    for (const e of tick.events) if (e.type === "fill" && e.asset === market.asset) last = e.time;
    return last === undefined ? undefined : candleAt(ctx, market, sub, last);
  },
};
