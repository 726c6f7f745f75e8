/**
 * @module feeds/userTwapSliceFills
 * `userTwapSliceFills` `{type, user}`: TWAP orders do not exist in hyperlocal yet, so the snapshot is always
 * `{isSnapshot: true, user, twapSliceFills: []}` and nothing follows. Valid so that clients subscribing at startup work.
 * @see hyperliquid-api.md §1.7 (payload)
 */

import * as v from "valibot";
import { Address } from "../api/primitives.ts";
import type { ChannelSpec } from "./channel.ts";

export const UserTwapSliceFillsSubscription = v.object({ type: v.literal("userTwapSliceFills"), user: Address });

export type UserTwapSliceFillsSub = v.InferOutput<typeof UserTwapSliceFillsSubscription>;

export const userTwapSliceFills: ChannelSpec<UserTwapSliceFillsSub> = {
  type: "userTwapSliceFills",
  schema: UserTwapSliceFillsSubscription,
  users: (sub) => [sub.user],
  snapshot: (_ctx, sub) => ({
    channel: "userTwapSliceFills",
    data: { isSnapshot: true, user: sub.user, twapSliceFills: [] },
  }),
};
