/**
 * @module api/info/subAccounts
 * `subAccounts`: `null`, what Hyperliquid answers for a user without sub-accounts (a 2026 probe of testnet);
 * hyperlocal has no sub-accounts yet.
 * @see hyperliquid-api.md §4.4 subAccounts
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address } from "./_schemas.ts";

export const SubAccountsRequest = v.object({ type: v.literal("subAccounts"), user: Address });

/** `null` until sub-accounts exist. */
export type SubAccountsResponse = null;

export function subAccounts(_ctx: InfoContext, _req: v.InferOutput<typeof SubAccountsRequest>): SubAccountsResponse {
  return null;
}
