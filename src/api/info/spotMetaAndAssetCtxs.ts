/**
 * @module api/info/spotMetaAndAssetCtxs
 * `spotMetaAndAssetCtxs`: `[spotMeta, ctx[]]`; no spot pairs yet, so no contexts.
 * @see hyperliquid-api.md §4.4 spotMetaAndAssetCtxs, §4.3 SpotAssetCtx
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { type SpotMetaResponse, spotMetaOf } from "./spotMeta.ts";

export const SpotMetaAndAssetCtxsRequest = v.object({ type: v.literal("spotMetaAndAssetCtxs") });

/** A spot pair's context (none exist yet). */
export interface SpotAssetCtx {
  prevDayPx: string;
  dayNtlVlm: string;
  markPx: string;
  midPx: string | null;
  circulatingSupply: string;
  coin: string;
  totalSupply: string;
  dayBaseVlm: string;
}

export type SpotMetaAndAssetCtxsResponse = [meta: SpotMetaResponse, assetCtxs: SpotAssetCtx[]];

export function spotMetaAndAssetCtxs(
  _ctx: InfoContext,
  _req: v.InferOutput<typeof SpotMetaAndAssetCtxsRequest>,
): SpotMetaAndAssetCtxsResponse {
  return [spotMetaOf(), []];
}
