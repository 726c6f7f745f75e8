/**
 * @module test/api/info/userTwapSliceFillsByTime
 * `userTwapSliceFillsByTime`: none (no TWAP orders yet).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { BOB, buildFixture, DESERIALIZE, ok, refused } from "./_fixture.ts";

test("[]; startTime is required", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "userTwapSliceFillsByTime", user: BOB, startTime: 0, endTime: null }), []);
  assert.equal(refused(f.ctx, { type: "userTwapSliceFillsByTime", user: BOB }), DESERIALIZE);
});
