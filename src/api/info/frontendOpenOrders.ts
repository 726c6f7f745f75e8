/**
 * @module api/info/frontendOpenOrders
 * `frontendOpenOrders`: a user's live orders, newest first, with trigger condition, order type, time in force and
 * grouping; the TP/SL legs of a normalTpsl entry that has not filled yet are nested in its `children`.
 * @see hyperliquid-api.md §4.3 FrontendOpenOrder, §4.4 frontendOpenOrders
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address, Dex, type InfoRejection, unknownDex } from "./_schemas.ts";
import { type FrontendOpenOrder, frontendOpenOrders as ordersOf } from "./_shapes.ts";

export const FrontendOpenOrdersRequest = v.object({ type: v.literal("frontendOpenOrders"), user: Address, dex: Dex });

export type FrontendOpenOrdersResponse = FrontendOpenOrder[];

export function frontendOpenOrders(
  ctx: InfoContext,
  req: v.InferOutput<typeof FrontendOpenOrdersRequest>,
): FrontendOpenOrdersResponse | InfoRejection {
  return unknownDex(req.dex) ?? ordersOf(ctx.engine, req.user);
}
