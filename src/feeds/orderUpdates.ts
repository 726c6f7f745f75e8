/**
 * @module feeds/orderUpdates
 * `orderUpdates` `{type, user}`: no snapshot. Each tick with status changes of the user's orders pushes them, in the
 * order they happened, as `[{order: OpenOrder, status, statusTimestamp}]`: `order.sz` is what remained at that
 * status, `cloid` and `reduceOnly` only when set (the `openOrders` form). Every status the engine reports is sent
 * (open, filled, canceled, triggered, the rejections and the system cancels).
 * @see hyperliquid-api.md §1.7 (orderUpdates payload), §4.3 OpenOrder, OrderStatus
 */

import * as v from "valibot";
import { marketsOf } from "../api/info/_markets.ts";
import { type OpenOrder, openOrder } from "../api/info/_shapes.ts";
import { Address } from "../api/primitives.ts";
import type { OrderStatus } from "../core/index.ts";
import type { ChannelSpec } from "./channel.ts";

export const OrderUpdatesSubscription = v.object({ type: v.literal("orderUpdates"), user: Address });

export type OrderUpdatesSub = v.InferOutput<typeof OrderUpdatesSubscription>;

export interface WsOrder {
  order: OpenOrder;
  status: OrderStatus;
  statusTimestamp: number;
}

export const orderUpdates: ChannelSpec<OrderUpdatesSub> = {
  type: "orderUpdates",
  schema: OrderUpdatesSubscription,
  users: (sub) => [sub.user],
  onTick: (ctx, sub, tick) => {
    const universe = marketsOf(ctx.engine);
    const data: WsOrder[] = [];
    for (const e of tick.events) {
      if (e.type !== "orderStatus" || e.order.user !== sub.user) continue;
      const market = universe.get(e.order.asset);
      if (market !== undefined)
        data.push({ order: openOrder(market, e.order), status: e.status, statusTimestamp: e.time });
    }
    return data.length === 0 ? undefined : { channel: "orderUpdates", data };
  },
};
