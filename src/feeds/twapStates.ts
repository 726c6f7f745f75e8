/**
 * @module feeds/twapStates
 * `twapStates` `{type, user, dex: ""}`: the user's running TWAP orders, `{dex, user, states: [[twapId, TwapState]]}`.
 * Snapshot on subscribe; then the whole list again on every tick in which one of the user's TWAPs changed (placed,
 * sliced, finished or terminated). A dex other than `""` is an invalid subscription.
 * @see hyperliquid-api.md §1.7 (payload, routing on data.user/data.dex), §4.3 TwapState
 */

import * as v from "valibot";
import { twapStates as statesOf } from "../api/info/twapHistory.ts";
import { Address } from "../api/primitives.ts";
import type { Event } from "../core/index.ts";
import type { ChannelSpec } from "./channel.ts";
import { DexParam, dexInvalid } from "./clearinghouseState.ts";

export const TwapStatesSubscription = v.object({ type: v.literal("twapStates"), user: Address, dex: DexParam });

export type TwapStatesSub = v.InferOutput<typeof TwapStatesSubscription>;

/** Whether the events change a TWAP of the user: a status change or a slice fill. */
export function touchesTwaps(events: readonly Event[], user: string): boolean {
  for (const e of events) {
    if (e.type === "twap" && e.twap.user === user) return true;
    if (e.type === "fill" && e.taker.twapId !== undefined && e.taker.user === user) return true;
  }
  return false;
}

export const twapStates: ChannelSpec<TwapStatesSub> = {
  type: "twapStates",
  schema: TwapStatesSubscription,
  invalid: (_ctx, sub) => dexInvalid(sub.dex),
  users: (sub) => [sub.user],
  snapshot: (ctx, sub) => ({
    channel: "twapStates",
    data: { dex: sub.dex, user: sub.user, states: statesOf(ctx, sub.user) },
  }),
  onTick: (ctx, sub, tick) =>
    touchesTwaps(tick.events, sub.user)
      ? { channel: "twapStates", data: { dex: sub.dex, user: sub.user, states: statesOf(ctx, sub.user) } }
      : undefined,
};
