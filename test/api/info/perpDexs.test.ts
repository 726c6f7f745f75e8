/**
 * @module test/api/info/perpDexs
 * `perpDexs`: the first dex only.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, ok } from "./_fixture.ts";

test("[null]", () => {
  assert.deepEqual(ok(buildFixture().ctx, { type: "perpDexs" }), [null]);
});
