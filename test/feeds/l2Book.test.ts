/**
 * @module test/feeds/l2Book
 * `l2Book`: the normalized form with every default in Hyperliquid's key order, invalid aggregations and coins, the
 * full snapshot on subscribe and on every period (re-sent unchanged with the clock's time), `fast` (5 levels and
 * `fast: true`), aggregation as /info, and the cadence constants.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { CADENCE_MS, l2Book } from "../../src/feeds/l2Book.ts";
import {
  CAROL,
  contextOf,
  fixture,
  historyOf,
  json,
  limit,
  normalized,
  refusedBySchema,
  SOL,
  sub,
} from "./_fixture.ts";

test("normalization: nSigFigs, mantissa null and fast false filled in, in the server's order", () => {
  assert.equal(
    JSON.stringify(normalized(l2Book, { type: "l2Book", coin: "BTC" })),
    '{"type":"l2Book","coin":"BTC","nSigFigs":null,"mantissa":null,"fast":false}',
  );
  assert.equal(
    JSON.stringify(normalized(l2Book, { fast: true, mantissa: 2, nSigFigs: 5, coin: "BTC", type: "l2Book", x: 1 })),
    '{"type":"l2Book","coin":"BTC","nSigFigs":5,"mantissa":2,"fast":true}',
  );
  assert.equal(refusedBySchema(l2Book, { type: "l2Book", coin: "BTC", nSigFigs: "5" }), true);
  assert.equal(refusedBySchema(l2Book, { type: "l2Book", coin: "BTC", fast: 1 }), true);
});

test("invalid: unknown coin, nSigFigs outside 2..5, mantissa without nSigFigs 5", () => {
  const f = fixture();
  const why = (s: object) => l2Book.invalid?.(f.ctx, sub(l2Book, { type: "l2Book", ...s }));
  assert.equal(why({ coin: "SOL" }), undefined);
  assert.equal(why({ coin: "SOL", nSigFigs: 5, mantissa: 5 }), undefined);
  assert.equal(why({ coin: "NOPE" }), 'unknown coin "NOPE"');
  const depth = "nSigFigs must be 2..5 or null, mantissa 1, 2 or 5 and only with nSigFigs 5";
  assert.equal(why({ coin: "SOL", nSigFigs: 6 }), depth);
  assert.equal(why({ coin: "SOL", mantissa: 2 }), depth);
  assert.equal(why({ coin: "SOL", nSigFigs: 4, mantissa: 2 }), depth);
  assert.equal(why({ coin: "SOL", nSigFigs: 5, mantissa: 3 }), depth);
});

test("snapshot and every period: the whole book with the clock's time, changed or not", () => {
  const f = fixture();
  const s = sub(l2Book, { type: "l2Book", coin: "SOL" });
  // Bids: ALICE 99 × 10, CAROL's entry 95 × 1; asks: ALICE's 102 with 3 left.
  const expected = {
    channel: "l2Book",
    data: {
      coin: "SOL",
      time: f.now,
      levels: [
        [
          { px: "99.0", sz: "10.0", n: 1 },
          { px: "95.0", sz: "1.0", n: 1 },
        ],
        [{ px: "102.0", sz: "3.0", n: 1 }],
      ],
    },
  };
  assert.deepEqual(json(l2Book.snapshot?.(f.ctx, s)), expected);
  assert.deepEqual(json(l2Book.periodic?.push(f.ctx, s)), expected);
  const later = contextOf(f.h, f.history, f.now + 500);
  assert.deepEqual(json(l2Book.periodic?.push(later, s)), {
    ...expected,
    data: { ...expected.data, time: f.now + 500 },
  });
  assert.equal(l2Book.onTick, undefined);
});

test("aggregation as /info: nSigFigs 2 → steps of 1 below 100 (bids down), 10 above (asks up)", () => {
  const f = fixture();
  f.h.order(CAROL, [limit(SOL, true, "98.5", "1"), limit(SOL, true, "98.2", "2")]);
  const ctx = contextOf(f.h, historyOf(f.h), f.now);
  assert.deepEqual(json(l2Book.periodic?.push(ctx, sub(l2Book, { type: "l2Book", coin: "SOL", nSigFigs: 2 }))), {
    channel: "l2Book",
    data: {
      coin: "SOL",
      time: f.now,
      levels: [
        [
          { px: "99.0", sz: "10.0", n: 1 },
          { px: "98.0", sz: "3.0", n: 2 }, // 98.5 and 98.2 rounded down
          { px: "95.0", sz: "1.0", n: 1 },
        ],
        [{ px: "110.0", sz: "3.0", n: 1 }], // 102 rounded up to 2 significant figures
      ],
    },
  });
});

test("fast: 5 levels per side and fast: true; default: up to 20 levels, no fast key", () => {
  const f = fixture();
  for (let i = 0; i < 7; i++) f.h.order(CAROL, [limit(SOL, true, String(90 - i), "1")]);
  const ctx = contextOf(f.h, historyOf(f.h), f.now);
  const fast = json(l2Book.periodic?.push(ctx, sub(l2Book, { type: "l2Book", coin: "SOL", fast: true }))) as {
    data: { levels: { px: string }[][]; fast?: boolean };
  };
  assert.deepEqual(
    fast.data.levels[0]?.map((l) => l.px),
    ["99.0", "95.0", "90.0", "89.0", "88.0"],
  );
  assert.equal(fast.data.fast, true);
  const full = json(l2Book.periodic?.push(ctx, sub(l2Book, { type: "l2Book", coin: "SOL" }))) as {
    data: { levels: unknown[][]; fast?: boolean };
  };
  assert.equal(full.data.levels[0]?.length, 9);
  assert.equal("fast" in full.data, false);
});

test("a delisted coin has empty books; cadence: 500 ms by default and for fast, from CADENCE_MS", () => {
  const f = fixture();
  assert.deepEqual(json(l2Book.snapshot?.(f.ctx, sub(l2Book, { type: "l2Book", coin: "MATIC" }))), {
    channel: "l2Book",
    data: { coin: "MATIC", time: f.now, levels: [[], []] },
  });
  assert.equal(l2Book.periodic?.intervalMs(sub(l2Book, { type: "l2Book", coin: "SOL" })), 500);
  assert.equal(l2Book.periodic?.intervalMs(sub(l2Book, { type: "l2Book", coin: "SOL", fast: true })), 500);
  const saved = CADENCE_MS.l2Book;
  CADENCE_MS.l2Book = 5000;
  try {
    assert.equal(l2Book.periodic?.intervalMs(sub(l2Book, { type: "l2Book", coin: "SOL" })), 5000);
    assert.equal(l2Book.periodic?.intervalMs(sub(l2Book, { type: "l2Book", coin: "SOL", fast: true })), 500);
  } finally {
    CADENCE_MS.l2Book = saved;
  }
});
