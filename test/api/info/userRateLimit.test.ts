/**
 * @module test/api/info/userRateLimit
 * `userRateLimit`: 10000 requests plus one per USDC traded.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { BOB, buildFixture, DAVE, ok } from "./_fixture.ts";

test("BOB traded 204 + 10000 USDC; an unknown user has the initial 10000", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "userRateLimit", user: BOB }), {
    cumVlm: "10204.0",
    nRequestsUsed: 0,
    nRequestsCap: 20204,
    nRequestsSurplus: 0,
  });
  assert.deepEqual(ok(f.ctx, { type: "userRateLimit", user: DAVE }), {
    cumVlm: "0.0",
    nRequestsUsed: 0,
    nRequestsCap: 10000,
    nRequestsSurplus: 0,
  });
});
