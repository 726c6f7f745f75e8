/**
 * @module feeds/userTwapHistory
 * `userTwapHistory` `{type, user}`: TWAP orders do not exist in hyperlocal yet, so the snapshot is always
 * `{isSnapshot: true, user, history: []}` and nothing follows.
 * @see hyperliquid-api.md §1.7 (payload)
 */

import * as v from "valibot";
import { Address } from "../api/primitives.ts";
import type { ChannelSpec } from "./channel.ts";

export const UserTwapHistorySubscription = v.object({ type: v.literal("userTwapHistory"), user: Address });

export type UserTwapHistorySub = v.InferOutput<typeof UserTwapHistorySubscription>;

export const userTwapHistory: ChannelSpec<UserTwapHistorySub> = {
  type: "userTwapHistory",
  schema: UserTwapHistorySubscription,
  users: (sub) => [sub.user],
  snapshot: (_ctx, sub) => ({ channel: "userTwapHistory", data: { isSnapshot: true, user: sub.user, history: [] } }),
};
