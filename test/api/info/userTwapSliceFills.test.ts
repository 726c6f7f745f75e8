/**
 * @module test/api/info/userTwapSliceFills
 * `userTwapSliceFills`: none (no TWAP orders yet).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { BOB, buildFixture, ok } from "./_fixture.ts";

test("[] even for a user with fills", () => {
  assert.deepEqual(ok(buildFixture().ctx, { type: "userTwapSliceFills", user: BOB }), []);
});
