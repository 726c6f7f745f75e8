/**
 * @module test/feeds/userTwapSliceFills
 * `userTwapSliceFills`: no TWAP yet, so a valid subscription whose snapshot is `{isSnapshot: true, user, twapSliceFills: []}`.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { userTwapSliceFills as spec } from "../../src/feeds/userTwapSliceFills.ts";
import { BOB, fixture, json, mixedCase, normalized, sub } from "./_fixture.ts";

test("normalization, users, the empty snapshot and nothing after", () => {
  const f = fixture();
  assert.deepEqual(normalized(spec, { type: "userTwapSliceFills", user: mixedCase(BOB) }), {
    type: "userTwapSliceFills",
    user: BOB,
  });
  assert.deepEqual(spec.users?.(sub(spec, { type: "userTwapSliceFills", user: BOB })), [BOB]);
  assert.equal(
    JSON.stringify(json(spec.snapshot?.(f.ctx, sub(spec, { type: "userTwapSliceFills", user: BOB })))),
    `{"channel":"userTwapSliceFills","data":{"isSnapshot":true,"user":"${BOB}","twapSliceFills":[]}}`,
  );
  assert.equal(spec.onTick, undefined);
  assert.equal(spec.periodic, undefined);
});
