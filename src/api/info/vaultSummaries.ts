/**
 * @module api/info/vaultSummaries
 * `vaultSummaries`: every vault, in creation order: name, address, leader, TVL (its equity), never closed, a
 * `normal` relationship, and its creation time.
 * @see hyperliquid-api.md §4.4 vaultSummaries; hyperliquid-mechanics.md §10.1
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { formatUsd } from "../wire.ts";
import type { Hex } from "./_schemas.ts";
import { vaultEquity } from "./_vaults.ts";

export const VaultSummariesRequest = v.object({ type: v.literal("vaultSummaries") });

export type VaultSummariesResponse = {
  name: string;
  vaultAddress: Hex;
  leader: Hex;
  tvl: string;
  isClosed: boolean;
  relationship: { type: "normal" };
  createTimeMillis: number;
}[];

export function vaultSummaries(
  ctx: InfoContext,
  _req: v.InferOutput<typeof VaultSummariesRequest>,
): VaultSummariesResponse {
  return ctx.engine.vaults().map((vault) => ({
    name: vault.name,
    vaultAddress: vault.address as Hex,
    leader: vault.leader as Hex,
    tvl: formatUsd(vaultEquity(ctx.engine, vault)),
    isClosed: false,
    relationship: { type: "normal" },
    createTimeMillis: vault.createTime,
  }));
}
