/**
 * @module feeds/activeAssetCtx
 * `activeAssetCtx` `{type, coin}`: `{coin, ctx}` with the coin's `PerpAssetCtx` (as in /info `metaAndAssetCtxs`).
 * Sent on subscribe and every `CADENCE_MS.assetCtxs` ms (≈ 1 s as measured). Hyperliquid answers a spot coin
 * on channel `activeSpotAssetCtx`; hyperlocal has no spot, so any coin that is not a listed perp is an invalid
 * subscription.
 * @see hyperliquid-api.md §1.7 (payload), §1.8 (cadence), §4.3 PerpAssetCtx
 */

import * as v from "valibot";
import { perpAssetCtx } from "../api/info/_shapes.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";
import { cadenceMs } from "./l2Book.ts";

export const ActiveAssetCtxSubscription = v.object({ type: v.literal("activeAssetCtx"), coin: v.string() });

export type ActiveAssetCtxSub = v.InferOutput<typeof ActiveAssetCtxSubscription>;

function push(ctx: FeedContext, sub: ActiveAssetCtxSub): Push | undefined {
  const market = ctx.engine.state.universe.byCoin(sub.coin);
  if (market === undefined) return undefined;
  return { channel: "activeAssetCtx", data: { coin: market.name, ctx: perpAssetCtx(ctx.engine, market) } };
}

export const activeAssetCtx: ChannelSpec<ActiveAssetCtxSub> = {
  type: "activeAssetCtx",
  schema: ActiveAssetCtxSubscription,
  invalid: (ctx, sub) =>
    ctx.engine.state.universe.byCoin(sub.coin) === undefined ? `unknown coin ${JSON.stringify(sub.coin)}` : undefined,
  snapshot: push,
  periodic: { intervalMs: (_sub, cadence) => cadenceMs("assetCtxs", cadence), push },
};
