/**
 * @module api/info/subAccounts
 * `subAccounts`: a master's sub-accounts in creation order, each with its name, address, master, perp state and spot
 * state; `null` for a user without sub-accounts (what Hyperliquid answers, a 2026 probe of testnet).
 * @see hyperliquid-api.md §4.4 subAccounts; hyperliquid-mechanics.md §10.2
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address, type Hex } from "./_schemas.ts";
import { type ClearinghouseState, clearinghouseState, type SpotClearinghouseState, spotState } from "./_shapes.ts";

export const SubAccountsRequest = v.object({ type: v.literal("subAccounts"), user: Address });

/** One sub-account. */
export interface SubAccountWire {
  name: string;
  subAccountUser: Hex;
  master: Hex;
  clearinghouseState: ClearinghouseState;
  spotState: SpotClearinghouseState;
}

export type SubAccountsResponse = SubAccountWire[] | null;

export function subAccounts(ctx: InfoContext, req: v.InferOutput<typeof SubAccountsRequest>): SubAccountsResponse {
  const subs = ctx.engine.subAccountsOf(req.user);
  if (subs.length === 0) return null;
  const now = ctx.now();
  return subs.map((sub) => ({
    name: sub.name,
    subAccountUser: sub.address as Hex,
    master: sub.master as Hex,
    clearinghouseState: clearinghouseState(ctx.engine, sub.address, now),
    spotState: spotState(ctx.engine, sub.address),
  }));
}
