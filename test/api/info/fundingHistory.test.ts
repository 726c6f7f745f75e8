/**
 * @module test/api/info/fundingHistory
 * `fundingHistory`: the hourly rates of a coin, with the interval's average premium, over a time range.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, BOB, Harness, limit, SOL, T0 } from "../../helpers/engine.ts";
import { buildFixture, contextOf, HOUR, historyOf, ok } from "./_fixture.ts";

test("one payment at the first hour: the interest rate alone, zero premium", () => {
  const f = buildFixture();
  const row = { fundingRate: "0.0000125", premium: "0.0", time: f.ids.fundingTime };
  assert.deepEqual(ok(f.ctx, { type: "fundingHistory", coin: "SOL", startTime: 0 }), [{ coin: "SOL", ...row }]);
  assert.deepEqual(ok(f.ctx, { type: "fundingHistory", coin: "BTC", startTime: 0, endTime: null }), [
    { coin: "BTC", ...row },
  ]);
  assert.deepEqual(ok(f.ctx, { type: "fundingHistory", coin: "SOL", startTime: f.ids.fundingTime + 1 }), []);
  assert.deepEqual(ok(f.ctx, { type: "fundingHistory", coin: "SOL", startTime: 0, endTime: T0 }), []);
  assert.deepEqual(ok(f.ctx, { type: "fundingHistory", coin: "ETH", startTime: 0 }), [], "no oracle, no rate");
  assert.deepEqual(ok(f.ctx, { type: "fundingHistory", coin: "NOPE", startTime: 0 }), []);
});

test("a premium from the impact prices, and the rate it gives, per hour", () => {
  const h = new Harness({ markRule: "oracle" });
  h.oracle(SOL, "100");
  h.order(ALICE, [limit(SOL, true, "100.5", "100")]);
  h.order(BOB, [limit(SOL, false, "101", "100")]);
  h.tick(T0 + 2 * HOUR + 1);
  const rates = ok(contextOf(h, historyOf(h), 0), { type: "fundingHistory", coin: "SOL", startTime: 0 });
  // Every sample: (100.5 − 100) / 100 = 0.005 → (0.005 − 0.0005) / 8 per hour.
  assert.deepEqual(rates, [
    { coin: "SOL", fundingRate: "0.0005625", premium: "0.005", time: T0 + HOUR },
    { coin: "SOL", fundingRate: "0.0005625", premium: "0.005", time: T0 + 2 * HOUR },
  ]);
});
