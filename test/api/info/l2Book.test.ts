/**
 * @module test/api/info/l2Book
 * `l2Book`: levels to the digit, aggregation by nSigFigs and mantissa (the §2 worked example), 20 levels per side,
 * `null` for an unknown coin, 422 for an invalid aggregation.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ALICE, BOB, Harness, limit, SOL } from "../../helpers/engine.ts";
import { buildFixture, contextOf, DESERIALIZE, historyOf, ok, refused } from "./_fixture.ts";

const f = buildFixture();

test("the fixture's SOL book: bids best first, asks best first, time = now", () => {
  assert.deepEqual(ok(f.ctx, { type: "l2Book", coin: "SOL" }), {
    coin: "SOL",
    time: f.now,
    levels: [
      [
        { px: "99.0", sz: "10.0", n: 1 },
        { px: "95.0", sz: "1.0", n: 1 },
      ],
      [{ px: "102.0", sz: "3.0", n: 1 }],
    ],
  });
  assert.deepEqual(ok(f.ctx, { type: "l2Book", coin: "SOL", nSigFigs: null, mantissa: null }), {
    coin: "SOL",
    time: f.now,
    levels: [
      [
        { px: "99.0", sz: "10.0", n: 1 },
        { px: "95.0", sz: "1.0", n: 1 },
      ],
      [{ px: "102.0", sz: "3.0", n: 1 }],
    ],
  });
});

test("an empty book has two empty sides; an unknown or lowercase coin answers null", () => {
  assert.deepEqual(ok(f.ctx, { type: "l2Book", coin: "ETH" }), { coin: "ETH", time: f.now, levels: [[], []] });
  assert.equal(ok(f.ctx, { type: "l2Book", coin: "NOPE" }), null);
  assert.equal(ok(f.ctx, { type: "l2Book", coin: "sol" }), null);
});

test("aggregation: the worked example of hyperliquid-api.md §2", () => {
  const h = new Harness();
  h.order(ALICE, [limit(SOL, true, "4.5795", "20")]);
  h.order(ALICE, [limit(SOL, true, "4.5788", "15")]);
  h.order(BOB, [limit(SOL, true, "4.5788", "15")]);
  h.order(ALICE, [limit(SOL, false, "4.6252", "40")]);
  h.order(ALICE, [limit(SOL, false, "4.6256", "25")]);
  h.order(BOB, [limit(SOL, false, "4.6256", "25")]);
  const ctx = contextOf(h, historyOf(h), 7);
  assert.deepEqual(ok(ctx, { type: "l2Book", coin: "SOL", nSigFigs: 2 }), {
    coin: "SOL",
    time: 7,
    levels: [[{ px: "4.5", sz: "50.0", n: 3 }], [{ px: "4.7", sz: "90.0", n: 3 }]],
  });
  assert.deepEqual(ok(ctx, { type: "l2Book", coin: "SOL", nSigFigs: 5, mantissa: 2 }), {
    coin: "SOL",
    time: 7,
    levels: [
      [
        { px: "4.5794", sz: "20.0", n: 1 },
        { px: "4.5788", sz: "30.0", n: 2 },
      ],
      [
        { px: "4.6252", sz: "40.0", n: 1 },
        { px: "4.6256", sz: "50.0", n: 2 },
      ],
    ],
  });
  const full = ok(ctx, { type: "l2Book", coin: "SOL" });
  assert.deepEqual(ok(ctx, { type: "l2Book", coin: "SOL", nSigFigs: 5, mantissa: 1 }), full, "mantissa 1 = none");
});

test("at most 20 levels per side", () => {
  const h = new Harness();
  for (let i = 0; i < 25; i++) h.order(ALICE, [limit(SOL, true, String(50 + i), "1")]);
  const book = ok(contextOf(h, historyOf(h), 0), { type: "l2Book", coin: "SOL" }) as { levels: unknown[][] };
  assert.equal(book.levels[0]?.length, 20);
  assert.deepEqual(book.levels[0]?.[0], { px: "74.0", sz: "1.0", n: 1 });
  assert.deepEqual(book.levels[0]?.[19], { px: "55.0", sz: "1.0", n: 1 });
});

test("a mantissa without nSigFigs 5 is refused with a reason; out-of-range values fail to deserialize", () => {
  const reason = `${DESERIALIZE}: mantissa is allowed only with nSigFigs 5`;
  assert.equal(refused(f.ctx, { type: "l2Book", coin: "SOL", mantissa: 2 }), reason);
  assert.equal(refused(f.ctx, { type: "l2Book", coin: "SOL", nSigFigs: 4, mantissa: 5 }), reason);
  assert.equal(refused(f.ctx, { type: "l2Book", coin: "SOL", nSigFigs: 1 }), DESERIALIZE);
  assert.equal(refused(f.ctx, { type: "l2Book", coin: "SOL", nSigFigs: 5, mantissa: 3 }), DESERIALIZE);
  assert.equal(refused(f.ctx, { type: "l2Book", coin: 0 }), DESERIALIZE);
});
