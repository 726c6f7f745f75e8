/**
 * @module api/info/userFills
 * `userFills`: a user's most recent fills, newest first, at most 2000; `aggregateByTime` merges the partial fills of
 * one crossing order at one instant. Hyperliquid's ordering is UNCERTAIN (§4.4); newest first is what every capture
 * shows and what the history keeps.
 * @see hyperliquid-api.md §4.1 (limits), §4.3 UserFill, §4.4 userFills
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { marketsOf } from "./_markets.ts";
import { Address, maybe } from "./_schemas.ts";
import { type UserFill, userFills as wireFills } from "./_shapes.ts";

export const UserFillsRequest = v.object({
  type: v.literal("userFills"),
  user: Address,
  aggregateByTime: maybe(v.boolean()),
});

export type UserFillsResponse = UserFill[];

export function userFills(ctx: InfoContext, req: v.InferOutput<typeof UserFillsRequest>): UserFillsResponse {
  return wireFills(marketsOf(ctx.engine), ctx.history.fills(req.user), req.aggregateByTime === true);
}
