/**
 * @module test/api/info/userFillsByTime
 * `userFillsByTime`: fills in an inclusive time range, oldest first (newest first with `reversed`).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { BOB, buildFixture, DAVE, ok } from "./_fixture.ts";

const f = buildFixture();
const tids = (body: Record<string, unknown>) =>
  (ok(f.ctx, { type: "userFillsByTime", user: BOB, ...body }) as { tid: number }[]).map((x) => x.tid);

test("oldest first; reversed newest first; both ends inclusive", () => {
  assert.deepEqual(tids({ startTime: 0 }), [1_000_000, 1_000_001]);
  assert.deepEqual(tids({ startTime: 0, reversed: true }), [1_000_001, 1_000_000]);
  assert.deepEqual(tids({ startTime: f.ids.solTradeTime, endTime: f.ids.solTradeTime }), [1_000_000]);
  assert.deepEqual(tids({ startTime: f.ids.solTradeTime + 1, endTime: null, reversed: null }), [1_000_001]);
  assert.deepEqual(tids({ startTime: 0, endTime: f.ids.btcTradeTime - 1, reversed: true }), [1_000_000]);
  assert.deepEqual(tids({ startTime: f.ids.btcTradeTime + 1 }), []);
});

test("the fills are the userFills objects", () => {
  const all = ok(f.ctx, { type: "userFills", user: BOB }) as unknown[];
  assert.deepEqual(ok(f.ctx, { type: "userFillsByTime", user: BOB, startTime: 0, reversed: true }), all);
  assert.deepEqual(ok(f.ctx, { type: "userFillsByTime", user: DAVE, startTime: 0 }), []);
});
