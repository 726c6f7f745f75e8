/**
 * @module test/api/info/extraAgents
 * `extraAgents`: named API wallets with their expiry; the unnamed one is not listed.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, BOB, BOT, buildFixture, contextOf, HOUR, historyOf, ok, T0 } from "./_fixture.ts";

test("BOB's named agent with its expiry; a named agent without one; none for ALICE", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "extraAgents", user: BOB }), [
    { address: BOT, name: "bot", validUntil: T0 + 24 * HOUR },
  ]);
  assert.deepEqual(ok(f.ctx, { type: "extraAgents", user: ALICE }), []);
  const other = `0x${"4".repeat(40)}`;
  f.h.run({ type: "approveAgent", time: ++f.h.time, user: ALICE, agent: other, name: "desk" });
  assert.deepEqual(ok(contextOf(f.h, historyOf(f.h), 0), { type: "extraAgents", user: ALICE }), [
    { address: other, name: "desk", validUntil: null },
  ]);
});
