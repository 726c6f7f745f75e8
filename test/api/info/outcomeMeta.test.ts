/**
 * @module test/api/info/outcomeMeta
 * `outcomeMeta`: no outcome markets.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, ok } from "./_fixture.ts";

test("empty outcomes and questions", () => {
  assert.deepEqual(ok(buildFixture().ctx, { type: "outcomeMeta" }), { outcomes: [], questions: [] });
});
