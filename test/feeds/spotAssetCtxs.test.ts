/**
 * @module test/feeds/spotAssetCtxs
 * `spotAssetCtxs`: a bare array of every pair's `SpotAssetCtx`, as /info `spotMetaAndAssetCtxs`' second element, on
 * subscribe and at the asset-context cadence.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { spotAssetCtxs as spec } from "../../src/feeds/spotAssetCtxs.ts";
import { json, normalized, ok, sub } from "./_fixture.ts";
import { spotTick } from "./_spot.ts";

test("normalization: {type}", () => {
  assert.equal(JSON.stringify(normalized(spec, { type: "spotAssetCtxs" })), `{"type":"spotAssetCtxs"}`);
});

test("snapshot and every period: the pairs' contexts as /info", () => {
  const { ctx } = spotTick();
  const s = sub(spec, { type: "spotAssetCtxs" });
  const [, ctxs] = ok(ctx, { type: "spotMetaAndAssetCtxs" }) as [unknown, { coin: string; markPx: string }[]];
  assert.deepEqual(json(spec.snapshot?.(ctx, s)), { channel: "spotAssetCtxs", data: ctxs });
  assert.deepEqual(
    ctxs.map((c) => [c.coin, c.markPx]),
    [
      ["PURR/USDC", "0.2"],
      ["@1", "0.0"],
    ],
  );
  assert.deepEqual(json(spec.periodic?.push(ctx, s)), json(spec.snapshot?.(ctx, s)));
  assert.equal(spec.periodic?.intervalMs(s), 1000);
});
