/**
 * @module test/api/info/exchangeStatus
 * `exchangeStatus`: the clock and no special status.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, ok } from "./_fixture.ts";

test("time is now; specialStatuses null (ccxt: ok, not maintenance)", () => {
  const f = buildFixture();
  const answer = ok(f.ctx, { type: "exchangeStatus" });
  assert.deepEqual(answer, { specialStatuses: null, time: f.now });
  assert.deepEqual(Object.keys(answer as object), ["specialStatuses", "time"]);
});
