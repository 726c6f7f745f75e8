/**
 * @module test/api/info/userFunding
 * `userFunding`: the hourly payments to the digit, signed, with zero hashes and the sample count.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { BOB, buildFixture, CAROL, DAVE, ok } from "./_fixture.ts";

const f = buildFixture();
const ZERO = `0x${"0".repeat(64)}`;

test("CAROL pays 0.1 × 101000 × 0.00125% on her BTC long; BOB receives it and pays on his SOL long", () => {
  const entry = (coin: string, usdc: string, szi: string) => ({
    time: f.ids.fundingTime,
    hash: ZERO,
    delta: { type: "funding", coin, usdc, szi, fundingRate: "0.0000125", nSamples: 720 },
  });
  assert.deepEqual(ok(f.ctx, { type: "userFunding", user: CAROL, startTime: 0 }), [entry("BTC", "-0.12625", "0.1")]);
  assert.deepEqual(ok(f.ctx, { type: "userFunding", user: BOB, startTime: 0, endTime: null }), [
    entry("BTC", "0.12625", "-0.1"),
    entry("SOL", "-0.0026", "2.0"),
  ]);
});

test("time range, absent startTime, unknown user", () => {
  assert.equal((ok(f.ctx, { type: "userFunding", user: BOB }) as unknown[]).length, 2);
  assert.deepEqual(ok(f.ctx, { type: "userFunding", user: BOB, startTime: f.ids.fundingTime + 1 }), []);
  assert.deepEqual(ok(f.ctx, { type: "userFunding", user: BOB, startTime: 0, endTime: f.ids.fundingTime - 1 }), []);
  assert.deepEqual(ok(f.ctx, { type: "userFunding", user: DAVE, startTime: 0 }), []);
});
