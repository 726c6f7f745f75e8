/**
 * @module test/feeds/candle
 * `candle`: `{type, interval, coin}` key order, unknown interval and coin, the snapshot (the candle of the bucket
 * holding now, none when that bucket has no trade), and a tick with fills pushing the whole current candle.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { candle } from "../../src/feeds/candle.ts";
import {
  BOB,
  CAROL,
  contextOf,
  fixture,
  json,
  limit,
  normalized,
  refusedBySchema,
  SOL,
  sub,
  T0,
  tickOf,
} from "./_fixture.ts";

test("normalization: Hyperliquid's key order {type, interval, coin}; an unknown interval fails the schema", () => {
  assert.equal(
    JSON.stringify(normalized(candle, { type: "candle", coin: "UNI", interval: "30m" })),
    '{"type":"candle","interval":"30m","coin":"UNI"}',
  );
  assert.equal(refusedBySchema(candle, { type: "candle", coin: "SOL", interval: "2m" }), true);
  assert.equal(refusedBySchema(candle, { type: "candle", coin: "SOL" }), true);
});

test("invalid: unknown coin", () => {
  const f = fixture();
  assert.equal(candle.invalid?.(f.ctx, sub(candle, { type: "candle", coin: "SOL", interval: "1m" })), undefined);
  assert.equal(candle.invalid?.(f.ctx, sub(candle, { type: "candle", coin: "X", interval: "1m" })), 'unknown coin "X"');
});

test("snapshot: the candle of the bucket holding now; none when it has no trade", () => {
  const f = fixture();
  // The SOL trade (102 × 2) was in the first hour after T0; the clock is past that hour.
  assert.equal(candle.snapshot?.(f.ctx, sub(candle, { type: "candle", coin: "SOL", interval: "1h" })), undefined);
  assert.deepEqual(json(candle.snapshot?.(f.ctx, sub(candle, { type: "candle", coin: "SOL", interval: "1d" }))), {
    channel: "candle",
    data: {
      t: T0,
      T: T0 + 86_399_999,
      s: "SOL",
      i: "1d",
      o: "102.0",
      c: "102.0",
      h: "102.0",
      l: "102.0",
      v: "2.0",
      n: 1,
    },
  });
  const early = contextOf(f.h, f.history, f.ids.solTradeTime + 1);
  assert.deepEqual(json(candle.snapshot?.(early, sub(candle, { type: "candle", coin: "SOL", interval: "1h" }))), {
    channel: "candle",
    data: {
      t: T0,
      T: T0 + 3_599_999,
      s: "SOL",
      i: "1h",
      o: "102.0",
      c: "102.0",
      h: "102.0",
      l: "102.0",
      v: "2.0",
      n: 1,
    },
  });
});

test("onTick: the tick's fills on the coin push the whole current candle (one object)", () => {
  const f = fixture();
  // BOB sells 12 at 95: 10 at 99 (ALICE), 1 at 95 (CAROL). The day candle now has 3 trades: 102, 99, 95.
  const { ctx, tick } = tickOf(f.h, () => f.h.order(BOB, [limit(SOL, false, "95", "12", "Ioc")]));
  assert.deepEqual(json(candle.onTick?.(ctx, sub(candle, { type: "candle", coin: "SOL", interval: "1d" }), tick)), {
    channel: "candle",
    data: {
      t: T0,
      T: T0 + 86_399_999,
      s: "SOL",
      i: "1d",
      o: "102.0",
      c: "95.0",
      h: "102.0",
      l: "95.0",
      v: "13.0",
      n: 3,
    },
  });
  // The 1m bucket of the tick holds only this tick's two trades.
  const minute = tick.time - (tick.time % 60_000);
  assert.deepEqual(json(candle.onTick?.(ctx, sub(candle, { type: "candle", coin: "SOL", interval: "1m" }), tick)), {
    channel: "candle",
    data: {
      t: minute,
      T: minute + 59_999,
      s: "SOL",
      i: "1m",
      o: "99.0",
      c: "95.0",
      h: "99.0",
      l: "95.0",
      v: "11.0",
      n: 2,
    },
  });
  assert.equal(candle.onTick?.(ctx, sub(candle, { type: "candle", coin: "BTC", interval: "1m" }), tick), undefined);
  const quiet = tickOf(f.h, () => f.h.order(CAROL, [limit(SOL, true, "90", "1")]));
  assert.equal(
    candle.onTick?.(quiet.ctx, sub(candle, { type: "candle", coin: "SOL", interval: "1m" }), quiet.tick),
    undefined,
  );
});

test("onTick: a tick across a bucket boundary pushes the candle of its last fill", () => {
  const f = fixture();
  const next = f.h.time - (f.h.time % 60_000) + 60_000;
  f.h.time = next - 2;
  const { ctx, tick } = tickOf(f.h, () => {
    f.h.order(BOB, [limit(SOL, false, "99", "1", "Ioc")]); // at next − 1
    f.h.order(BOB, [limit(SOL, false, "99", "3", "Ioc")]); // at next
  });
  assert.equal(tick.time, next);
  assert.deepEqual(json(candle.onTick?.(ctx, sub(candle, { type: "candle", coin: "SOL", interval: "1m" }), tick)), {
    channel: "candle",
    data: { t: next, T: next + 59_999, s: "SOL", i: "1m", o: "99.0", c: "99.0", h: "99.0", l: "99.0", v: "3.0", n: 1 },
  });
});
