/**
 * @module test/feeds/userTwapHistory
 * `userTwapHistory`: no TWAP yet, so a valid subscription whose snapshot is `{isSnapshot: true, user, history: []}`.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { userTwapHistory as spec } from "../../src/feeds/userTwapHistory.ts";
import { BOB, fixture, json, mixedCase, normalized, sub } from "./_fixture.ts";

test("normalization, users, the empty snapshot and nothing after", () => {
  const f = fixture();
  assert.deepEqual(normalized(spec, { type: "userTwapHistory", user: mixedCase(BOB) }), {
    type: "userTwapHistory",
    user: BOB,
  });
  assert.deepEqual(spec.users?.(sub(spec, { type: "userTwapHistory", user: BOB })), [BOB]);
  assert.equal(
    JSON.stringify(json(spec.snapshot?.(f.ctx, sub(spec, { type: "userTwapHistory", user: BOB })))),
    `{"channel":"userTwapHistory","data":{"isSnapshot":true,"user":"${BOB}","history":[]}}`,
  );
  assert.equal(spec.onTick, undefined);
  assert.equal(spec.periodic, undefined);
});
