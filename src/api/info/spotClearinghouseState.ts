/**
 * @module api/info/spotClearinghouseState
 * `spotClearinghouseState`: a user's spot balances. hyperlocal keeps all USDC in the perp account and has no spot
 * yet, so every user has none (ccxt's spot `fetchBalance` then reports no spot currency).
 * @see hyperliquid-api.md §4.3 SpotClearinghouseState, §4.4 spotClearinghouseState
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address } from "./_schemas.ts";
import { emptySpotState, type SpotClearinghouseState } from "./_shapes.ts";

export const SpotClearinghouseStateRequest = v.object({ type: v.literal("spotClearinghouseState"), user: Address });

export type SpotClearinghouseStateResponse = SpotClearinghouseState;

export function spotClearinghouseState(
  _ctx: InfoContext,
  _req: v.InferOutput<typeof SpotClearinghouseStateRequest>,
): SpotClearinghouseStateResponse {
  return emptySpotState();
}
