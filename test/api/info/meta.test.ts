/**
 * @module test/api/info/meta
 * `meta`: the default universe (mainnet's first fourteen perps), flags only when true, the margin tables by id.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_PERPS } from "../../../src/core/index.ts";
import { Harness } from "../../helpers/engine.ts";
import { buildFixture, contextOf, DEFAULT_META, DESERIALIZE, historyOf, ok, refused } from "./_fixture.ts";

const f = buildFixture();

test("meta lists the universe in asset order with its margin tables", () => {
  assert.deepEqual(ok(f.ctx, { type: "meta" }), DEFAULT_META);
  assert.deepEqual(ok(f.ctx, { type: "meta", dex: "" }), DEFAULT_META, 'the Python SDK sends dex ""');
});

test("onlyIsolated and isDelisted appear only when true; configured tables replace the defaults", () => {
  const h = new Harness(
    {
      markets: [
        ...DEFAULT_PERPS.slice(0, 1),
        { name: "HPOS", szDecimals: 0, maxLeverage: 3, marginTableId: 3, onlyIsolated: true },
      ],
      marginTables: [[56, { description: "one tier", tiers: [{ lowerBound: 0, maxLeverage: 40 }] }]],
    },
    [],
  );
  const ctx = contextOf(h, historyOf(h), 0);
  assert.deepEqual(ok(ctx, { type: "meta" }), {
    universe: [
      { szDecimals: 5, name: "BTC", maxLeverage: 40, marginTableId: 56 },
      { szDecimals: 0, name: "HPOS", maxLeverage: 3, marginTableId: 3, onlyIsolated: true },
    ],
    marginTables: [[56, { description: "one tier", marginTiers: [{ lowerBound: "0.0", maxLeverage: 40 }] }]],
    collateralToken: 0,
  });
});

test("another dex is refused with a reason", () => {
  assert.equal(
    refused(f.ctx, { type: "meta", dex: "xyz" }),
    `${DESERIALIZE}: unknown perp dex "xyz" (hyperlocal has only the first perp dex, "")`,
  );
});
