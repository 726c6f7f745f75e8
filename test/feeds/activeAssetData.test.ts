/**
 * @module test/feeds/activeAssetData
 * `activeAssetData`: `{type, user, coin}`; unknown coin refused; /info `activeAssetData`'s object on subscribe and
 * every 2 s.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { activeAssetData as spec } from "../../src/feeds/activeAssetData.ts";
import { CAROL, fixture, json, mixedCase, normalized, ok, sub } from "./_fixture.ts";

const TYPE = "activeAssetData";

test("normalization, invalid, users", () => {
  const f = fixture();
  assert.equal(
    JSON.stringify(normalized(spec, { coin: "BTC", type: TYPE, user: mixedCase(CAROL) })),
    `{"type":"activeAssetData","user":"${CAROL}","coin":"BTC"}`,
  );
  assert.equal(spec.invalid?.(f.ctx, sub(spec, { type: TYPE, user: CAROL, coin: "NOPE" })), 'unknown coin "NOPE"');
  assert.deepEqual(spec.users?.(sub(spec, { type: TYPE, user: CAROL, coin: "BTC" })), [CAROL]);
});

test("snapshot and period: as /info, CAROL's isolated BTC leverage", () => {
  const f = fixture();
  const s = sub(spec, { type: TYPE, user: CAROL, coin: "BTC" });
  const info = ok(f.ctx, { type: TYPE, user: CAROL, coin: "BTC" }) as { leverage: { type: string; value: number } };
  assert.deepEqual(json(spec.snapshot?.(f.ctx, s)), { channel: TYPE, data: info });
  assert.deepEqual(json(spec.periodic?.push(f.ctx, s)), { channel: TYPE, data: info });
  assert.equal(info.leverage.type, "isolated");
  assert.equal(info.leverage.value, 10);
  assert.equal(spec.periodic?.intervalMs(s), 2000);
});
