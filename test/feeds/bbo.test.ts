/**
 * @module test/feeds/bbo
 * `bbo`: normalization, unknown coin, the snapshot, and a push only for ticks that touched a best level (a fill at
 * the best, a new best, an order behind the best does not count, an emptied side gives null).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { bbo } from "../../src/feeds/bbo.ts";
import {
  ALICE,
  BOB,
  CAROL,
  fixture,
  json,
  limit,
  normalized,
  oidOf,
  SOL,
  statusesOf,
  sub,
  tickOf,
} from "./_fixture.ts";

const SOL_BBO = { type: "bbo", coin: "SOL" };

test("normalization and invalid", () => {
  const f = fixture();
  assert.deepEqual(normalized(bbo, { coin: "SOL", type: "bbo", fast: true }), SOL_BBO);
  assert.equal(bbo.invalid?.(f.ctx, sub(bbo, SOL_BBO)), undefined);
  assert.equal(bbo.invalid?.(f.ctx, sub(bbo, { type: "bbo", coin: "XYZ" })), 'unknown coin "XYZ"');
});

test("snapshot: [best bid, best ask] with the clock's time; null for an empty side", () => {
  const f = fixture();
  assert.deepEqual(json(bbo.snapshot?.(f.ctx, sub(bbo, SOL_BBO))), {
    channel: "bbo",
    data: {
      coin: "SOL",
      time: f.now,
      bbo: [
        { px: "99.0", sz: "10.0", n: 1 },
        { px: "102.0", sz: "3.0", n: 1 },
      ],
    },
  });
  // BTC: BOB's ask was taken entirely; no bid.
  assert.deepEqual(json(bbo.snapshot?.(f.ctx, sub(bbo, { type: "bbo", coin: "BTC" }))), {
    channel: "bbo",
    data: { coin: "BTC", time: f.now, bbo: [null, null] },
  });
});

test("onTick: a fill at the best bid pushes the new bbo with the tick's time", () => {
  const f = fixture();
  const { ctx, tick } = tickOf(f.h, () => f.h.order(BOB, [limit(SOL, false, "99", "4", "Ioc")]));
  assert.deepEqual(json(bbo.onTick?.(ctx, sub(bbo, SOL_BBO), tick)), {
    channel: "bbo",
    data: {
      coin: "SOL",
      time: tick.time,
      bbo: [
        { px: "99.0", sz: "6.0", n: 1 },
        { px: "102.0", sz: "3.0", n: 1 },
      ],
    },
  });
  assert.equal(bbo.onTick?.(ctx, sub(bbo, { type: "bbo", coin: "BTC" }), tick), undefined);
});

test("onTick: a new best ask pushes; an order behind the best does not; an oracle move does not", () => {
  const f = fixture();
  const better = tickOf(f.h, () => f.h.order(CAROL, [limit(SOL, false, "101", "1")]));
  assert.deepEqual(json(bbo.onTick?.(better.ctx, sub(bbo, SOL_BBO), better.tick)), {
    channel: "bbo",
    data: {
      coin: "SOL",
      time: better.tick.time,
      bbo: [
        { px: "99.0", sz: "10.0", n: 1 },
        { px: "101.0", sz: "1.0", n: 1 },
      ],
    },
  });
  const behind = tickOf(f.h, () => {
    f.h.order(CAROL, [limit(SOL, false, "105", "1")]);
    f.h.order(CAROL, [limit(SOL, true, "97", "1")]);
  });
  assert.equal(bbo.onTick?.(behind.ctx, sub(bbo, SOL_BBO), behind.tick), undefined);
  const oracle = tickOf(f.h, () => f.h.oracle(SOL, "103"));
  assert.equal(bbo.onTick?.(oracle.ctx, sub(bbo, SOL_BBO), oracle.tick), undefined);
});

test("onTick: canceling the only ask gives null; joining the best bid changes its size and count", () => {
  const f = fixture();
  const { ctx, tick } = tickOf(f.h, () => {
    f.h.cancel(ALICE, SOL, f.ids.aliceAsk);
    oidOf(statusesOf(f.h.order(CAROL, [limit(SOL, true, "99", "1")]))[0]);
  });
  assert.deepEqual(json(bbo.onTick?.(ctx, sub(bbo, SOL_BBO), tick)), {
    channel: "bbo",
    data: { coin: "SOL", time: tick.time, bbo: [{ px: "99.0", sz: "11.0", n: 2 }, null] },
  });
});

test("onTick: joining the best bid alone pushes its new size and count", () => {
  const f = fixture();
  const { ctx, tick } = tickOf(f.h, () => f.h.order(CAROL, [limit(SOL, true, "99", "2")]));
  assert.deepEqual(json(bbo.onTick?.(ctx, sub(bbo, SOL_BBO), tick)), {
    channel: "bbo",
    data: {
      coin: "SOL",
      time: tick.time,
      bbo: [
        { px: "99.0", sz: "12.0", n: 2 },
        { px: "102.0", sz: "3.0", n: 1 },
      ],
    },
  });
});
