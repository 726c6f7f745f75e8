/**
 * @module test/feeds/userHistoricalOrders
 * `userHistoricalOrders`: the snapshot as /info `historicalOrders` with `isSnapshot` first; a tick's status changes
 * of the user's orders as HistoricalOrders.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { userHistoricalOrders as spec } from "../../src/feeds/userHistoricalOrders.ts";
import { ALICE, BOB, fixture, json, limit, normalized, ok, SOL, sub, tickOf } from "./_fixture.ts";

const TYPE = "userHistoricalOrders";

test("normalization and users", () => {
  assert.deepEqual(normalized(spec, { type: TYPE, user: ALICE }), { type: TYPE, user: ALICE });
  assert.deepEqual(spec.users?.(sub(spec, { type: TYPE, user: ALICE })), [ALICE]);
});

test("snapshot: {isSnapshot: true, user, orderHistory} as /info historicalOrders", () => {
  const f = fixture();
  const push = json(spec.snapshot?.(f.ctx, sub(spec, { type: TYPE, user: ALICE }))) as { data: object };
  assert.deepEqual(push, {
    channel: TYPE,
    data: { isSnapshot: true, user: ALICE, orderHistory: ok(f.ctx, { type: "historicalOrders", user: ALICE }) },
  });
  assert.deepEqual(Object.keys(push.data), ["isSnapshot", "user", "orderHistory"]);
});

test("onTick: the user's status changes as HistoricalOrders", () => {
  const f = fixture();
  const { ctx, tick } = tickOf(f.h, () => f.h.order(BOB, [limit(SOL, true, "98", "1.5")]));
  assert.deepEqual(json(spec.onTick?.(ctx, sub(spec, { type: TYPE, user: BOB }), tick)), {
    channel: TYPE,
    data: {
      user: BOB,
      orderHistory: [
        {
          order: {
            coin: "SOL",
            side: "B",
            limitPx: "98.0",
            sz: "1.5",
            oid: 1_000_010,
            timestamp: tick.time,
            triggerCondition: "N/A",
            isTrigger: false,
            triggerPx: "0.0",
            children: [],
            isPositionTpsl: false,
            reduceOnly: false,
            orderType: "Limit",
            origSz: "1.5",
            tif: "Gtc",
            cloid: null,
          },
          status: "open",
          statusTimestamp: tick.time,
        },
      ],
    },
  });
  assert.equal(spec.onTick?.(ctx, sub(spec, { type: TYPE, user: ALICE }), tick), undefined);
});
