/**
 * @module test/feeds/webData2
 * `webData2`: exactly /info `webData2` on subscribe and every 2 s (lowercase `user`, `serverTime` the clock's).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { webData2 as spec } from "../../src/feeds/webData2.ts";
import { BOB, contextOf, fixture, json, mixedCase, normalized, ok, sub } from "./_fixture.ts";

test("normalization and users", () => {
  assert.deepEqual(normalized(spec, { type: "webData2", user: mixedCase(BOB) }), { type: "webData2", user: BOB });
  assert.deepEqual(spec.users?.(sub(spec, { type: "webData2", user: BOB })), [BOB]);
});

test("snapshot and period: /info webData2", () => {
  const f = fixture();
  const s = sub(spec, { type: "webData2", user: mixedCase(BOB) });
  const info = ok(f.ctx, { type: "webData2", user: BOB }) as { user: string; serverTime: number };
  assert.deepEqual(json(spec.snapshot?.(f.ctx, s)), { channel: "webData2", data: info });
  assert.equal(info.user, BOB);
  const later = contextOf(f.h, f.history, f.now + 2000);
  const next = json(spec.periodic?.push(later, s)) as { data: { serverTime: number } };
  assert.equal(next.data.serverTime, f.now + 2000);
  assert.equal(spec.periodic?.intervalMs(s), 2000);
});
