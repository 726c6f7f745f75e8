/**
 * @module api/info/userFunding
 * `userFunding`: a user's funding payments in `[startTime, endTime]`, oldest first, at most 500 per answer (page with
 * the last `time`). `usdc` is signed (negative = paid), `szi` the signed size at payment; the hash is all zeros
 * (funding is no transaction). `startTime` may be absent (nktkas allows it): from the beginning.
 * @see hyperliquid-api.md §4.1 (500 per answer), §4.4 userFunding
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address, maybe, UInt } from "./_schemas.ts";
import { type UserFundingEntry, userFundingEntry } from "./_shapes.ts";

export const UserFundingRequest = v.object({
  type: v.literal("userFunding"),
  user: Address,
  startTime: maybe(UInt),
  endTime: maybe(UInt),
});

export type UserFundingResponse = UserFundingEntry[];

export function userFunding(ctx: InfoContext, req: v.InferOutput<typeof UserFundingRequest>): UserFundingResponse {
  const universe = ctx.engine.state.universe;
  return ctx.history.funding(req.user, req.startTime ?? 0, req.endTime).flatMap((r) => {
    const market = universe.get(r.asset);
    return market === undefined ? [] : [userFundingEntry(market, r)];
  });
}
