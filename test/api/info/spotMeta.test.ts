/**
 * @module test/api/info/spotMeta
 * `spotMeta`: no pairs; USDC as token 0 with its mainnet id.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, ok } from "./_fixture.ts";

export const SPOT_META = {
  universe: [],
  tokens: [
    {
      name: "USDC",
      szDecimals: 8,
      weiDecimals: 8,
      index: 0,
      tokenId: "0x6d1e7cde53ba9467b783cb7c530ce054",
      isCanonical: true,
      evmContract: null,
      fullName: null,
      deployerTradingFeeShare: "0.0",
    },
  ],
};

test("USDC only, no universe", () => {
  assert.deepEqual(ok(buildFixture().ctx, { type: "spotMeta" }), SPOT_META);
});
