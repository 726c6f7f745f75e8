/**
 * @module feeds/activeAssetCtx
 * `activeAssetCtx` `{type, coin}`: `{coin, ctx}` with the coin's `PerpAssetCtx` (as in /info `metaAndAssetCtxs`).
 * Sent on subscribe and every `CADENCE_MS.assetCtxs` ms (≈ 1 s as measured). A spot coin (`PURR/USDC`, `@1`) answers
 * on channel `activeSpotAssetCtx` with its `SpotAssetCtx` (as in /info `spotMetaAndAssetCtxs`), as Hyperliquid does;
 * any other coin is an invalid subscription.
 * @see hyperliquid-api.md §1.7 (payload), §1.8 (cadence), §4.3 PerpAssetCtx, SpotAssetCtx
 */

import * as v from "valibot";
import { asSpot, marketsOf } from "../api/info/_markets.ts";
import { spotAssetCtxs } from "../api/info/spotMetaAndAssetCtxs.ts";
import { perpAssetCtx } from "../api/info/_shapes.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";
import { cadenceMs } from "./l2Book.ts";

export const ActiveAssetCtxSubscription = v.object({ type: v.literal("activeAssetCtx"), coin: v.string() });

export type ActiveAssetCtxSub = v.InferOutput<typeof ActiveAssetCtxSubscription>;

/** The data channel of a spot coin's subscription (the subscription type stays `activeAssetCtx`). */
export const SPOT_CHANNEL = "activeSpotAssetCtx";

function push(ctx: FeedContext, sub: ActiveAssetCtxSub): Push | undefined {
  const markets = marketsOf(ctx.engine);
  const market = markets.byCoin(sub.coin);
  if (market === undefined) return undefined;
  const spot = asSpot(market);
  if (spot !== undefined) {
    const spotCtx = spotAssetCtxs(ctx.engine)[spot.pairIndex];
    return spotCtx === undefined ? undefined : { channel: SPOT_CHANNEL, data: { coin: market.name, ctx: spotCtx } };
  }
  return { channel: "activeAssetCtx", data: { coin: market.name, ctx: perpAssetCtx(ctx.engine, market) } };
}

export const activeAssetCtx: ChannelSpec<ActiveAssetCtxSub> = {
  type: "activeAssetCtx",
  schema: ActiveAssetCtxSubscription,
  invalid: (ctx, sub) =>
    marketsOf(ctx.engine).byCoin(sub.coin) === undefined ? `unknown coin ${JSON.stringify(sub.coin)}` : undefined,
  snapshot: push,
  periodic: { intervalMs: (_sub, cadence) => cadenceMs("assetCtxs", cadence), push },
};
