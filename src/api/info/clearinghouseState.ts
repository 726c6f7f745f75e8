/**
 * @module api/info/clearinghouseState
 * `clearinghouseState`: a user's perp account: margin summaries (cross + isolated, and cross only), cross
 * maintenance margin, withdrawable, the nonzero positions in asset order, and `time` (the clock's now). An unknown
 * user gets the zeroed state.
 * @see hyperliquid-api.md §4.3 ClearinghouseState, §4.4 clearinghouseState; hyperliquid-mechanics.md §1.3–§1.4
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address, Dex, type InfoRejection, unknownDex } from "./_schemas.ts";
import { type ClearinghouseState, clearinghouseState as stateOf } from "./_shapes.ts";

export const ClearinghouseStateRequest = v.object({ type: v.literal("clearinghouseState"), user: Address, dex: Dex });

export type ClearinghouseStateResponse = ClearinghouseState;

export function clearinghouseState(
  ctx: InfoContext,
  req: v.InferOutput<typeof ClearinghouseStateRequest>,
): ClearinghouseStateResponse | InfoRejection {
  return unknownDex(req.dex) ?? stateOf(ctx.engine, req.user, ctx.now());
}
