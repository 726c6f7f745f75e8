/**
 * @module api/info/historicalOrders
 * `historicalOrders`: a user's orders with their latest status, most recent status first, at most 2000. An order
 * still live shows the engine's current view (its remaining size after partial fills).
 * @see hyperliquid-api.md §4.1 (limits), §4.3 HistoricalOrder, §4.4 historicalOrders
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { marketsOf } from "./_markets.ts";
import { Address } from "./_schemas.ts";
import { type HistoricalOrder, historicalOrder } from "./_shapes.ts";

export const HistoricalOrdersRequest = v.object({ type: v.literal("historicalOrders"), user: Address });

export type HistoricalOrdersResponse = HistoricalOrder[];

export function historicalOrders(
  ctx: InfoContext,
  req: v.InferOutput<typeof HistoricalOrdersRequest>,
): HistoricalOrdersResponse {
  const { engine } = ctx;
  return ctx.history.orders(req.user).flatMap((r) => {
    const market = marketsOf(engine).get(r.order.asset);
    if (market === undefined) return [];
    const live = engine.liveOrder(r.order.oid);
    const view = live !== undefined && live.order.user === req.user ? live.order : r.order;
    return [historicalOrder(market, view, r.status, r.statusTime)];
  });
}
