/**
 * @module feeds/spotAssetCtxs
 * `spotAssetCtxs` `{type}`: every spot pair's `SpotAssetCtx` in `spotMeta.universe` order (as the second element of
 * /info `spotMetaAndAssetCtxs`), a bare array. Sent on subscribe and every `CADENCE_MS.assetCtxs` ms.
 * @see hyperliquid-api.md §1.7 (catalogue: NK only, payload `SpotAssetCtx[]`), §4.3 SpotAssetCtx
 */

import * as v from "valibot";
import { spotAssetCtxs as ctxsOf } from "../api/info/spotMetaAndAssetCtxs.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";
import { cadenceMs } from "./l2Book.ts";

export const SpotAssetCtxsSubscription = v.object({ type: v.literal("spotAssetCtxs") });

export type SpotAssetCtxsSub = v.InferOutput<typeof SpotAssetCtxsSubscription>;

function push(ctx: FeedContext): Push {
  return { channel: "spotAssetCtxs", data: ctxsOf(ctx.engine) };
}

export const spotAssetCtxs: ChannelSpec<SpotAssetCtxsSub> = {
  type: "spotAssetCtxs",
  schema: SpotAssetCtxsSubscription,
  snapshot: push,
  periodic: { intervalMs: (_sub, cadence) => cadenceMs("assetCtxs", cadence), push },
};
