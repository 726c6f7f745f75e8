/**
 * @module api/info/userTwapSliceFills
 * `userTwapSliceFills`: a user's TWAP slice fills. hyperlocal has no TWAP orders yet, so there are none.
 * @see hyperliquid-api.md §4.4 userTwapSliceFills
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address } from "./_schemas.ts";
import type { UserFill } from "./_shapes.ts";

export const UserTwapSliceFillsRequest = v.object({ type: v.literal("userTwapSliceFills"), user: Address });

export type UserTwapSliceFillsResponse = { fill: UserFill; twapId: number }[];

export function userTwapSliceFills(
  _ctx: InfoContext,
  _req: v.InferOutput<typeof UserTwapSliceFillsRequest>,
): UserTwapSliceFillsResponse {
  return [];
}
