/**
 * @module test/api/exchange/cancel
 * `cancel` and `cancelByCloid`: success and the missing-order string, per cancel.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { A, B, harness, json, orderAction, wireOrder } from "../../helpers/exchange.ts";

const CLOID = `0x${"0c".repeat(16)}`;

test("cancel by oid: success, then the missing-order error; another user's order is not found", async () => {
  const h = await harness();
  await h.l1(A, orderAction(wireOrder(5, true, "99", "1"), wireOrder(5, true, "98", "1")));
  const out = json(
    await h.l1(A, {
      type: "cancel",
      cancels: [
        { a: 5, o: 1_000_000 },
        { a: 5, o: 1_000_000 },
      ],
    }),
  );
  assert.deepEqual(out, {
    status: "ok",
    response: {
      type: "cancel",
      data: { statuses: ["success", { error: "Order was never placed, already canceled, or filled." }] },
    },
  });
  const theirs = json(await h.l1(B, { type: "cancel", cancels: [{ a: 5, o: 1_000_001 }] }));
  assert.deepEqual(theirs, {
    status: "ok",
    response: {
      type: "cancel",
      data: { statuses: [{ error: "Order was never placed, already canceled, or filled." }] },
    },
  });
  assert.equal(h.engine.openOrders(A.address).length, 1);
});

test("cancelByCloid uses asset and cloid keys; any case of the cloid", async () => {
  const h = await harness();
  await h.l1(A, orderAction(wireOrder(5, true, "99", "1", "Gtc", { c: CLOID })));
  const out = json(
    await h.l1(A, { type: "cancelByCloid", cancels: [{ asset: 5, cloid: CLOID.toUpperCase().replace("0X", "0x") }] }),
  );
  assert.deepEqual(out, { status: "ok", response: { type: "cancel", data: { statuses: ["success"] } } });
  assert.equal(h.engine.openOrders(A.address).length, 0);
});

test("a signed f: false is not the wire shape (422)", async () => {
  const h = await harness();
  const out = await h.l1(A, { type: "cancel", cancels: [{ a: 5, o: 1 }], f: false });
  assert.deepEqual(out, { status: 422, text: "Failed to deserialize the JSON body into the target type" });
});
