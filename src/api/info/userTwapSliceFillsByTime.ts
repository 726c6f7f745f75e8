/**
 * @module api/info/userTwapSliceFillsByTime
 * `userTwapSliceFillsByTime`: a user's TWAP slice fills in a time range; none until hyperlocal has TWAP orders.
 * @see hyperliquid-api.md §4.4 userTwapSliceFillsByTime
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address, maybe, UInt } from "./_schemas.ts";
import type { UserTwapSliceFillsResponse } from "./userTwapSliceFills.ts";

export const UserTwapSliceFillsByTimeRequest = v.object({
  type: v.literal("userTwapSliceFillsByTime"),
  user: Address,
  startTime: UInt,
  endTime: maybe(UInt),
  aggregateByTime: maybe(v.boolean()),
});

export type UserTwapSliceFillsByTimeResponse = UserTwapSliceFillsResponse;

export function userTwapSliceFillsByTime(
  _ctx: InfoContext,
  _req: v.InferOutput<typeof UserTwapSliceFillsByTimeRequest>,
): UserTwapSliceFillsByTimeResponse {
  return [];
}
