/**
 * @module api/exchange/batchModify
 * `batchModify`: cancel-and-replace several orders; each new order gets a new oid. Without `a: true` a new order that
 * would execute is placed as post-only instead (§5.4).
 * @see hyperliquid-api.md §5.5 (batchModify), §5.4 (modify semantics), §5.2 (order response)
 */

import * as v from "valibot";
import type { OrderRef } from "../../core/index.ts";
import { Cloid, UInt } from "../primitives.ts";
import { action, type ExchangeResponse, orderResponse, orderResults } from "./_action.ts";
import { OrderWire, orderStatuses, toOrderRequest } from "./_order.ts";

/** The order to modify: its oid, or its cloid. */
export const ModifyRef = v.union([UInt, Cloid]);

export function toOrderRef(ref: number | string): OrderRef {
  return typeof ref === "number" ? { oid: ref } : { cloid: ref };
}

export const BatchModifyAction = v.object({
  type: v.literal("batchModify"),
  modifies: v.array(v.object({ oid: ModifyRef, order: OrderWire })),
  /** Always place: sent only as `true`. */
  a: v.optional(v.literal(true)),
});

export const batchModify = action({
  kind: "l1",
  schema: BatchModifyAction,
  toCommand: (a, user) => ({
    type: "batchModify",
    user,
    modifies: a.modifies.map((m) => ({ ref: toOrderRef(m.oid), order: toOrderRequest(m.order) })),
    alwaysPlace: a.a === true,
  }),
  respond: (reply, ctx, command) => {
    const results = orderResults(reply);
    if (!Array.isArray(results)) return results as ExchangeResponse;
    const assets = command.type === "batchModify" ? command.modifies.map((m) => m.order.asset) : [];
    return orderResponse(orderStatuses(ctx.engine, assets, results));
  },
});
