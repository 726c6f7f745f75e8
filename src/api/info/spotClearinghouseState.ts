/**
 * @module api/info/spotClearinghouseState
 * `spotClearinghouseState`: a user's spot balances (`total`, `hold` reserved by resting orders, `entryNtl` cost
 * basis in USDC), one entry per token the user ever held, by token index.
 * @see hyperliquid-api.md §4.3 SpotClearinghouseState, §4.4 spotClearinghouseState
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address } from "./_schemas.ts";
import { type SpotClearinghouseState, spotState } from "./_shapes.ts";

export const SpotClearinghouseStateRequest = v.object({ type: v.literal("spotClearinghouseState"), user: Address });

export type SpotClearinghouseStateResponse = SpotClearinghouseState;

export function spotClearinghouseState(
  ctx: InfoContext,
  req: v.InferOutput<typeof SpotClearinghouseStateRequest>,
): SpotClearinghouseStateResponse {
  return spotState(ctx.engine, req.user);
}
