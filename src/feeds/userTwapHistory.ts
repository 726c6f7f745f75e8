/**
 * @module feeds/userTwapHistory
 * `userTwapHistory` `{type, user}`: the user's TWAP history as /info `twapHistory` prints it. Snapshot on subscribe
 * `{isSnapshot: true, user, history}`; then each tick with status changes of the user's TWAPs pushes
 * `{user, history}` with those entries, in order. Also exports {@link twapHistoryOf} for `userEvents`.
 * @see hyperliquid-api.md §1.7 (payload), §4.3 TwapHistory
 */

import * as v from "valibot";
import { type TwapHistory, twapHistories } from "../api/info/twapHistory.ts";
import { Address } from "../api/primitives.ts";
import type { Event, Universe } from "../core/index.ts";
import type { TwapHistoryRecord } from "../journal/history.ts";
import type { ChannelSpec } from "./channel.ts";

export const UserTwapHistorySubscription = v.object({ type: v.literal("userTwapHistory"), user: Address });

export type UserTwapHistorySub = v.InferOutput<typeof UserTwapHistorySubscription>;

/** The user's TWAP status changes among events, as `TwapHistory[]`. */
export function twapHistoryOf(universe: Universe, events: readonly Event[], user: string): TwapHistory[] {
  const records: TwapHistoryRecord[] = [];
  for (const e of events) {
    if (e.type === "twap" && e.twap.user === user) records.push({ time: e.time, status: e.status, twap: e.twap });
  }
  return twapHistories(universe, records);
}

export const userTwapHistory: ChannelSpec<UserTwapHistorySub> = {
  type: "userTwapHistory",
  schema: UserTwapHistorySubscription,
  users: (sub) => [sub.user],
  snapshot: (ctx, sub) => ({
    channel: "userTwapHistory",
    data: {
      isSnapshot: true,
      user: sub.user,
      history: twapHistories(ctx.engine.state.universe, ctx.history.twapHistory(sub.user)),
    },
  }),
  onTick: (ctx, sub, tick) => {
    const history = twapHistoryOf(ctx.engine.state.universe, tick.events, sub.user);
    return history.length === 0 ? undefined : { channel: "userTwapHistory", data: { user: sub.user, history } };
  },
};
