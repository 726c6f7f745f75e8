/**
 * @module test/feeds/openOrders
 * `openOrders`: `dex: ""` filled in; `{dex, user, orders}` with /info `frontendOpenOrders`' orders (normalTpsl
 * children inside their parent) on subscribe and every 2 s.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { openOrders as spec } from "../../src/feeds/openOrders.ts";
import { CAROL, DAVE, fixture, json, normalized, ok, sub } from "./_fixture.ts";

const TYPE = "openOrders";

test("normalization, invalid dex, users", () => {
  const f = fixture();
  assert.equal(
    JSON.stringify(normalized(spec, { type: TYPE, user: CAROL })),
    `{"type":"openOrders","user":"${CAROL}","dex":""}`,
  );
  assert.equal(
    spec.invalid?.(f.ctx, sub(spec, { type: TYPE, user: CAROL, dex: "abc" })),
    'unknown perp dex "abc" (hyperlocal has only "")',
  );
  assert.deepEqual(spec.users?.(sub(spec, { type: TYPE, user: CAROL })), [CAROL]);
});

test("snapshot and period: the frontend open orders", () => {
  const f = fixture();
  const s = sub(spec, { type: TYPE, user: CAROL });
  const expected = {
    channel: TYPE,
    data: { dex: "", user: CAROL, orders: ok(f.ctx, { type: "frontendOpenOrders", user: CAROL }) },
  };
  assert.deepEqual(json(spec.snapshot?.(f.ctx, s)), expected);
  assert.deepEqual(json(spec.periodic?.push(f.ctx, s)), expected);
  // CAROL's entry bid 95 × 1 with its two children inside.
  const orders = expected.data.orders as { oid: number; limitPx: string; children: { oid: number }[] }[];
  assert.deepEqual(
    orders.map((o) => [o.oid, o.limitPx, o.children.map((c) => c.oid)]),
    [[f.ids.carolParent, "95.0", [f.ids.carolSl, f.ids.carolTp]]],
  );
  assert.deepEqual(json(spec.snapshot?.(f.ctx, sub(spec, { type: TYPE, user: DAVE }))), {
    channel: TYPE,
    data: { dex: "", user: DAVE, orders: [] },
  });
  assert.equal(spec.periodic?.intervalMs(s), 2000);
});
