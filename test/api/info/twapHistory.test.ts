/**
 * @module test/api/info/twapHistory
 * `twapHistory`: none (no TWAP orders yet).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { BOB, buildFixture, DESERIALIZE, ok, refused } from "./_fixture.ts";

test("[] for anyone; the user is still required", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "twapHistory", user: BOB }), []);
  assert.equal(refused(f.ctx, { type: "twapHistory" }), DESERIALIZE);
});
