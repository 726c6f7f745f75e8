/**
 * @module api/info/referral
 * `referral`: the code a user entered and their volume. hyperlocal keeps the code (`setReferrer`) but has no registry
 * of codes to owners, so `referredBy.referrer` is the zero address; there are no rewards. A user can create a code
 * after $10,000 of volume on Hyperliquid: below that the stage is `needToTrade`, above it `needToCreateCode`
 * (hyperlocal has no code creation).
 * @see hyperliquid-api.md §4.4 referral; hyperliquid-mechanics.md §5 (referrals)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { formatUsd } from "../wire.ts";
import { Address, type Hex } from "./_schemas.ts";

export const ReferralRequest = v.object({ type: v.literal("referral"), user: Address });

export interface ReferralResponse {
  referredBy: { referrer: Hex; code: string } | null;
  cumVlm: string;
  unclaimedRewards: string;
  claimedRewards: string;
  builderRewards: string;
  referrerState: { stage: "needToCreateCode" } | { stage: "needToTrade"; data: { required: string } };
  rewardHistory: never[];
  tokenToState: never[];
}

/** Volume needed before a user may create a referral code, 10^-6 USD. */
const CODE_VOLUME = 10_000_000_000;
const ZERO_ADDRESS: Hex = `0x${"0".repeat(40)}`;

export function referral(ctx: InfoContext, req: v.InferOutput<typeof ReferralRequest>): ReferralResponse {
  const code = ctx.engine.referrerOf(req.user);
  const volume = ctx.engine.volumeOf(req.user);
  return {
    referredBy: code === undefined ? null : { referrer: ZERO_ADDRESS, code },
    cumVlm: formatUsd(volume),
    unclaimedRewards: "0.0",
    claimedRewards: "0.0",
    builderRewards: "0.0",
    referrerState:
      volume >= CODE_VOLUME
        ? { stage: "needToCreateCode" }
        : { stage: "needToTrade", data: { required: formatUsd(CODE_VOLUME) } },
    rewardHistory: [],
    tokenToState: [],
  };
}
