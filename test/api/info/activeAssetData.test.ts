/**
 * @module test/api/info/activeAssetData
 * `activeAssetData`: leverage, available margin and the largest order per side, to the digit.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { BOB, buildFixture, CAROL, DAVE, DESERIALIZE, ok, refused } from "./_fixture.ts";

const f = buildFixture();
const data = (user: string, coin: string) => ok(f.ctx, { type: "activeAssetData", user, coin });

test("BOB on SOL (cross 20x, long 2): free margin both ways, plus the long's margin on the sell side", () => {
  // Free = value 99902.53185 − margin 515.4 (no resting orders) = 99387.13185; selling also frees the long's 10.4.
  // Sizes at mark 104 and 20x, down to 0.01: 19112.9099 → 19112.9; 19114.9099 → 19114.9.
  assert.deepEqual(data(BOB, "SOL"), {
    user: BOB,
    coin: "SOL",
    leverage: { type: "cross", value: 20 },
    maxTradeSzs: ["19112.9", "19114.9"],
    availableToTrade: ["99387.13185", "99397.53185"],
    markPx: "104.0",
  });
});

test("CAROL on BTC (isolated 10x, long 0.1): her resting SOL bid reserves 95 / 20 = 4.75", () => {
  // Free = cross value 49100 − 4.75 = 49095.25; the sell side adds the isolated equity 1095.37375.
  // Sizes at mark 101000 and 10x, down to 0.00001: 4.860915… → 4.86091; 4.969368… → 4.96936.
  assert.deepEqual(data(CAROL, "BTC"), {
    user: CAROL,
    coin: "BTC",
    leverage: { type: "isolated", value: 10, rawUsd: "-9004.62625" },
    maxTradeSzs: ["4.86091", "4.96936"],
    availableToTrade: ["49095.25", "50190.62375"],
    markPx: "101000.0",
  });
});

test("an unknown user has the default leverage and nothing to trade; unpriced markets print mark 0", () => {
  assert.deepEqual(data(DAVE, "BTC"), {
    user: DAVE,
    coin: "BTC",
    leverage: { type: "cross", value: 20 },
    maxTradeSzs: ["0.0", "0.0"],
    availableToTrade: ["0.0", "0.0"],
    markPx: "101000.0",
  });
  assert.deepEqual(data(DAVE, "ATOM"), {
    user: DAVE,
    coin: "ATOM",
    leverage: { type: "cross", value: 5 },
    maxTradeSzs: ["0.0", "0.0"],
    availableToTrade: ["0.0", "0.0"],
    markPx: "0.0",
  });
  assert.equal(
    refused(f.ctx, { type: "activeAssetData", user: BOB, coin: "NOPE" }),
    `${DESERIALIZE}: unknown coin "NOPE"`,
  );
});
