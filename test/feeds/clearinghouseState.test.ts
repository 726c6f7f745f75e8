/**
 * @module test/feeds/clearinghouseState
 * `clearinghouseState`: `dex: ""` filled in (absent, null), another dex refused; `{dex, user, clearinghouseState}`
 * as /info on subscribe and every 2 s, with the clock's time.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { clearinghouseState as spec } from "../../src/feeds/clearinghouseState.ts";
import { BOB, contextOf, fixture, json, mixedCase, normalized, ok, refusedBySchema, sub } from "./_fixture.ts";

const TYPE = "clearinghouseState";

test("normalization: {type, user, dex: ''}; another dex is invalid", () => {
  const f = fixture();
  const expected = `{"type":"clearinghouseState","user":"${BOB}","dex":""}`;
  assert.equal(JSON.stringify(normalized(spec, { type: TYPE, user: mixedCase(BOB) })), expected);
  assert.equal(JSON.stringify(normalized(spec, { dex: null, type: TYPE, user: BOB })), expected);
  assert.equal(JSON.stringify(normalized(spec, { dex: "", type: TYPE, user: BOB })), expected);
  assert.equal(refusedBySchema(spec, { type: TYPE }), true);
  assert.equal(spec.invalid?.(f.ctx, sub(spec, { type: TYPE, user: BOB })), undefined);
  assert.equal(
    spec.invalid?.(f.ctx, sub(spec, { type: TYPE, user: BOB, dex: "xyz" })),
    'unknown perp dex "xyz" (hyperlocal has only "")',
  );
  assert.deepEqual(spec.users?.(sub(spec, { type: TYPE, user: BOB })), [BOB]);
});

test("snapshot and every period: {dex, user, clearinghouseState} as /info", () => {
  const f = fixture();
  const s = sub(spec, { type: TYPE, user: BOB });
  const push = json(spec.snapshot?.(f.ctx, s)) as { data: { clearinghouseState: { marginSummary: object } } };
  assert.deepEqual(push, {
    channel: TYPE,
    data: { dex: "", user: BOB, clearinghouseState: ok(f.ctx, { type: TYPE, user: BOB }) },
  });
  // BOB: short 0.1 BTC (mark 101000) and long 2 SOL (mark 104): 10100 + 208 of notional.
  assert.equal((push.data.clearinghouseState.marginSummary as { totalNtlPos: string }).totalNtlPos, "10308.0");
  const later = contextOf(f.h, f.history, f.now + 2000);
  const next = json(spec.periodic?.push(later, s)) as { data: { clearinghouseState: { time: number } } };
  assert.equal(next.data.clearinghouseState.time, f.now + 2000);
  assert.equal(spec.periodic?.intervalMs(s), 2000);
});
