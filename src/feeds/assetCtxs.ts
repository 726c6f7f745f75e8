/**
 * @module feeds/assetCtxs
 * `assetCtxs` `{type, dex: ""}`: `{dex, ctxs}` with every perp's `PerpAssetCtx` in `meta.universe` order (no coin
 * field), as /info `metaAndAssetCtxs`' second element. Sent on subscribe and every `CADENCE_MS.assetCtxs` ms.
 * A dex other than `""` is an invalid subscription.
 * @see hyperliquid-api.md §1.7 (payload; @nktkas only), §1.8 (cadence), §4.3 PerpAssetCtx
 */

import * as v from "valibot";
import { perpAssetCtxs } from "../api/info/_shapes.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";
import { DexParam, dexInvalid } from "./clearinghouseState.ts";
import { cadenceMs } from "./l2Book.ts";

export const AssetCtxsSubscription = v.object({ type: v.literal("assetCtxs"), dex: DexParam });

export type AssetCtxsSub = v.InferOutput<typeof AssetCtxsSubscription>;

function push(ctx: FeedContext, sub: AssetCtxsSub): Push {
  return { channel: "assetCtxs", data: { dex: sub.dex, ctxs: perpAssetCtxs(ctx.engine) } };
}

export const assetCtxs: ChannelSpec<AssetCtxsSub> = {
  type: "assetCtxs",
  schema: AssetCtxsSubscription,
  invalid: (_ctx, sub) => dexInvalid(sub.dex),
  snapshot: push,
  periodic: { intervalMs: (_sub, cadence) => cadenceMs("assetCtxs", cadence), push },
};
