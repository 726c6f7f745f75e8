/**
 * @module test/api/info/userAbstraction
 * `userAbstraction`: always "default", for any user.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, buildFixture, DAVE, DESERIALIZE, ok, refused } from "./_fixture.ts";

test("every user is a default account (ccxt then reads the perp clearinghouse state)", () => {
  const f = buildFixture();
  assert.equal(ok(f.ctx, { type: "userAbstraction", user: ALICE }), "default");
  assert.equal(ok(f.ctx, { type: "userAbstraction", user: DAVE }), "default");
  assert.equal(refused(f.ctx, { type: "userAbstraction" }), DESERIALIZE);
});
