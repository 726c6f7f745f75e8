/**
 * @module test/feeds/activeAssetCtx
 * `activeAssetCtx`: unknown coin refused; `{coin, ctx}` with the perp context to the digit, on subscribe and every
 * second.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { activeAssetCtx as spec } from "../../src/feeds/activeAssetCtx.ts";
import { fixture, json, normalized, sub } from "./_fixture.ts";

const TYPE = "activeAssetCtx";

test("normalization and invalid", () => {
  const f = fixture();
  assert.deepEqual(normalized(spec, { type: TYPE, coin: "SOL", user: "x" }), { type: TYPE, coin: "SOL" });
  assert.equal(spec.invalid?.(f.ctx, sub(spec, { type: TYPE, coin: "SOL" })), undefined);
  assert.equal(spec.invalid?.(f.ctx, sub(spec, { type: TYPE, coin: "@107" })), 'unknown coin "@107"');
});

test("snapshot and period: SOL's context", () => {
  const f = fixture();
  const s = sub(spec, { type: TYPE, coin: "SOL" });
  const expected = {
    channel: TYPE,
    data: {
      coin: "SOL",
      ctx: {
        funding: "0.0000125", // interest rate alone: 0.01% / 8
        openInterest: "2.0",
        prevDayPx: "102.0",
        dayNtlVlm: "204.0", // 2 × 102
        premium: "0.0",
        oraclePx: "104.0",
        markPx: "104.0",
        midPx: "100.5", // (99 + 102) / 2
        impactPxs: null,
        dayBaseVlm: "2.0",
      },
    },
  };
  assert.deepEqual(json(spec.snapshot?.(f.ctx, s)), expected);
  assert.deepEqual(json(spec.periodic?.push(f.ctx, s)), expected);
  assert.equal(spec.periodic?.intervalMs(s), 1000);
});
