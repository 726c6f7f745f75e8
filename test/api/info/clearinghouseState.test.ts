/**
 * @module test/api/info/clearinghouseState
 * `clearinghouseState` to the digit for a cross short, a cross account with two positions, and an isolated long,
 * each figure derived by hand from the fixture; a zeroed state for an unknown user.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, BOB, buildFixture, CAROL, DAVE, mixedCase, ok } from "./_fixture.ts";

const f = buildFixture();
const state = (user: string) => ok(f.ctx, { type: "clearinghouseState", user });

test("ALICE: short 2 SOL from 102, mark 104, cross 20x", () => {
  // Cash: 100000 + 204 (sold 2 at 102) − 0.0306 (maker fee 0.015%) + 0.0026 (funding received: 2 × 104 × 0.00125%)
  // − 100 (sent to CAROL) − 50 (withdrawn) = 100053.972. Value = cash − 2 × 104 = 99845.972.
  // Margin 208 / 20 = 10.4; maintenance 208 / 40 = 5.2; withdrawable = value − max(10.4, 10% of 208) = 99825.172.
  // ROE = −4 × 20 / 204 = −0.39215686274… (10 decimals, truncated). Liquidation: 104 + (99845.972 − 5.2) / 2 /
  // (1 + 1/40) = 48806.8156.
  const summary = {
    accountValue: "99845.972",
    totalNtlPos: "208.0",
    totalRawUsd: "100053.972",
    totalMarginUsed: "10.4",
  };
  assert.deepEqual(state(ALICE), {
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: "5.2",
    withdrawable: "99825.172",
    assetPositions: [
      {
        type: "oneWay",
        position: {
          coin: "SOL",
          szi: "-2.0",
          leverage: { type: "cross", value: 20 },
          entryPx: "102.0",
          positionValue: "208.0",
          unrealizedPnl: "-4.0",
          returnOnEquity: "-0.3921568627",
          liquidationPx: "48806.8156",
          marginUsed: "10.4",
          maxLeverage: 20,
          cumFunding: { allTime: "-0.0026", sinceOpen: "-0.0026", sinceChange: "-0.0026" },
        },
      },
    ],
    time: f.now,
  });
});

test("BOB: short 0.1 BTC and long 2 SOL, cross; positions in asset order; no finite liquidation for the long", () => {
  // Cash: 100000 − 204 − 0.0918 (taker fee 0.045%) + 10000 − 1.5 (maker fee) − 0.0026 (SOL funding paid)
  // + 0.12625 (BTC funding received: 0.1 × 101000 × 0.00125%) = 109794.53185.
  // Value = cash + 2 × 104 − 0.1 × 101000 = 99902.53185; notional 10100 + 208 = 10308.
  // Margin 10100 / 20 + 208 / 20 = 515.4; maintenance 10100 / 80 + 208 / 40 = 131.45;
  // withdrawable = value − max(515.4, 1030.8) = 98871.73185.
  const summary = {
    accountValue: "99902.53185",
    totalNtlPos: "10308.0",
    totalRawUsd: "109794.53185",
    totalMarginUsed: "515.4",
  };
  assert.deepEqual(state(BOB), {
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: "131.45",
    withdrawable: "98871.73185",
    assetPositions: [
      {
        type: "oneWay",
        position: {
          coin: "BTC",
          szi: "-0.1",
          leverage: { type: "cross", value: 20 },
          entryPx: "100000.0",
          positionValue: "10100.0",
          unrealizedPnl: "-100.0",
          returnOnEquity: "-0.2",
          liquidationPx: "1086393.4",
          marginUsed: "505.0",
          maxLeverage: 40,
          cumFunding: { allTime: "-0.12625", sinceOpen: "-0.12625", sinceChange: "-0.12625" },
        },
      },
      {
        type: "oneWay",
        position: {
          coin: "SOL",
          szi: "2.0",
          leverage: { type: "cross", value: 20 },
          entryPx: "102.0",
          positionValue: "208.0",
          unrealizedPnl: "4.0",
          returnOnEquity: "0.3921568627",
          liquidationPx: null,
          marginUsed: "10.4",
          maxLeverage: 20,
          cumFunding: { allTime: "0.0026", sinceOpen: "0.0026", sinceChange: "0.0026" },
        },
      },
    ],
    time: f.now,
  });
});

test("CAROL: isolated 10x long 0.1 BTC; marginSummary adds the isolated equity, crossMarginSummary does not", () => {
  // Isolated cash (rawUsd): −10000 (bought) − 4.5 (taker fee) + 1000 (margin moved in: 10000 / 10) − 0.12625
  // (funding paid) = −9004.62625; isolated equity = rawUsd + 0.1 × 101000 = 1095.37375 (= marginUsed).
  // Cross cash: 50000 − 1000 + 100 (from ALICE) = 49100. ROE = 100 × 10 / 10000 = 0.1.
  // Liquidation: 101000 − (1095.37375 − 10100 / 80) / 0.1 / (1 − 1/80) = 91186.1 (engine rounding).
  assert.deepEqual(state(CAROL), {
    marginSummary: {
      accountValue: "50195.37375",
      totalNtlPos: "10100.0",
      totalRawUsd: "40095.37375",
      totalMarginUsed: "1095.37375",
    },
    crossMarginSummary: { accountValue: "49100.0", totalNtlPos: "0.0", totalRawUsd: "49100.0", totalMarginUsed: "0.0" },
    crossMaintenanceMarginUsed: "0.0",
    withdrawable: "49100.0",
    assetPositions: [
      {
        type: "oneWay",
        position: {
          coin: "BTC",
          szi: "0.1",
          leverage: { type: "isolated", value: 10, rawUsd: "-9004.62625" },
          entryPx: "100000.0",
          positionValue: "10100.0",
          unrealizedPnl: "100.0",
          returnOnEquity: "0.1",
          liquidationPx: "91186.1",
          marginUsed: "1095.37375",
          maxLeverage: 40,
          cumFunding: { allTime: "0.12625", sinceOpen: "0.12625", sinceChange: "0.12625" },
        },
      },
    ],
    time: f.now,
  });
});

test("an unknown user gets the zeroed state; a mixed-case address is the same user", () => {
  const zero = { accountValue: "0.0", totalNtlPos: "0.0", totalRawUsd: "0.0", totalMarginUsed: "0.0" };
  assert.deepEqual(state(DAVE), {
    marginSummary: zero,
    crossMarginSummary: zero,
    crossMaintenanceMarginUsed: "0.0",
    withdrawable: "0.0",
    assetPositions: [],
    time: f.now,
  });
  assert.deepEqual(state(mixedCase(ALICE)), state(ALICE));
});
