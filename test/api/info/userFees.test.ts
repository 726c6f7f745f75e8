/**
 * @module test/api/info/userFees
 * `userFees`: the configured perp rates, Hyperliquid's base spot rates, no tiers or discounts.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Harness } from "../../helpers/engine.ts";
import { ALICE, buildFixture, contextOf, historyOf, ok } from "./_fixture.ts";

function expected(cross: string, add: string) {
  return {
    dailyUserVlm: [],
    feeSchedule: {
      cross,
      add,
      spotCross: "0.0007",
      spotAdd: "0.0004",
      tiers: { vip: [], mm: [] },
      referralDiscount: "0.0",
      stakingDiscountTiers: [],
    },
    userCrossRate: cross,
    userAddRate: add,
    userSpotCrossRate: "0.0007",
    userSpotAddRate: "0.0004",
    activeReferralDiscount: "0.0",
    trial: null,
    feeTrialEscrow: "0.0",
    nextTrialAvailableTimestamp: null,
    stakingLink: null,
    activeStakingDiscount: { bpsOfMaxSupply: "0.0", discount: "0.0" },
  };
}

test("the default rates: taker 0.045%, maker 0.015%", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "userFees", user: ALICE }), expected("0.00045", "0.00015"));
});

test("configured rates, a maker rebate negative", () => {
  const h = new Harness({ takerFee: 35_000, makerFee: -2_000 }, []);
  assert.deepEqual(
    ok(contextOf(h, historyOf(h), 0), { type: "userFees", user: ALICE }),
    expected("0.00035", "-0.00002"),
  );
});
