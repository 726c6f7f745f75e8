/**
 * @module test/api/info/referral
 * `referral`: the code entered, the volume, the stage.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, BOB, buildFixture, ok } from "./_fixture.ts";

const empty = { unclaimedRewards: "0.0", claimedRewards: "0.0", builderRewards: "0.0" };

test("BOB entered CCXT1 and traded $10,204; ALICE traded $204 and entered nothing", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "referral", user: BOB }), {
    referredBy: { referrer: `0x${"0".repeat(40)}`, code: "CCXT1" },
    cumVlm: "10204.0",
    ...empty,
    referrerState: { stage: "needToCreateCode" },
    rewardHistory: [],
    tokenToState: [],
  });
  assert.deepEqual(ok(f.ctx, { type: "referral", user: ALICE }), {
    referredBy: null,
    cumVlm: "204.0",
    ...empty,
    referrerState: { stage: "needToTrade", data: { required: "10000.0" } },
    rewardHistory: [],
    tokenToState: [],
  });
});
