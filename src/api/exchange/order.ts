/**
 * @module api/exchange/order
 * `order`: place a batch of orders with a grouping and an optional builder fee.
 * @see hyperliquid-api.md §5.5 (order), §5.4 (grouping, builder), §5.2 (order response)
 */

import * as v from "valibot";
import { Address, UInt } from "../primitives.ts";
import { action, err, type ExchangeResponse, orderResponse, orderResults } from "./_action.ts";
import { OrderWire, orderStatuses, toOrderRequest } from "./_order.ts";

export const OrderAction = v.object({
  type: v.literal("order"),
  orders: v.array(OrderWire),
  /** `{p}` is a priority-fee rate paid from staked HYPE (§5.4). */
  grouping: v.union([v.picklist(["na", "normalTpsl", "positionTpsl"]), v.object({ p: UInt })]),
  /** `{b, f}`: builder address and fee in tenths of a basis point. */
  builder: v.optional(v.object({ b: Address, f: UInt })),
});

/** Priority orders pay from undelegated staked HYPE, which no hyperlocal account holds. [NK tests] */
const NO_STAKE = "Insufficient delegatable balance for priority order";

export const order = action({
  kind: "l1",
  schema: OrderAction,
  toCommand: (a, user) => {
    if (typeof a.grouping !== "string") return err(NO_STAKE);
    const command = { type: "order", user, orders: a.orders.map(toOrderRequest), grouping: a.grouping } as const;
    return a.builder === undefined ? command : { ...command, builder: { builder: a.builder.b, fee: a.builder.f } };
  },
  respond: (reply, ctx, command) => {
    const results = orderResults(reply);
    if (!Array.isArray(results)) return results as ExchangeResponse;
    const assets = command.type === "order" ? command.orders.map((o) => o.asset) : [];
    return orderResponse(orderStatuses(ctx.engine, assets, results));
  },
});
