/**
 * @module test/feeds/twapStates
 * `twapStates`: `{type, user, dex: ""}`; no TWAP yet, so the snapshot is `{dex, user, states: []}`.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { twapStates as spec } from "../../src/feeds/twapStates.ts";
import { BOB, fixture, json, normalized, sub } from "./_fixture.ts";

test("normalization, invalid dex, the empty snapshot", () => {
  const f = fixture();
  assert.equal(
    JSON.stringify(normalized(spec, { type: "twapStates", user: BOB })),
    `{"type":"twapStates","user":"${BOB}","dex":""}`,
  );
  assert.equal(
    spec.invalid?.(f.ctx, sub(spec, { type: "twapStates", user: BOB, dex: "q" })),
    'unknown perp dex "q" (hyperlocal has only "")',
  );
  assert.deepEqual(spec.users?.(sub(spec, { type: "twapStates", user: BOB })), [BOB]);
  assert.equal(
    JSON.stringify(json(spec.snapshot?.(f.ctx, sub(spec, { type: "twapStates", user: BOB })))),
    `{"channel":"twapStates","data":{"dex":"","user":"${BOB}","states":[]}}`,
  );
});
