/**
 * @module test/api/info/subAccounts2
 * `subAccounts2`: null (no sub-accounts).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, buildFixture, ok } from "./_fixture.ts";

test("null", () => {
  assert.equal(ok(buildFixture().ctx, { type: "subAccounts2", user: ALICE }), null);
});
