/**
 * @module api/info/metaAndAssetCtxs
 * `metaAndAssetCtxs`: `[meta, ctx[]]`, ctx i describing `meta.universe[i]` (delisted markets included, as listed).
 * @see hyperliquid-api.md §4.4 metaAndAssetCtxs, §4.3 PerpAssetCtx
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Dex, type InfoRejection, unknownDex } from "./_schemas.ts";
import { type Meta, metaOf, type PerpAssetCtx, perpAssetCtxs } from "./_shapes.ts";

export const MetaAndAssetCtxsRequest = v.object({ type: v.literal("metaAndAssetCtxs"), dex: Dex });

export type MetaAndAssetCtxsResponse = [meta: Meta, assetCtxs: PerpAssetCtx[]];

export function metaAndAssetCtxs(
  ctx: InfoContext,
  req: v.InferOutput<typeof MetaAndAssetCtxsRequest>,
): MetaAndAssetCtxsResponse | InfoRejection {
  return unknownDex(req.dex) ?? [metaOf(ctx.engine), perpAssetCtxs(ctx.engine)];
}
