/**
 * @module feeds/userNonFundingLedgerUpdates
 * `userNonFundingLedgerUpdates` `{type, user}`: a user's deposits, withdrawals, transfers and liquidations, items as
 * /info `userNonFundingLedgerUpdates`. Snapshot on subscribe `{isSnapshot: true, user, nonFundingLedgerUpdates}`
 * with what /info answers without `startTime` (oldest first, at most 500; Hyperliquid's window is UNCERTAIN); each
 * tick with ledger updates of the user pushes `{user, nonFundingLedgerUpdates}`.
 * @see hyperliquid-api.md §1.7 (payload), §4.3 LedgerUpdate, §4.4 userNonFundingLedgerUpdates
 */

import * as v from "valibot";
import { type LedgerUpdate, ledgerUpdate } from "../api/info/_shapes.ts";
import { Address } from "../api/primitives.ts";
import type { ChannelSpec } from "./channel.ts";

export const UserNonFundingLedgerUpdatesSubscription = v.object({
  type: v.literal("userNonFundingLedgerUpdates"),
  user: Address,
});

export type UserNonFundingLedgerUpdatesSub = v.InferOutput<typeof UserNonFundingLedgerUpdatesSubscription>;

const CHANNEL = "userNonFundingLedgerUpdates";

export const userNonFundingLedgerUpdates: ChannelSpec<UserNonFundingLedgerUpdatesSub> = {
  type: CHANNEL,
  schema: UserNonFundingLedgerUpdatesSubscription,
  users: (sub) => [sub.user],
  snapshot: (ctx, sub) => {
    const universe = ctx.engine.state.universe;
    const nonFundingLedgerUpdates = ctx.history.ledger(sub.user, 0).map((r) => ledgerUpdate(universe, r));
    return { channel: CHANNEL, data: { isSnapshot: true, user: sub.user, nonFundingLedgerUpdates } };
  },
  onTick: (ctx, sub, tick) => {
    const universe = ctx.engine.state.universe;
    const nonFundingLedgerUpdates: LedgerUpdate[] = [];
    for (const e of tick.events) {
      if (e.type === "ledger" && e.user === sub.user) nonFundingLedgerUpdates.push(ledgerUpdate(universe, e));
    }
    if (nonFundingLedgerUpdates.length === 0) return undefined;
    return { channel: CHANNEL, data: { user: sub.user, nonFundingLedgerUpdates } };
  },
};
