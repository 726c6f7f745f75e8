/**
 * @module test/feeds/userTwapSliceFills
 * `userTwapSliceFills`: the empty snapshot, then the slice fills of a tick (zero hash, twapId set); the snapshot reads
 * the history.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { userTwapSliceFills as spec } from "../../src/feeds/userTwapSliceFills.ts";
import { BOB, fixture, json, mixedCase, normalized, sub } from "./_fixture.ts";
import { DAVE, twapMarket, twapTick } from "./_twap.ts";

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
  assert.equal(spec.periodic, undefined);
});

test("a slice fill is pushed with its twapId and a zero hash; the snapshot then holds it", () => {
  const h = twapMarket();
  const { ctx, tick } = twapTick(h);
  type Data = { data: { twapSliceFills: { twapId: number; fill: { sz: string; hash: string; twapId: number } }[] } };
  const push = json(spec.onTick?.(ctx, sub(spec, { type: "userTwapSliceFills", user: DAVE }), tick)) as Data;
  assert.deepEqual(
    push.data.twapSliceFills.map((x) => [x.twapId, x.fill.twapId, x.fill.sz, x.fill.hash]),
    [[1, 1, "1.0", `0x${"0".repeat(64)}`]],
  );
  const snap = json(spec.snapshot?.(ctx, sub(spec, { type: "userTwapSliceFills", user: DAVE }))) as Data;
  assert.deepEqual(snap.data.twapSliceFills, push.data.twapSliceFills);
  assert.equal(spec.onTick?.(ctx, sub(spec, { type: "userTwapSliceFills", user: BOB }), tick), undefined);
});
