/**
 * @module test/api/info/perpsAtOpenInterestCap
 * `perpsAtOpenInterestCap`: no caps in hyperlocal.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, DESERIALIZE, ok, refused } from "./_fixture.ts";

test("[] for the first dex; another dex is refused", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "perpsAtOpenInterestCap" }), []);
  assert.deepEqual(ok(f.ctx, { type: "perpsAtOpenInterestCap", dex: "" }), []);
  assert.match(
    refused(f.ctx, { type: "perpsAtOpenInterestCap", dex: "xyz" }),
    new RegExp(`^${DESERIALIZE}: unknown perp dex`),
  );
});
