/**
 * @module api/info/userFees
 * `userFees`: the fee schedule and the user's rates. hyperlocal charges every user the configured perp taker
 * (`cross`) and maker (`add`) rates: no VIP or market-maker tiers, no referral or staking discount, so `tiers`,
 * `stakingDiscountTiers` and `dailyUserVlm` are empty and the discounts `"0.0"`. Spot rates are Hyperliquid's base
 * tier (hyperlocal has no spot yet).
 * @see hyperliquid-api.md §4.4 userFees; hyperliquid-mechanics.md §5 (fees)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { formatFeeRate } from "../wire.ts";
import { Address } from "./_schemas.ts";

export const UserFeesRequest = v.object({ type: v.literal("userFees"), user: Address });

/** A discount tier: share of HYPE max supply staked, and the discount. */
interface StakingTier {
  bpsOfMaxSupply: string;
  discount: string;
}

export interface UserFeesResponse {
  dailyUserVlm: { date: string; userCross: string; userAdd: string; exchange: string }[];
  feeSchedule: {
    cross: string;
    add: string;
    spotCross: string;
    spotAdd: string;
    tiers: {
      vip: { ntlCutoff: string; cross: string; add: string; spotCross: string; spotAdd: string }[];
      mm: { makerFractionCutoff: string; add: string }[];
    };
    referralDiscount: string;
    stakingDiscountTiers: StakingTier[];
  };
  userCrossRate: string;
  userAddRate: string;
  userSpotCrossRate: string;
  userSpotAddRate: string;
  activeReferralDiscount: string;
  trial: null;
  feeTrialEscrow: string;
  nextTrialAvailableTimestamp: number | null;
  stakingLink: null;
  activeStakingDiscount: StakingTier;
}

/** Hyperliquid's base-tier spot rates (taker 0.07%, maker 0.04%). */
const SPOT_CROSS = "0.0007";
const SPOT_ADD = "0.0004";

export function userFees(ctx: InfoContext, _req: v.InferOutput<typeof UserFeesRequest>): UserFeesResponse {
  const { takerFee, makerFee } = ctx.engine.state.config;
  const cross = formatFeeRate(takerFee);
  const add = formatFeeRate(makerFee);
  return {
    dailyUserVlm: [],
    feeSchedule: {
      cross,
      add,
      spotCross: SPOT_CROSS,
      spotAdd: SPOT_ADD,
      tiers: { vip: [], mm: [] },
      referralDiscount: "0.0",
      stakingDiscountTiers: [],
    },
    userCrossRate: cross,
    userAddRate: add,
    userSpotCrossRate: SPOT_CROSS,
    userSpotAddRate: SPOT_ADD,
    activeReferralDiscount: "0.0",
    trial: null,
    feeTrialEscrow: "0.0",
    nextTrialAvailableTimestamp: null,
    stakingLink: null,
    activeStakingDiscount: { bpsOfMaxSupply: "0.0", discount: "0.0" },
  };
}
