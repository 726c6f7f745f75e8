/**
 * @module api/info/allPerpMetas
 * `allPerpMetas`: one `meta` per perp dex; hyperlocal has the first dex only.
 * @see hyperliquid-api.md §4.4 allPerpMetas
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { type Meta, metaOf } from "./_shapes.ts";

export const AllPerpMetasRequest = v.object({ type: v.literal("allPerpMetas") });

export type AllPerpMetasResponse = Meta[];

export function allPerpMetas(ctx: InfoContext, _req: v.InferOutput<typeof AllPerpMetasRequest>): AllPerpMetasResponse {
  return [metaOf(ctx.engine)];
}
