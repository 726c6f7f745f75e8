/**
 * @module api/info/subAccounts2
 * `subAccounts2`: `null` as `subAccounts` (no sub-accounts in hyperlocal yet).
 * @see hyperliquid-api.md §4.4 subAccounts2
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address } from "./_schemas.ts";

export const SubAccounts2Request = v.object({ type: v.literal("subAccounts2"), user: Address });

export type SubAccounts2Response = null;

export function subAccounts2(_ctx: InfoContext, _req: v.InferOutput<typeof SubAccounts2Request>): SubAccounts2Response {
  return null;
}
