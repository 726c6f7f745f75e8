/**
 * @module test/api/info/userToMultiSigSigners
 * `userToMultiSigSigners`: null (no multi-sig accounts).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, buildFixture, ok } from "./_fixture.ts";

test("null for an ordinary account", () => {
  assert.equal(ok(buildFixture().ctx, { type: "userToMultiSigSigners", user: ALICE }), null);
});
