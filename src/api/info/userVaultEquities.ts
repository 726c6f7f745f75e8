/**
 * @module api/info/userVaultEquities
 * `userVaultEquities`: the vaults a user holds shares of (the leader included), in creation order, with its equity in
 * each (`floor(shares × vault equity / total shares)`) and the end of its lock-up.
 * @see hyperliquid-api.md §4.4 userVaultEquities; hyperliquid-mechanics.md §10.1
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { formatUsd } from "../wire.ts";
import { Address, type Hex } from "./_schemas.ts";
import { userEquityIn, vaultsHeldBy } from "./_vaults.ts";

export const UserVaultEquitiesRequest = v.object({ type: v.literal("userVaultEquities"), user: Address });

export type UserVaultEquitiesResponse = { vaultAddress: Hex; equity: string; lockedUntilTimestamp: number }[];

export function userVaultEquities(
  ctx: InfoContext,
  req: v.InferOutput<typeof UserVaultEquitiesRequest>,
): UserVaultEquitiesResponse {
  return vaultsHeldBy(ctx.engine, req.user).map((vault) => ({
    vaultAddress: vault.address as Hex,
    equity: formatUsd(userEquityIn(ctx.engine, vault, req.user)),
    lockedUntilTimestamp: vault.followers.get(req.user)?.lockedUntil ?? 0,
  }));
}
