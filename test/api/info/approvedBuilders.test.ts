/**
 * @module test/api/info/approvedBuilders
 * `approvedBuilders`: the builders with a fee above zero.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, BOB, BUILDER, buildFixture, contextOf, historyOf, ok } from "./_fixture.ts";

test("BOB's one builder; a revoked approval disappears; ALICE none", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "approvedBuilders", user: BOB }), [BUILDER]);
  assert.deepEqual(ok(f.ctx, { type: "approvedBuilders", user: ALICE }), []);
  f.h.run({ type: "approveBuilderFee", time: ++f.h.time, user: BOB, builder: BUILDER, fee: 0 });
  assert.deepEqual(ok(contextOf(f.h, historyOf(f.h), 0), { type: "approvedBuilders", user: BOB }), []);
});
