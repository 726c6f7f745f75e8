/**
 * @module api/info/userRateLimit
 * `userRateLimit`: the address-based request budget. Hyperliquid allows 1 request per 1 USDC traded plus an initial
 * 10,000; hyperlocal does not enforce the budget, so it reports the budget a user would have: `cumVlm` from the
 * user's fills (the history keeps the 2000 most recent reachable here, so a heavier trader's volume is a lower
 * bound), `nRequestsCap` = 10000 + ⌊cumVlm⌋, `nRequestsUsed` 0 (requests are not counted), `nRequestsSurplus` 0.
 * @see hyperliquid-api.md §4.4 userRateLimit, §5.8 (address-based limits)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { formatUsd } from "../wire.ts";
import { Address } from "./_schemas.ts";
import { tradedVolume } from "./_volume.ts";

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
  const volume = tradedVolume(ctx.history, req.user);
  return {
    cumVlm: formatUsd(volume),
    nRequestsUsed: 0,
    nRequestsCap: INITIAL_REQUESTS + Math.floor(volume / MICRO),
    nRequestsSurplus: 0,
  };
}
