/**
 * @module api/info/vaultSummaries
 * `vaultSummaries`: every vault; hyperlocal has none.
 * @see hyperliquid-api.md §4.4 vaultSummaries
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";

export const VaultSummariesRequest = v.object({ type: v.literal("vaultSummaries") });

export type VaultSummariesResponse = never[];

export function vaultSummaries(
  _ctx: InfoContext,
  _req: v.InferOutput<typeof VaultSummariesRequest>,
): VaultSummariesResponse {
  return [];
}
