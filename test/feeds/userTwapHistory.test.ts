/**
 * @module test/feeds/userTwapHistory
 * `userTwapHistory`: the empty snapshot, then the history entries of a tick; the snapshot reads the history.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { userTwapHistory as spec } from "../../src/feeds/userTwapHistory.ts";
import { BOB, fixture, json, mixedCase, normalized, sub } from "./_fixture.ts";
import { DAVE, twapMarket, twapTick } from "./_twap.ts";

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
  assert.equal(spec.periodic, undefined);
});

test("a placement pushes its activated entry; the snapshot then holds it", () => {
  const h = twapMarket();
  const { ctx, tick } = twapTick(h);
  const push = json(spec.onTick?.(ctx, sub(spec, { type: "userTwapHistory", user: DAVE }), tick)) as {
    data: { user: string; history: { status: { status: string }; twapId: number; state: { sz: string } }[] };
  };
  assert.equal(push.data.user, DAVE);
  assert.deepEqual(
    push.data.history.map((x) => [x.twapId, x.status.status, x.state.sz]),
    [[1, "activated", "11.0"]],
  );
  const snap = json(spec.snapshot?.(ctx, sub(spec, { type: "userTwapHistory", user: DAVE }))) as {
    data: { isSnapshot: boolean; history: unknown[] };
  };
  assert.equal(snap.data.isSnapshot, true);
  assert.equal(snap.data.history.length, 1);
  assert.equal(spec.onTick?.(ctx, sub(spec, { type: "userTwapHistory", user: BOB }), tick), undefined);
});
