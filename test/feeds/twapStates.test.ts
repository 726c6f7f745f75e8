/**
 * @module test/feeds/twapStates
 * `twapStates`: `{type, user, dex: ""}`; the empty snapshot, then the running TWAPs after a tick that changed them.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { twapStates as spec } from "../../src/feeds/twapStates.ts";
import { BOB, fixture, json, normalized, sub } from "./_fixture.ts";
import { DAVE, twapMarket, twapTick } from "./_twap.ts";

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

test("a tick that changes the user's TWAPs pushes the running ones", () => {
  const h = twapMarket();
  const { ctx, tick } = twapTick(h);
  const push = json(spec.onTick?.(ctx, sub(spec, { type: "twapStates", user: DAVE }), tick)) as {
    data: { dex: string; states: [number, { executedSz: string; sz: string; side: string; minutes: number }][] };
  };
  assert.equal(push.data.dex, "");
  assert.deepEqual(
    push.data.states.map(([id, st]) => [id, st.sz, st.executedSz, st.side, st.minutes]),
    [[1, "11.0", "1.0", "B", 5]],
  );
  assert.equal(spec.onTick?.(ctx, sub(spec, { type: "twapStates", user: BOB }), tick), undefined);
});
