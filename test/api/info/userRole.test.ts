/**
 * @module test/api/info/userRole
 * `userRole`: user, agent (with its master), missing.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { AGENT, ALICE, BOB, BOT, buildFixture, DAVE, mixedCase, ok } from "./_fixture.ts";

test("accounts, API wallets and strangers", () => {
  const f = buildFixture();
  const role = (user: string) => ok(f.ctx, { type: "userRole", user });
  assert.deepEqual(role(ALICE), { role: "user" });
  assert.deepEqual(role(mixedCase(BOB)), { role: "user" });
  assert.deepEqual(role(AGENT), { role: "agent", data: { user: BOB } });
  assert.deepEqual(role(BOT), { role: "agent", data: { user: BOB } });
  assert.deepEqual(role(DAVE), { role: "missing" });
});
