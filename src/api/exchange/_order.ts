/**
 * @module api/exchange/_order
 * The order wire object shared by `order`, `modify` and `batchModify` (`{a, b, p, s, r, t, c?}`), its translation
 * into the core's OrderRequest, and the per-order statuses of §5.2.
 * @see hyperliquid-api.md §5.4 (order semantics), §5.2 (order statuses)
 */

import * as v from "valibot";
import type { Engine, OrderRequest, OrderResult } from "../../core/index.ts";
import { rejectText } from "../../core/index.ts";
import { Cloid, Decimal, maybe, UInt } from "../primitives.ts";
import { formatAveragePrice, formatSize } from "../wire.ts";
import type { OrderStatusWire } from "./_action.ts";

const LimitType = v.object({ limit: v.object({ tif: v.picklist(["Alo", "Ioc", "Gtc", "FrontendMarket"]) }) });
const TriggerType = v.object({
  trigger: v.object({ isMarket: v.boolean(), triggerPx: Decimal, tpsl: v.picklist(["tp", "sl"]) }),
});

/** `{a, b, p, s, r, t, c?}`: asset, isBuy, limit price, size, reduceOnly, type, cloid. Key order is the hashed order. */
export const OrderWire = v.object({
  /** Asset id (§4.2). */
  a: UInt,
  /** isBuy. */
  b: v.boolean(),
  /** Limit price, decimal string. */
  p: Decimal,
  /** Size, decimal string. */
  s: Decimal,
  /** reduceOnly. */
  r: v.boolean(),
  /** `{limit:{tif}}` or `{trigger:{isMarket, triggerPx, tpsl}}`. */
  t: v.union([LimitType, TriggerType]),
  /** Client order id. */
  c: maybe(Cloid),
});

export type OrderWireType = v.InferOutput<typeof OrderWire>;

/** The core's order request for a wire order. */
export function toOrderRequest(o: OrderWireType): OrderRequest {
  const kind =
    "limit" in o.t
      ? { limit: { tif: o.t.limit.tif } }
      : { trigger: { isMarket: o.t.trigger.isMarket, triggerPrice: o.t.trigger.triggerPx, tpsl: o.t.trigger.tpsl } };
  const req = { asset: o.a, isBuy: o.b, price: o.p, size: o.s, reduceOnly: o.r, kind };
  return o.c === undefined ? req : { ...req, cloid: o.c };
}

/** The wire status of each order result; `assets[i]` is the asset of order i (for sizes and prices). */
export function orderStatuses(engine: Engine, assets: readonly number[], results: readonly OrderResult[]) {
  const universe = engine.state.universe;
  return results.map((r, i): OrderStatusWire => {
    if (typeof r === "string") return r;
    if ("error" in r) return { error: rejectText(r.error) };
    if ("resting" in r) {
      const { oid, cloid } = r.resting;
      return { resting: cloid === undefined ? { oid } : { oid, cloid } };
    }
    const market = universe.get(assets[i] as number) ?? engine.spotMarket(assets[i] as number);
    const { oid, cloid, totalSize, totalNotional } = r.filled;
    const totalSz = market === undefined ? String(totalSize) : formatSize(market, totalSize);
    const avgPx = market === undefined ? "0.0" : formatAveragePrice(market, totalNotional, totalSize);
    return { filled: cloid === undefined ? { totalSz, avgPx, oid } : { totalSz, avgPx, oid, cloid } };
  });
}
