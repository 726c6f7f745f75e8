/**
 * @module test/api/info/marginTable
 * `marginTable`: configured tables, implicit single-tier ids below 50, refusals.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, DESERIALIZE, ok, refused } from "./_fixture.ts";

const f = buildFixture();

test("a configured table and an implicit one", () => {
  assert.deepEqual(ok(f.ctx, { type: "marginTable", id: 56 }), {
    description: "tiered 40x",
    marginTiers: [
      { lowerBound: "0.0", maxLeverage: 40 },
      { lowerBound: "150000000.0", maxLeverage: 20 },
    ],
  });
  assert.deepEqual(ok(f.ctx, { type: "marginTable", id: 5, dex: "" }), {
    description: "",
    marginTiers: [{ lowerBound: "0.0", maxLeverage: 5 }],
  });
});

test("ids without a table are refused with a reason", () => {
  assert.equal(refused(f.ctx, { type: "marginTable", id: 60 }), `${DESERIALIZE}: unknown margin table 60`);
  assert.equal(refused(f.ctx, { type: "marginTable", id: 0 }), `${DESERIALIZE}: unknown margin table 0`);
  assert.equal(refused(f.ctx, { type: "marginTable" }), DESERIALIZE);
});
