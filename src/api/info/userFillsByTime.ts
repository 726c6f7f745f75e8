/**
 * @module api/info/userFillsByTime
 * `userFillsByTime`: a user's fills in `[startTime, endTime]` (inclusive, `endTime` absent = no bound), oldest first
 * (newest first with `reversed`), at most 2000 per answer and only among the 10000 most recent; `aggregateByTime`
 * as in `userFills`.
 * @see hyperliquid-api.md §4.1 (limits), §4.4 userFillsByTime
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { marketsOf } from "./_markets.ts";
import { Address, maybe, UInt } from "./_schemas.ts";
import { type UserFill, userFills } from "./_shapes.ts";

export const UserFillsByTimeRequest = v.object({
  type: v.literal("userFillsByTime"),
  user: Address,
  startTime: UInt,
  endTime: maybe(UInt),
  aggregateByTime: maybe(v.boolean()),
  reversed: maybe(v.boolean()),
});

export type UserFillsByTimeResponse = UserFill[];

export function userFillsByTime(
  ctx: InfoContext,
  req: v.InferOutput<typeof UserFillsByTimeRequest>,
): UserFillsByTimeResponse {
  const { history } = ctx;
  const records =
    req.reversed === true
      ? history.fills(
          req.user,
          req.endTime === undefined ? { startTime: req.startTime } : { startTime: req.startTime, endTime: req.endTime },
        )
      : history.fillsByTime(req.user, req.startTime, req.endTime);
  return userFills(marketsOf(ctx.engine), records, req.aggregateByTime === true);
}
