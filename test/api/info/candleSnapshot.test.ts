/**
 * @module test/api/info/candleSnapshot
 * `candleSnapshot`: candles from the history, to the digit, over a time range; unknown coins and empty ranges.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { buildFixture, ok, T0 } from "./_fixture.ts";

const f = buildFixture();
const snapshot = (req: Record<string, unknown>) => ok(f.ctx, { type: "candleSnapshot", req });

test("the SOL trade (2 at 102) makes one candle per interval, with t and T its bucket's bounds", () => {
  assert.deepEqual(snapshot({ coin: "SOL", interval: "1h", startTime: 0 }), [
    { t: T0, T: T0 + 3_599_999, s: "SOL", i: "1h", o: "102.0", c: "102.0", h: "102.0", l: "102.0", v: "2.0", n: 1 },
  ]);
  assert.deepEqual(snapshot({ coin: "BTC", interval: "1m", startTime: T0, endTime: T0 + 60_000 }), [
    {
      t: T0,
      T: T0 + 59_999,
      s: "BTC",
      i: "1m",
      o: "100000.0",
      c: "100000.0",
      h: "100000.0",
      l: "100000.0",
      v: "0.1",
      n: 1,
    },
  ]);
});

test("the bucket holding startTime counts; ranges without trades and unknown coins give []", () => {
  assert.equal((snapshot({ coin: "SOL", interval: "1d", startTime: T0 + 5 }) as unknown[]).length, 1);
  assert.deepEqual(snapshot({ coin: "SOL", interval: "1m", startTime: T0 + 60_000 }), []);
  assert.deepEqual(snapshot({ coin: "SOL", interval: "1m", startTime: 0, endTime: T0 - 1 }), []);
  assert.deepEqual(snapshot({ coin: "ETH", interval: "1m", startTime: 0 }), []);
  assert.deepEqual(snapshot({ coin: "NOPE", interval: "1m", startTime: 0, endTime: null }), []);
});
