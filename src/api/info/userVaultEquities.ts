/**
 * @module api/info/userVaultEquities
 * `userVaultEquities`: a user's vault deposits; hyperlocal has no vaults, so none.
 * @see hyperliquid-api.md §4.4 userVaultEquities
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address } from "./_schemas.ts";

export const UserVaultEquitiesRequest = v.object({ type: v.literal("userVaultEquities"), user: Address });

export type UserVaultEquitiesResponse = never[];

export function userVaultEquities(
  _ctx: InfoContext,
  _req: v.InferOutput<typeof UserVaultEquitiesRequest>,
): UserVaultEquitiesResponse {
  return [];
}
