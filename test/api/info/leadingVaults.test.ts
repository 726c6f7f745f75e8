/**
 * @module test/api/info/leadingVaults
 * `leadingVaults`: none (no vaults).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { BOB, buildFixture, ok } from "./_fixture.ts";

test("[]", () => {
  assert.deepEqual(ok(buildFixture().ctx, { type: "leadingVaults", user: BOB }), []);
});
