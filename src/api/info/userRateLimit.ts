/**
 * @module api/info/userRateLimit
 * `userRateLimit`: the address-based request budget. Hyperliquid allows 1 request per 1 USDC traded plus an initial
 * 10,000. It reports the budget a user has: `cumVlm` the notional the user ever traded (the engine's lifetime
 * total), `nRequestsCap` = 10000 + ⌊cumVlm⌋, `nRequestsUsed` 0 and `nRequestsSurplus` 0: the /info layer does not
 * see the server's optional address limiter (`--rate-limits hyperliquid`), so no request is counted here.
 * @see hyperliquid-api.md §4.4 userRateLimit, §5.8 (address-based limits)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { formatUsd } from "../wire.ts";
import { Address } from "./_schemas.ts";

export const UserRateLimitRequest = v.object({ type: v.literal("userRateLimit"), user: Address });

export interface UserRateLimitResponse {
  cumVlm: string;
  nRequestsUsed: number;
  nRequestsCap: number;
  nRequestsSurplus: number;
}

/** Requests every address has before trading. */
const INITIAL_REQUESTS = 10_000;
const MICRO = 1_000_000;

export function userRateLimit(
  ctx: InfoContext,
  req: v.InferOutput<typeof UserRateLimitRequest>,
): UserRateLimitResponse {
  const volume = ctx.engine.volumeOf(req.user);
  return {
    cumVlm: formatUsd(volume),
    nRequestsUsed: 0,
    nRequestsCap: INITIAL_REQUESTS + Math.floor(volume / MICRO),
    nRequestsSurplus: 0,
  };
}
