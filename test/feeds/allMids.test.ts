/**
 * @module test/feeds/allMids
 * `allMids`: `dex` omitted for the main dex (absent, null, ""), kept (and refused) for another; `{mids}` as /info
 * `allMids` on subscribe and every period; the cadence.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { allMids } from "../../src/feeds/allMids.ts";
import { contextOf, fixture, json, limit, normalized, refusedBySchema, SOL, sub, BOB, historyOf } from "./_fixture.ts";

test("normalization: dex omitted for the main dex, kept otherwise", () => {
  assert.equal(JSON.stringify(normalized(allMids, { type: "allMids" })), '{"type":"allMids"}');
  assert.equal(JSON.stringify(normalized(allMids, { type: "allMids", dex: "" })), '{"type":"allMids"}');
  assert.equal(JSON.stringify(normalized(allMids, { type: "allMids", dex: null })), '{"type":"allMids"}');
  assert.equal(JSON.stringify(normalized(allMids, { type: "allMids", dex: "xyz" })), '{"type":"allMids","dex":"xyz"}');
  assert.equal(refusedBySchema(allMids, { type: "allMids", dex: 1 }), true);
});

test("invalid: any dex but the first", () => {
  const f = fixture();
  assert.equal(allMids.invalid?.(f.ctx, sub(allMids, { type: "allMids", dex: "" })), undefined);
  assert.equal(
    allMids.invalid?.(f.ctx, sub(allMids, { type: "allMids", dex: "xyz" })),
    'unknown perp dex "xyz" (hyperlocal has only "")',
  );
});

test("snapshot and every period: {mids} without a dex key; every second", () => {
  const f = fixture();
  // SOL: (99 + 102) / 2; BTC: no book, its last trade 100000.
  const expected = { channel: "allMids", data: { mids: { BTC: "100000.0", SOL: "100.5" } } };
  assert.deepEqual(json(allMids.snapshot?.(f.ctx, sub(allMids, { type: "allMids" }))), expected);
  assert.deepEqual(json(allMids.periodic?.push(f.ctx, sub(allMids, { type: "allMids", dex: "" }))), expected);
  f.h.order(BOB, [limit(SOL, true, "101", "1")]);
  const ctx = contextOf(f.h, historyOf(f.h), f.now);
  assert.deepEqual(json(allMids.periodic?.push(ctx, sub(allMids, { type: "allMids" }))), {
    channel: "allMids",
    data: { mids: { BTC: "100000.0", SOL: "101.5" } },
  });
  assert.equal(allMids.periodic?.intervalMs(sub(allMids, { type: "allMids" })), 1000);
});
