/**
 * @module api/info/userRateLimit
 * `userRateLimit`: the address-based request budget. Hyperliquid allows 1 request per 1 USDC traded plus an initial
 * 10,000. It reports the budget a user has: `cumVlm` the notional the user ever traded (the engine's lifetime
 * total), `nRequestsCap` = 10000 + ⌊cumVlm⌋, `nRequestsUsed` the requests the server's address limiter counted
 * (`--rate-limits hyperliquid`; 0 when limits are off) and `nRequestsSurplus` 0 (no `reserveRequestWeight` yet).
 * @see hyperliquid-api.md §4.4 userRateLimit, §5.8 (address-based limits)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { addressCap } from "../weights.ts";
import { formatUsd } from "../wire.ts";
import { Address } from "./_schemas.ts";

export const UserRateLimitRequest = v.object({ type: v.literal("userRateLimit"), user: Address });

export interface UserRateLimitResponse {
  cumVlm: string;
  nRequestsUsed: number;
  nRequestsCap: number;
  nRequestsSurplus: number;
}

export function userRateLimit(
  ctx: InfoContext,
  req: v.InferOutput<typeof UserRateLimitRequest>,
): UserRateLimitResponse {
  const volume = ctx.engine.volumeOf(req.user);
  return {
    cumVlm: formatUsd(volume),
    nRequestsUsed: ctx.requestsUsed?.(req.user) ?? 0,
    nRequestsCap: addressCap(volume, false),
    nRequestsSurplus: 0,
  };
}
