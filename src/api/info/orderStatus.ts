/**
 * @module api/info/orderStatus
 * `orderStatus`: one of the user's orders by oid (a number) or cloid (`0x` + 32 hex): a live order from the engine
 * (current remaining size, status `open` or `triggered`), else its latest status from the history, else
 * `{"status":"unknownOid"}` (ccxt maps that to OrderNotFound). Another user's oid is unknown.
 * @see hyperliquid-api.md §4.4 orderStatus (and its example answer)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { marketsOf } from "./_markets.ts";
import { Address, Cloid, UInt } from "./_schemas.ts";
import { type HistoricalOrder, historicalOrder } from "./_shapes.ts";

export const OrderStatusRequest = v.object({
  type: v.literal("orderStatus"),
  user: Address,
  /** An oid, or a cloid. */
  oid: v.union([UInt, Cloid]),
});

export type OrderStatusResponse = { status: "order"; order: HistoricalOrder } | { status: "unknownOid" };

const UNKNOWN: OrderStatusResponse = { status: "unknownOid" };

export function orderStatus(ctx: InfoContext, req: v.InferOutput<typeof OrderStatusRequest>): OrderStatusResponse {
  const { engine, history } = ctx;
  const { user } = req;
  const oid = typeof req.oid === "number" ? req.oid : engine.oidOfCloid(user, req.oid);
  const live = oid === undefined ? undefined : engine.liveOrder(oid);
  if (live !== undefined && live.order.user === user) {
    const market = marketsOf(engine).get(live.order.asset);
    if (market === undefined) return UNKNOWN;
    const record = history.orderStatus(user, live.order.oid);
    const status = record?.status === "triggered" ? "triggered" : "open";
    return {
      status: "order",
      order: historicalOrder(market, live.order, status, record?.statusTime ?? live.order.timestamp),
    };
  }
  const record =
    typeof req.oid === "number" ? history.orderStatus(user, req.oid) : history.orderStatusByCloid(user, req.oid);
  const market = record === undefined ? undefined : marketsOf(engine).get(record.order.asset);
  if (record === undefined || market === undefined) return UNKNOWN;
  return { status: "order", order: historicalOrder(market, record.order, record.status, record.statusTime) };
}
