/**
 * @module test/api/info/spotMetaAndAssetCtxs
 * `spotMetaAndAssetCtxs`: spotMeta and no contexts.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, ok } from "./_fixture.ts";

test("[spotMeta, one context per pair]", () => {
  const f = buildFixture();
  const [meta, ctxs] = ok(f.ctx, { type: "spotMetaAndAssetCtxs" }) as [unknown, { coin: string; midPx: unknown }[]];
  assert.deepEqual(meta, ok(f.ctx, { type: "spotMeta" }));
  assert.deepEqual(
    ctxs.map((c) => [c.coin, c.midPx]),
    [
      ["PURR/USDC", null],
      ["@1", null],
    ],
  );
});
