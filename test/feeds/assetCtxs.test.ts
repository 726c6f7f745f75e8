/**
 * @module test/feeds/assetCtxs
 * `assetCtxs`: `{type, dex: ""}`; `{dex, ctxs}` with every perp's context in universe order, as /info
 * `metaAndAssetCtxs`, on subscribe and every second.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { assetCtxs as spec } from "../../src/feeds/assetCtxs.ts";
import { fixture, json, normalized, ok, sub } from "./_fixture.ts";

test("normalization and invalid", () => {
  const f = fixture();
  assert.equal(JSON.stringify(normalized(spec, { type: "assetCtxs" })), '{"type":"assetCtxs","dex":""}');
  assert.equal(spec.invalid?.(f.ctx, sub(spec, { type: "assetCtxs" })), undefined);
  assert.equal(
    spec.invalid?.(f.ctx, sub(spec, { type: "assetCtxs", dex: "x" })),
    'unknown perp dex "x" (hyperlocal has only "")',
  );
  assert.equal(spec.users, undefined);
});

test("snapshot and period: every context in universe order", () => {
  const f = fixture();
  const [, ctxs] = ok(f.ctx, { type: "metaAndAssetCtxs" }) as [unknown, { markPx: string }[]];
  const expected = { channel: "assetCtxs", data: { dex: "", ctxs } };
  assert.deepEqual(json(spec.snapshot?.(f.ctx, sub(spec, { type: "assetCtxs" }))), expected);
  assert.deepEqual(json(spec.periodic?.push(f.ctx, sub(spec, { type: "assetCtxs", dex: null }))), expected);
  assert.equal(ctxs.length, 14);
  assert.equal(ctxs[0]?.markPx, "101000.0");
  assert.equal(ctxs[5]?.markPx, "104.0");
  assert.equal(spec.periodic?.intervalMs(sub(spec, { type: "assetCtxs" })), 1000);
});
