/**
 * @module feeds/twapStates
 * `twapStates` `{type, user, dex: ""}`: TWAP orders do not exist in hyperlocal yet, so the snapshot is always
 * `{dex, user, states: []}` and, the state never changing, nothing is re-sent. A dex other than `""` is an invalid
 * subscription.
 * @see hyperliquid-api.md §1.7 (payload, routing on data.user/data.dex)
 */

import * as v from "valibot";
import { Address } from "../api/primitives.ts";
import type { ChannelSpec } from "./channel.ts";
import { DexParam, dexInvalid } from "./clearinghouseState.ts";

export const TwapStatesSubscription = v.object({ type: v.literal("twapStates"), user: Address, dex: DexParam });

export type TwapStatesSub = v.InferOutput<typeof TwapStatesSubscription>;

export const twapStates: ChannelSpec<TwapStatesSub> = {
  type: "twapStates",
  schema: TwapStatesSubscription,
  invalid: (_ctx, sub) => dexInvalid(sub.dex),
  users: (sub) => [sub.user],
  snapshot: (_ctx, sub) => ({ channel: "twapStates", data: { dex: sub.dex, user: sub.user, states: [] } }),
};
