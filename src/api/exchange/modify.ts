/**
 * @module api/exchange/modify
 * `modify`: cancel-and-replace one order. Its response is `default`; a failed modify answers the order's error as a
 * whole-action error, since the `default` response has no per-order status.
 * @see hyperliquid-api.md §5.5 (modify), §5.4, §5.2 (which response type per action)
 */

import * as v from "valibot";
import { rejectText } from "../../core/index.ts";
import { action, DEFAULT_OK, err, type ExchangeResponse, orderResults } from "./_action.ts";
import { OrderWire, toOrderRequest } from "./_order.ts";
import { ModifyRef, toOrderRef } from "./batchModify.ts";

export const ModifyAction = v.object({
  type: v.literal("modify"),
  oid: ModifyRef,
  order: OrderWire,
  a: v.optional(v.literal(true)),
});

export const modify = action({
  kind: "l1",
  schema: ModifyAction,
  toCommand: (a, user) => ({
    type: "batchModify",
    user,
    modifies: [{ ref: toOrderRef(a.oid), order: toOrderRequest(a.order) }],
    alwaysPlace: a.a === true,
  }),
  respond: (reply) => {
    const results = orderResults(reply);
    if (!Array.isArray(results)) return results as ExchangeResponse;
    const first = results[0];
    if (first !== undefined && typeof first === "object" && "error" in first) return err(rejectText(first.error));
    return DEFAULT_OK;
  },
});
