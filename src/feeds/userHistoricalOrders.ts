/**
 * @module feeds/userHistoricalOrders
 * `userHistoricalOrders` `{type, user}`: snapshot on subscribe `{isSnapshot: true, user, orderHistory}` with /info
 * `historicalOrders`' answer (latest status per order, newest first, at most 2000); `isSnapshot` first as in the
 * captured `userFills` snapshot (this channel's key order is not captured). Each tick with status changes of the
 * user's orders pushes `{user, orderHistory}` with them as `HistoricalOrder`s, in the order they happened.
 * @see hyperliquid-api.md §1.7 (payload; @nktkas only), §4.3 HistoricalOrder, §4.4 historicalOrders
 */

import * as v from "valibot";
import { marketsOf } from "../api/info/_markets.ts";
import { historicalOrders } from "../api/info/historicalOrders.ts";
import { type HistoricalOrder, historicalOrder } from "../api/info/_shapes.ts";
import { Address } from "../api/primitives.ts";
import type { ChannelSpec } from "./channel.ts";

export const UserHistoricalOrdersSubscription = v.object({ type: v.literal("userHistoricalOrders"), user: Address });

export type UserHistoricalOrdersSub = v.InferOutput<typeof UserHistoricalOrdersSubscription>;

const CHANNEL = "userHistoricalOrders";

export const userHistoricalOrders: ChannelSpec<UserHistoricalOrdersSub> = {
  type: CHANNEL,
  schema: UserHistoricalOrdersSubscription,
  users: (sub) => [sub.user],
  snapshot: (ctx, sub) => ({
    channel: CHANNEL,
    data: {
      isSnapshot: true,
      user: sub.user,
      orderHistory: historicalOrders(ctx, { type: "historicalOrders", user: sub.user }),
    },
  }),
  onTick: (ctx, sub, tick) => {
    const universe = marketsOf(ctx.engine);
    const orderHistory: HistoricalOrder[] = [];
    for (const e of tick.events) {
      if (e.type !== "orderStatus" || e.order.user !== sub.user) continue;
      const market = universe.get(e.order.asset);
      if (market !== undefined) orderHistory.push(historicalOrder(market, e.order, e.status, e.time));
    }
    return orderHistory.length === 0 ? undefined : { channel: CHANNEL, data: { user: sub.user, orderHistory } };
  },
};
