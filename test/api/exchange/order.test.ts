/**
 * @module test/api/exchange/order
 * `order` through the whole /exchange path: resting, filled and error statuses with exact strings, TP/SL grouping
 * statuses, builder fees, priority grouping.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { A, B, harness, json, orderAction, wireOrder } from "../../helpers/exchange.ts";

const CLOID = `0x${"ab".repeat(16)}`;

test("a resting order answers its oid and cloid; a crossing one answers filled with total size and average price", async () => {
  const h = await harness();
  const rest = json(
    await h.l1(A, orderAction(wireOrder(5, false, "101", "2", "Gtc", { c: CLOID }), wireOrder(5, false, "102", "1"))),
  );
  assert.deepEqual(rest, {
    status: "ok",
    response: {
      type: "order",
      data: { statuses: [{ resting: { oid: 1_000_000, cloid: CLOID } }, { resting: { oid: 1_000_001 } }] },
    },
  });
  const cross = json(await h.l1(B, orderAction(wireOrder(5, true, "105", "3", "Ioc"))));
  assert.deepEqual(cross, {
    status: "ok",
    response: {
      type: "order",
      data: { statuses: [{ filled: { totalSz: "3.0", avgPx: "101.333333", oid: 1_000_002 } }] },
    },
  });
});

test("per-order errors carry Hyperliquid's strings with the asset suffix; status stays ok", async () => {
  const h = await harness();
  const out = json(
    await h.l1(
      A,
      orderAction(
        wireOrder(5, true, "100.001", "1"),
        wireOrder(5, true, "1", "1"),
        wireOrder(5, true, "99", "1", "Ioc"),
      ),
    ),
  );
  assert.deepEqual(out, {
    status: "ok",
    response: {
      type: "order",
      data: {
        statuses: [
          { error: "Price must be divisible by tick size. asset=5" },
          { error: "Order must have minimum value of $10. asset=5" },
          { error: "Order could not immediately match against any resting orders. asset=5" },
        ],
      },
    },
  });
});

test("normalTpsl: a filled parent and its two children waiting for their trigger", async () => {
  const h = await harness();
  await h.l1(B, orderAction(wireOrder(5, false, "100", "1")));
  const parent = wireOrder(5, true, "100", "1", "Ioc");
  const tp = {
    a: 5,
    b: false,
    p: "120",
    s: "1",
    r: true,
    t: { trigger: { isMarket: true, triggerPx: "120", tpsl: "tp" } },
  };
  const sl = {
    a: 5,
    b: false,
    p: "80",
    s: "1",
    r: true,
    t: { trigger: { isMarket: true, triggerPx: "80", tpsl: "sl" } },
  };
  const out = json(await h.l1(A, { type: "order", orders: [parent, tp, sl], grouping: "normalTpsl" }));
  assert.deepEqual(out, {
    status: "ok",
    response: {
      type: "order",
      data: {
        statuses: [
          { filled: { totalSz: "1.0", avgPx: "100.0", oid: 1_000_001 } },
          "waitingForTrigger",
          "waitingForTrigger",
        ],
      },
    },
  });
});

test("a builder fee needs an approval; priority grouping needs staked HYPE", async () => {
  const h = await harness();
  const builder = `0x${"be".repeat(20)}`;
  const withBuilder = { ...orderAction(wireOrder(5, true, "99", "1")), builder: { b: builder, f: 10 } };
  assert.deepEqual(json(await h.l1(A, withBuilder)), { status: "err", response: "Builder fee has not been approved." });
  const priority = { type: "order", orders: [wireOrder(5, true, "99", "1", "Ioc")], grouping: { p: 100 } };
  assert.deepEqual(json(await h.l1(A, priority)), {
    status: "err",
    response: "Insufficient delegatable balance for priority order",
  });
});

test("an empty batch is refused as a whole", async () => {
  const h = await harness();
  assert.deepEqual(json(await h.l1(A, orderAction())), { status: "err", response: "Empty order batch." });
});
