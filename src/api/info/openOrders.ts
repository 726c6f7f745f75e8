/**
 * @module api/info/openOrders
 * `openOrders`: a user's live orders (resting and waiting triggers), newest first, in the short form: `sz` is what
 * remains, `cloid` and `reduceOnly` appear only when set.
 * @see hyperliquid-api.md §4.3 OpenOrder, §4.4 openOrders
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address, Dex, type InfoRejection, unknownDex } from "./_schemas.ts";
import { type OpenOrder, openOrders as ordersOf } from "./_shapes.ts";

export const OpenOrdersRequest = v.object({ type: v.literal("openOrders"), user: Address, dex: Dex });

export type OpenOrdersResponse = OpenOrder[];

export function openOrders(
  ctx: InfoContext,
  req: v.InferOutput<typeof OpenOrdersRequest>,
): OpenOrdersResponse | InfoRejection {
  return unknownDex(req.dex) ?? ordersOf(ctx.engine, req.user);
}
