/**
 * @module test/feeds/userEvents
 * `userEvents` (data channel `user`): no snapshot; a tick's fills of the user as `{fills}`, else a liquidation, else
 * the system's cancels `{nonUserCancel}`, else the first funding payment; one push per tick in that priority.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { tradeHash } from "../../src/api/info/_shapes.ts";
import type { Event } from "../../src/core/index.ts";
import { userEvents } from "../../src/feeds/userEvents.ts";
import { ALICE, BOB, CAROL, DAVE, fixture, HOUR, json, limit, normalized, SOL, sub, T0, tickOf } from "./_fixture.ts";

const of = (user: string) => sub(userEvents, { type: "userEvents", user });

test("normalization, users, no snapshot", () => {
  assert.deepEqual(normalized(userEvents, { type: "userEvents", user: BOB }), { type: "userEvents", user: BOB });
  assert.deepEqual(userEvents.users?.(of(BOB)), [BOB]);
  assert.equal(userEvents.snapshot, undefined);
});

test("onTick: the user's fills on channel user", () => {
  const f = fixture();
  const { ctx, tick } = tickOf(f.h, () => f.h.order(BOB, [limit(SOL, false, "99", "4", "Ioc")]));
  assert.deepEqual(json(userEvents.onTick?.(ctx, of(ALICE), tick)), [
    {
      channel: "user",
      data: {
        fills: [
          {
            coin: "SOL",
            px: "99.0",
            sz: "4.0",
            side: "B",
            time: tick.time,
            startPosition: "-2.0",
            dir: "Short > Long",
            closedPnl: "6.0",
            hash: tradeHash(1_000_002),
            oid: f.ids.aliceBid,
            crossed: false,
            fee: "0.0594",
            tid: 1_000_002,
            feeToken: "USDC",
            twapId: null,
          },
        ],
      },
    },
  ]);
  assert.equal(userEvents.onTick?.(ctx, of(CAROL), tick), undefined);
});

test("onTick: a funding tick sends each payment as its own frame", () => {
  const f = fixture();
  const { ctx, tick } = tickOf(f.h, () => f.h.tick(T0 + 2 * HOUR + 1));
  assert.deepEqual(json(userEvents.onTick?.(ctx, of(BOB), tick)), [
    {
      channel: "user",
      data: {
        funding: {
          time: T0 + 2 * HOUR,
          coin: "BTC",
          usdc: "0.12625",
          szi: "-0.1",
          fundingRate: "0.0000125",
          nSamples: 720,
        },
      },
    },
    {
      channel: "user",
      data: {
        funding: {
          time: T0 + 2 * HOUR,
          coin: "SOL",
          usdc: "-0.0026",
          szi: "2.0",
          fundingRate: "0.0000125",
          nSamples: 720,
        },
      },
    },
  ]);
  assert.equal(userEvents.onTick?.(ctx, of(DAVE), tick), undefined);
});

test("onTick: a liquidation to both parties; system cancels as nonUserCancel; every kind in order", () => {
  const f = fixture();
  const order = f.h.engine.liveOrder(f.ids.aliceBid)?.order;
  assert.ok(order !== undefined);
  const liquidation: Event = {
    type: "liquidation",
    time: 77,
    user: ALICE,
    liquidator: CAROL,
    leverageType: "Cross",
    notional: 208_000_000,
    accountValue: 4_500_000,
  };
  const cancel: Event = { type: "orderStatus", time: 77, status: "marginCanceled", order };
  const userCancel: Event = { type: "orderStatus", time: 77, status: "canceled", order };
  const expected = {
    channel: "user",
    data: {
      liquidation: {
        lid: 77,
        liquidator: CAROL,
        liquidated_user: ALICE,
        liquidated_ntl_pos: "208.0",
        liquidated_account_value: "4.5",
      },
    },
  };
  const tick = { time: 77, events: [cancel, liquidation] };
  const nonUserCancel = { channel: "user", data: { nonUserCancel: [{ coin: "SOL", oid: f.ids.aliceBid }] } };
  assert.deepEqual(json(userEvents.onTick?.(f.ctx, of(ALICE), tick)), [expected, nonUserCancel]);
  assert.deepEqual(json(userEvents.onTick?.(f.ctx, of(CAROL), tick)), [expected]);
  assert.deepEqual(json(userEvents.onTick?.(f.ctx, of(ALICE), { time: 77, events: [userCancel, cancel] })), [
    nonUserCancel,
  ]);
  assert.equal(userEvents.onTick?.(f.ctx, of(ALICE), { time: 77, events: [userCancel] }), undefined);
  const withFill = tickOf(f.h, () => f.h.order(BOB, [limit(SOL, false, "99", "1", "Ioc")]));
  const both = { time: withFill.tick.time, events: [liquidation, ...withFill.tick.events] };
  const pushes = json(userEvents.onTick?.(withFill.ctx, of(ALICE), both)) as { data: object }[];
  assert.deepEqual(
    pushes.map((p) => Object.keys(p.data)),
    [["fills"], ["liquidation"]],
    "fills first, then the liquidation, each its own frame",
  );
});
