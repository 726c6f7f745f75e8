/**
 * @module api/info/approvedBuilders
 * `approvedBuilders`: the builders a user approved with a fee above zero, in approval order.
 * @see hyperliquid-api.md §4.4 approvedBuilders
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address, type Hex } from "./_schemas.ts";

export const ApprovedBuildersRequest = v.object({ type: v.literal("approvedBuilders"), user: Address });

export type ApprovedBuildersResponse = Hex[];

export function approvedBuilders(
  ctx: InfoContext,
  req: v.InferOutput<typeof ApprovedBuildersRequest>,
): ApprovedBuildersResponse {
  return ctx.engine.buildersOf(req.user) as Hex[];
}
