/**
 * @module feeds/openOrders
 * `openOrders` `{type, user, dex: ""}`: `{dex, user, orders}` with the orders of /info `frontendOpenOrders`
 * (`FrontendOpenOrder`, newest first, normalTpsl children inside their parent). Sent on subscribe and re-sent in full
 * every `CADENCE_MS.userState` ms. A dex other than `""` is an invalid subscription.
 * @see hyperliquid-api.md §1.7 (payload), §1.8 (cadence), §4.3 FrontendOpenOrder
 */

import * as v from "valibot";
import { frontendOpenOrders } from "../api/info/_shapes.ts";
import { Address } from "../api/primitives.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";
import { DexParam, dexInvalid } from "./clearinghouseState.ts";
import { cadenceMs } from "./l2Book.ts";

export const OpenOrdersSubscription = v.object({ type: v.literal("openOrders"), user: Address, dex: DexParam });

export type OpenOrdersSub = v.InferOutput<typeof OpenOrdersSubscription>;

function push(ctx: FeedContext, sub: OpenOrdersSub): Push {
  return {
    channel: "openOrders",
    data: { dex: sub.dex, user: sub.user, orders: frontendOpenOrders(ctx.engine, sub.user) },
  };
}

export const openOrders: ChannelSpec<OpenOrdersSub> = {
  type: "openOrders",
  schema: OpenOrdersSubscription,
  invalid: (_ctx, sub) => dexInvalid(sub.dex),
  users: (sub) => [sub.user],
  snapshot: push,
  periodic: { intervalMs: (_sub, cadence) => cadenceMs("userState", cadence), push },
};
