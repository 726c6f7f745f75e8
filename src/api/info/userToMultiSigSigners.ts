/**
 * @module api/info/userToMultiSigSigners
 * `userToMultiSigSigners`: `null`, the answer for a user that is not a multi-sig account; hyperlocal has no multi-sig
 * accounts yet.
 * @see hyperliquid-api.md §4.4 userToMultiSigSigners, §6.3 (multi-sig)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address } from "./_schemas.ts";

export const UserToMultiSigSignersRequest = v.object({ type: v.literal("userToMultiSigSigners"), user: Address });

export type UserToMultiSigSignersResponse = null;

export function userToMultiSigSigners(
  _ctx: InfoContext,
  _req: v.InferOutput<typeof UserToMultiSigSignersRequest>,
): UserToMultiSigSignersResponse {
  return null;
}
