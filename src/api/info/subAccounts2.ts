/**
 * @module api/info/subAccounts2
 * `subAccounts2`: as `subAccounts`, with the perp state per perp dex (`[["", state]]`: hyperlocal has only the first
 * dex) and no `abstraction` (every account is in the default mode); `null` for a user without sub-accounts.
 * @see hyperliquid-api.md §4.4 subAccounts2
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address, type Hex } from "./_schemas.ts";
import { type ClearinghouseState, clearinghouseState, type SpotClearinghouseState, spotState } from "./_shapes.ts";

export const SubAccounts2Request = v.object({ type: v.literal("subAccounts2"), user: Address });

/** One sub-account. */
export interface SubAccount2Wire {
  name: string;
  subAccountUser: Hex;
  master: Hex;
  dexToClearinghouseState: [string, ClearinghouseState][];
  spotState: SpotClearinghouseState;
}

export type SubAccounts2Response = SubAccount2Wire[] | null;

export function subAccounts2(ctx: InfoContext, req: v.InferOutput<typeof SubAccounts2Request>): SubAccounts2Response {
  const subs = ctx.engine.subAccountsOf(req.user);
  if (subs.length === 0) return null;
  const now = ctx.now();
  return subs.map((sub) => ({
    name: sub.name,
    subAccountUser: sub.address as Hex,
    master: sub.master as Hex,
    dexToClearinghouseState: [["", clearinghouseState(ctx.engine, sub.address, now)]],
    spotState: spotState(ctx.engine, sub.address),
  }));
}
