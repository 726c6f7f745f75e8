/**
 * @module test/api/info/spotMetaAndAssetCtxs
 * `spotMetaAndAssetCtxs`: spotMeta and no contexts.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, ok } from "./_fixture.ts";

test("[spotMeta, []]", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "spotMetaAndAssetCtxs" }), [ok(f.ctx, { type: "spotMeta" }), []]);
});
