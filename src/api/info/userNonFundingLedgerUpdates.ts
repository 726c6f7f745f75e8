/**
 * @module api/info/userNonFundingLedgerUpdates
 * `userNonFundingLedgerUpdates`: a user's deposits, withdrawals, transfers and liquidations in `[startTime, endTime]`,
 * oldest first, at most 500 per answer. `startTime` may be absent (nktkas allows it): from the beginning.
 * @see hyperliquid-api.md §4.1 (500 per answer), §4.3 LedgerUpdate, §4.4 userNonFundingLedgerUpdates
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { marketsOf } from "./_markets.ts";
import { Address, maybe, UInt } from "./_schemas.ts";
import { type LedgerUpdate, ledgerUpdate } from "./_shapes.ts";

export const UserNonFundingLedgerUpdatesRequest = v.object({
  type: v.literal("userNonFundingLedgerUpdates"),
  user: Address,
  startTime: maybe(UInt),
  endTime: maybe(UInt),
});

export type UserNonFundingLedgerUpdatesResponse = LedgerUpdate[];

export function userNonFundingLedgerUpdates(
  ctx: InfoContext,
  req: v.InferOutput<typeof UserNonFundingLedgerUpdatesRequest>,
): UserNonFundingLedgerUpdatesResponse {
  const universe = marketsOf(ctx.engine);
  return ctx.history.ledger(req.user, req.startTime ?? 0, req.endTime).map((r) => ledgerUpdate(universe, r));
}
