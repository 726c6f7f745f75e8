/**
 * @module test/api/exchange/batchModify
 * `batchModify` and `modify`: cancel-and-replace with a new oid, by oid or cloid; modify answers `default` or the
 * order's error as a whole-action error.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { A, harness, json, orderAction, wireOrder } from "../../helpers/exchange.ts";

const CLOID = `0x${"11".repeat(16)}`;

test("batchModify replaces orders with new oids (by oid and by cloid)", async () => {
  const h = await harness();
  await h.l1(A, orderAction(wireOrder(5, true, "99", "1"), wireOrder(5, true, "98", "1", "Gtc", { c: CLOID })));
  const out = json(
    await h.l1(A, {
      type: "batchModify",
      modifies: [
        { oid: 1_000_000, order: wireOrder(5, true, "97", "2") },
        { oid: CLOID, order: wireOrder(5, true, "96", "2", "Gtc", { c: CLOID }) },
      ],
    }),
  );
  assert.deepEqual(out, {
    status: "ok",
    response: {
      type: "order",
      data: { statuses: [{ resting: { oid: 1_000_002 } }, { resting: { oid: 1_000_003, cloid: CLOID } }] },
    },
  });
  assert.deepEqual(
    h.engine.openOrders(A.address).map((o) => [o.order.oid, o.order.price]),
    [
      [1_000_002, 970_000],
      [1_000_003, 960_000],
    ],
  );
});

test("modify answers default, or the error of its order as a whole-action error", async () => {
  const h = await harness();
  await h.l1(A, orderAction(wireOrder(5, true, "99", "1")));
  assert.deepEqual(json(await h.l1(A, { type: "modify", oid: 1_000_000, order: wireOrder(5, true, "98", "1") })), {
    status: "ok",
    response: { type: "default" },
  });
  assert.deepEqual(json(await h.l1(A, { type: "modify", oid: 1_000_000, order: wireOrder(5, true, "97", "1") })), {
    status: "err",
    response: "Cannot modify canceled or filled order",
  });
});
