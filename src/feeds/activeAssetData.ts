/**
 * @module feeds/activeAssetData
 * `activeAssetData` `{type, user, coin}` (perps only): /info `activeAssetData`'s object `{user, coin, leverage,
 * maxTradeSzs, availableToTrade, markPx}`. Sent on subscribe and re-sent every `CADENCE_MS.userState` ms.
 * An unknown coin is an invalid subscription.
 * @see hyperliquid-api.md §1.7 (payload, routing on data.coin and data.user), §1.8 (cadence)
 */

import * as v from "valibot";
import { activeAssetData as infoActiveAssetData } from "../api/info/activeAssetData.ts";
import { InfoRejection } from "../api/info/_schemas.ts";
import { Address } from "../api/primitives.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";
import { cadenceMs } from "./l2Book.ts";

export const ActiveAssetDataSubscription = v.object({
  type: v.literal("activeAssetData"),
  user: Address,
  coin: v.string(),
});

export type ActiveAssetDataSub = v.InferOutput<typeof ActiveAssetDataSubscription>;

function push(ctx: FeedContext, sub: ActiveAssetDataSub): Push | undefined {
  const data = infoActiveAssetData(ctx, sub);
  return data instanceof InfoRejection ? undefined : { channel: "activeAssetData", data };
}

export const activeAssetData: ChannelSpec<ActiveAssetDataSub> = {
  type: "activeAssetData",
  schema: ActiveAssetDataSubscription,
  invalid: (ctx, sub) =>
    ctx.engine.state.universe.byCoin(sub.coin) === undefined ? `unknown coin ${JSON.stringify(sub.coin)}` : undefined,
  users: (sub) => [sub.user],
  snapshot: push,
  periodic: { intervalMs: (_sub, cadence) => cadenceMs("userState", cadence), push },
};
