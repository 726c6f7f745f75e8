/**
 * @module test/api/info/allPerpMetas
 * `allPerpMetas`: one meta, the first dex's.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, ok } from "./_fixture.ts";

test("allPerpMetas is [meta]", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "allPerpMetas" }), [ok(f.ctx, { type: "meta" })]);
});
