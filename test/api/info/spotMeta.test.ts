/**
 * @module test/api/info/spotMeta
 * `spotMeta`: PURR/USDC (index 0) and HYPE/USDC (`@1`); USDC as token 0 with its mainnet id, PURR 1, HYPE 2.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, ok } from "./_fixture.ts";

const token = (
  name: string,
  szDecimals: number,
  weiDecimals: number,
  index: number,
  tokenId: string,
  fullName: string | null,
) => ({
  name,
  szDecimals,
  weiDecimals,
  index,
  tokenId,
  isCanonical: true,
  evmContract: null,
  fullName,
  deployerTradingFeeShare: "0.0",
});

export const SPOT_META = {
  universe: [
    { tokens: [1, 0], name: "PURR/USDC", index: 0, isCanonical: true },
    { tokens: [2, 0], name: "@1", index: 1, isCanonical: true },
  ],
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
    token("PURR", 0, 5, 1, "0xc1fb593aeffbeb02f85e0308e9956a90", null),
    token("HYPE", 2, 8, 2, "0x0d01dc56dcaaca66ad901c959b4011ec", "Hyperliquid"),
  ],
};

test("the default spot tokens and pairs", () => {
  assert.deepEqual(ok(buildFixture().ctx, { type: "spotMeta" }), SPOT_META);
});
