/**
 * @module api/info/leadingVaults
 * `leadingVaults`: the vaults a user leads; hyperlocal has no vaults, so none.
 * @see hyperliquid-api.md §4.4 leadingVaults
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address } from "./_schemas.ts";

export const LeadingVaultsRequest = v.object({ type: v.literal("leadingVaults"), user: Address });

export type LeadingVaultsResponse = never[];

export function leadingVaults(
  _ctx: InfoContext,
  _req: v.InferOutput<typeof LeadingVaultsRequest>,
): LeadingVaultsResponse {
  return [];
}
