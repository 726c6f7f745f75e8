/**
 * @module test/api/info/predictedFundings
 * `predictedFundings`: one HlPerp entry per listed perp with the predicted rate and the next payment time.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Engine } from "../../../src/core/index.ts";
import type { History } from "../../../src/journal/history.ts";
import { buildFixture, HOUR, ok, T0 } from "./_fixture.ts";

const LISTED = ["BTC", "ETH", "ATOM", "DYDX", "SOL", "AVAX", "BNB", "APE", "OP", "LTC", "ARB", "DOGE", "INJ"];

test("every listed perp (delisted MATIC left out), the HlPerp venue, the engine's next funding time", () => {
  const f = buildFixture();
  const data = { fundingRate: "0.0000125", nextFundingTime: T0 + 2 * HOUR, fundingIntervalHours: 1 };
  assert.deepEqual(
    ok(f.ctx, { type: "predictedFundings" }),
    LISTED.map((coin) => [coin, [["HlPerp", data]]]),
  );
});

test("before the engine's first command, the next hour boundary after now", () => {
  const engine = Engine.create();
  const ctx = { engine, history: {} as History, now: () => T0 + HOUR / 2 };
  const [first] = ok(ctx, { type: "predictedFundings" }) as [string, [string, { nextFundingTime: number }][]][];
  assert.equal(first?.[1][0]?.[1].nextFundingTime, T0 + HOUR);
});
