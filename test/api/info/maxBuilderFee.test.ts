/**
 * @module test/api/info/maxBuilderFee
 * `maxBuilderFee`: the approved rate in tenths of a basis point, 0 without approval.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, BOB, BUILDER, buildFixture, DESERIALIZE, mixedCase, ok, refused } from "./_fixture.ts";

test("BOB approved 10 (0.01%) for the builder; ALICE nothing", () => {
  const f = buildFixture();
  assert.equal(ok(f.ctx, { type: "maxBuilderFee", user: BOB, builder: BUILDER }), 10);
  assert.equal(ok(f.ctx, { type: "maxBuilderFee", user: mixedCase(BOB), builder: mixedCase(BUILDER) }), 10);
  assert.equal(ok(f.ctx, { type: "maxBuilderFee", user: ALICE, builder: BUILDER }), 0);
  assert.equal(refused(f.ctx, { type: "maxBuilderFee", user: BOB, builder: "0x12" }), DESERIALIZE);
});
