/**
 * @module test/api/info/vaultSummaries
 * `vaultSummaries`: none (no vaults).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, ok } from "./_fixture.ts";

test("[]", () => {
  assert.deepEqual(ok(buildFixture().ctx, { type: "vaultSummaries" }), []);
});
