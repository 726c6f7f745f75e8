/**
 * @module api/info/leadingVaults
 * `leadingVaults`: the vaults a user leads, in creation order.
 * @see hyperliquid-api.md §4.4 leadingVaults
 */

import * as v from "valibot";
import type { Address as AddressType, Engine } from "../../core/index.ts";
import type { InfoContext } from "../context.ts";
import { Address, type Hex } from "./_schemas.ts";

export const LeadingVaultsRequest = v.object({ type: v.literal("leadingVaults"), user: Address });

export type LeadingVaultsResponse = { address: Hex; name: string }[];

/** The vaults `user` leads as `{address, name}`. */
export function leadingVaultsOf(engine: Engine, user: AddressType): LeadingVaultsResponse {
  return engine
    .vaults()
    .filter((v) => v.leader === user)
    .map((v) => ({ address: v.address as Hex, name: v.name }));
}

export function leadingVaults(
  ctx: InfoContext,
  req: v.InferOutput<typeof LeadingVaultsRequest>,
): LeadingVaultsResponse {
  return leadingVaultsOf(ctx.engine, req.user);
}
