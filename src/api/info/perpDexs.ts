/**
 * @module api/info/perpDexs
 * `perpDexs`: `[null]`, the first perp dex only (entry 0 is always `null`); hyperlocal has no builder-deployed dexes,
 * so ccxt and nktkas load no HIP-3 markets.
 * @see hyperliquid-api.md §4.2 (asset ids), §4.4 perpDexs
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";

export const PerpDexsRequest = v.object({ type: v.literal("perpDexs") });

export type PerpDexsResponse = null[];

export function perpDexs(_ctx: InfoContext, _req: v.InferOutput<typeof PerpDexsRequest>): PerpDexsResponse {
  return [null];
}
