/**
 * @module feeds/userTwapSliceFills
 * `userTwapSliceFills` `{type, user}`: the user's TWAP slice fills as /info `userTwapSliceFills` prints them. Snapshot
 * on subscribe `{isSnapshot: true, user, twapSliceFills}` (newest first, at most 2000); then each tick with slice fills
 * of the user pushes `{user, twapSliceFills}` with those, in order. Also exports {@link twapSliceFillsOf} for
 * `userEvents`.
 * @see hyperliquid-api.md §1.7 (payload), §4.4 userTwapSliceFills
 */

import * as v from "valibot";
import { type TwapSliceFill, twapSliceFills } from "../api/info/userTwapSliceFills.ts";
import { Address } from "../api/primitives.ts";
import type { Event, Universe } from "../core/index.ts";
import type { TwapSliceFillRecord } from "../journal/history.ts";
import type { ChannelSpec } from "./channel.ts";
import { fillRecordsOf } from "./userFills.ts";

export const UserTwapSliceFillsSubscription = v.object({ type: v.literal("userTwapSliceFills"), user: Address });

export type UserTwapSliceFillsSub = v.InferOutput<typeof UserTwapSliceFillsSubscription>;

/** The user's TWAP slice fills among events, as `[{fill, twapId}]`. */
export function twapSliceFillsOf(universe: Universe, events: readonly Event[], user: string): TwapSliceFill[] {
  const records: TwapSliceFillRecord[] = [];
  for (const fill of fillRecordsOf(events, user)) {
    if (fill.twapId !== undefined) records.push({ fill, twapId: fill.twapId });
  }
  return twapSliceFills(universe, records);
}

export const userTwapSliceFills: ChannelSpec<UserTwapSliceFillsSub> = {
  type: "userTwapSliceFills",
  schema: UserTwapSliceFillsSubscription,
  users: (sub) => [sub.user],
  snapshot: (ctx, sub) => ({
    channel: "userTwapSliceFills",
    data: {
      isSnapshot: true,
      user: sub.user,
      twapSliceFills: twapSliceFills(ctx.engine.state.universe, ctx.history.twapSliceFills(sub.user)),
    },
  }),
  onTick: (ctx, sub, tick) => {
    const fills = twapSliceFillsOf(ctx.engine.state.universe, tick.events, sub.user);
    return fills.length === 0
      ? undefined
      : { channel: "userTwapSliceFills", data: { user: sub.user, twapSliceFills: fills } };
  },
};
