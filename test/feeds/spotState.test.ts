/**
 * @module test/feeds/spotState
 * `spotState`: lowercase user, `isPortfolioMargin` / `ignorePortfolioMargin` echoed as `ignorePortfolioMargin`;
 * `{user, spotState}` as /info `spotClearinghouseState` on subscribe and every 2 s (hand check in `_spot.ts`).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { spotState as spec } from "../../src/feeds/spotState.ts";
import { BOB, json, mixedCase, normalized, ok, refusedBySchema, sub } from "./_fixture.ts";
import { spotTick } from "./_spot.ts";

const TYPE = "spotState";

test("normalization: {type, user, ignorePortfolioMargin}; users", () => {
  const expected = (flag: boolean) => `{"type":"spotState","user":"${BOB}","ignorePortfolioMargin":${flag}}`;
  assert.equal(JSON.stringify(normalized(spec, { type: TYPE, user: mixedCase(BOB) })), expected(false));
  assert.equal(JSON.stringify(normalized(spec, { type: TYPE, user: BOB, isPortfolioMargin: true })), expected(true));
  assert.equal(
    JSON.stringify(normalized(spec, { ignorePortfolioMargin: true, type: TYPE, user: BOB })),
    expected(true),
  );
  assert.equal(refusedBySchema(spec, { type: TYPE }), true);
  assert.deepEqual(spec.users?.(sub(spec, { type: TYPE, user: mixedCase(BOB) })), [BOB]);
});

test("snapshot and every period: {user, spotState} as /info spotClearinghouseState", () => {
  const { ctx } = spotTick();
  const s = sub(spec, { type: TYPE, user: BOB });
  const push = json(spec.snapshot?.(ctx, s));
  assert.deepEqual(push, {
    channel: TYPE,
    data: { user: BOB, spotState: ok(ctx, { type: "spotClearinghouseState", user: BOB }) },
  });
  assert.deepEqual((push as { data: { spotState: { balances: unknown[] } } }).data.spotState.balances, [
    { coin: "USDC", token: 0, total: "11.9952", hold: "0.0", entryNtl: "0.0" },
    { coin: "PURR", token: 1, total: "940.0", hold: "40.0", entryNtl: "0.0" },
  ]);
  assert.deepEqual(json(spec.periodic?.push(ctx, s)), push);
  assert.equal(spec.periodic?.intervalMs(s), 2000);
});
