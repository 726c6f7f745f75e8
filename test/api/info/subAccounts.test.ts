/**
 * @module test/api/info/subAccounts
 * `subAccounts`: null (no sub-accounts).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, buildFixture, ok } from "./_fixture.ts";

test("null, as Hyperliquid answers for a user without sub-accounts", () => {
  assert.equal(ok(buildFixture().ctx, { type: "subAccounts", user: ALICE }), null);
});
