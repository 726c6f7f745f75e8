/**
 * @module api/info/meta
 * `meta`: the perp universe of the first dex (asset order, flags only when true) and its margin tables. A named dex
 * other than `""` is refused: hyperlocal has only the first perp dex.
 * @see hyperliquid-api.md §4.4 meta, §4.5 (every SDK asks for it at start-up)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Dex, type InfoRejection, unknownDex } from "./_schemas.ts";
import { type Meta, metaOf } from "./_shapes.ts";

export const MetaRequest = v.object({ type: v.literal("meta"), dex: Dex });

export type MetaResponse = Meta;

export function meta(ctx: InfoContext, req: v.InferOutput<typeof MetaRequest>): MetaResponse | InfoRejection {
  return unknownDex(req.dex) ?? metaOf(ctx.engine);
}
