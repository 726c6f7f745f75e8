/**
 * @module api/info/userTwapSliceFillsByTime
 * `userTwapSliceFillsByTime`: a user's TWAP slice fills in `[startTime, endTime]` (ms, inclusive), oldest first, at
 * most 2000.
 * @see hyperliquid-api.md §4.1 (limits), §4.4 userTwapSliceFillsByTime
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { marketsOf } from "./_markets.ts";
import { Address, maybe, UInt } from "./_schemas.ts";
import { twapSliceFills, type UserTwapSliceFillsResponse } from "./userTwapSliceFills.ts";

export const UserTwapSliceFillsByTimeRequest = v.object({
  type: v.literal("userTwapSliceFillsByTime"),
  user: Address,
  startTime: UInt,
  endTime: maybe(UInt),
  aggregateByTime: maybe(v.boolean()),
});

export type UserTwapSliceFillsByTimeResponse = UserTwapSliceFillsResponse;

export function userTwapSliceFillsByTime(
  ctx: InfoContext,
  req: v.InferOutput<typeof UserTwapSliceFillsByTimeRequest>,
): UserTwapSliceFillsByTimeResponse {
  const records = ctx.history.twapSliceFills(req.user, req.startTime, req.endTime ?? ctx.now());
  return twapSliceFills(marketsOf(ctx.engine), records);
}
