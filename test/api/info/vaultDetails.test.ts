/**
 * @module test/api/info/vaultDetails
 * `vaultDetails`: `null` for an address that is not a vault; a vault's full shape is checked in
 * test/api/exchange/vault.test.ts and through the SDK in test/conformance/nktkas-vault.test.ts.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { BOB, buildFixture, ok } from "./_fixture.ts";

test("null for a non-vault", () => {
  assert.equal(ok(buildFixture().ctx, { type: "vaultDetails", vaultAddress: BOB }), null);
  assert.equal(ok(buildFixture().ctx, { type: "vaultDetails", vaultAddress: BOB, user: BOB }), null);
});
