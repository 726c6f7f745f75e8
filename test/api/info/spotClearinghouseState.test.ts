/**
 * @module test/api/info/spotClearinghouseState
 * `spotClearinghouseState`: no spot balances in hyperlocal.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, buildFixture, DAVE, ok } from "./_fixture.ts";

test("no balances, funded or not", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "spotClearinghouseState", user: ALICE }), { balances: [] });
  assert.deepEqual(ok(f.ctx, { type: "spotClearinghouseState", user: DAVE, dex: null }), { balances: [] });
});
