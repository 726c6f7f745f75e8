/**
 * @module api/info/userTwapSliceFills
 * `userTwapSliceFills`: a user's TWAP slice fills, newest first, at most 2000, each `{fill, twapId}` (the fill's hash
 * is all zeros, its `twapId` set).
 * @see hyperliquid-api.md §4.1 (limits), §4.4 userTwapSliceFills
 */

import * as v from "valibot";
import type { TwapSliceFillRecord } from "../../journal/history.ts";
import type { InfoContext } from "../context.ts";
import { type MarketLookup, marketsOf } from "./_markets.ts";
import { Address } from "./_schemas.ts";
import { type UserFill, userFill } from "./_shapes.ts";

export const UserTwapSliceFillsRequest = v.object({ type: v.literal("userTwapSliceFills"), user: Address });

export type TwapSliceFill = { fill: UserFill; twapId: number };

export type UserTwapSliceFillsResponse = TwapSliceFill[];

/** Slice fill records as `[{fill, twapId}]`. */
export function twapSliceFills(universe: MarketLookup, records: readonly TwapSliceFillRecord[]): TwapSliceFill[] {
  const out: TwapSliceFill[] = [];
  for (const r of records) {
    const market = universe.get(r.fill.asset);
    if (market !== undefined) out.push({ fill: userFill(market, r.fill), twapId: r.twapId });
  }
  return out;
}

export function userTwapSliceFills(
  ctx: InfoContext,
  req: v.InferOutput<typeof UserTwapSliceFillsRequest>,
): UserTwapSliceFillsResponse {
  return twapSliceFills(marketsOf(ctx.engine), ctx.history.twapSliceFills(req.user));
}
