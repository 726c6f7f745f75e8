/**
 * @module test/bench/mixes
 * The benchmark's workloads: generators are deterministic and have the stated shape (operation shares, book size,
 * levels), and the implementations under benchmark end in the same book on the same stream.
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAdapter, IMPLS, replay } from "../../bench/impls.ts";
import { CANCEL, GTC, IOC, MIX1_SHARES, MIX2_PRICE, MOVE, mix1, mix2, type Stream } from "../../bench/mixes.ts";

const FIELDS = ["kind", "id", "ref", "user", "isBuy", "price", "size"] as const;

function sameOps(a: Stream, b: Stream, count: number): boolean {
  return FIELDS.every((f) => {
    const x = a[f].subarray(0, count);
    const y = b[f].subarray(0, count);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  });
}

/** Share of each op kind over the timed part. */
function shares(s: Stream): number[] {
  const counts = [0, 0, 0, 0];
  for (let i = s.prefill; i < s.length; i++) counts[s.kind[i] as number] = (counts[s.kind[i] as number] as number) + 1;
  return counts.map((c) => c / (s.length - s.prefill));
}

/** Every cancel and move targets an order placed earlier in the stream. */
function refsArePast(s: Stream): boolean {
  let placed = 0;
  for (let i = 0; i < s.length; i++) {
    const kind = s.kind[i];
    const ref = s.ref[i] as number;
    if ((kind === CANCEL || kind === MOVE) && (ref < 0 || ref >= placed)) return false;
    if (kind !== CANCEL) placed++;
  }
  return placed === s.orders;
}

describe("mix 1", () => {
  const s = mix1({ seed: 11, ops: 60_000 });

  it("is deterministic, and a shorter stream is a prefix of a longer one", () => {
    const again = mix1({ seed: 11, ops: 60_000 });
    assert.ok(sameOps(s, again, s.length));
    assert.deepEqual(again.expect, s.expect);
    const short = mix1({ seed: 11, ops: 10_000 });
    assert.ok(sameOps(s, short, short.length));
    assert.ok(!sameOps(s, mix1({ seed: 12, ops: 60_000 }), s.length), "another seed gives another stream");
  });

  it("has exchange-core's operation shares", () => {
    const [gtc, ioc, cancel, move] = shares(s);
    const near = (got: number | undefined, want: number) =>
      assert.ok(Math.abs((got ?? -1) - want) < 0.006, `share ${got} not within 0.6 points of ${want}`);
    near(gtc, MIX1_SHARES.gtc);
    near(ioc, MIX1_SHARES.ioc);
    near(cancel, MIX1_SHARES.cancel);
    near(move, MIX1_SHARES.move);
  });

  it("keeps about 1,000 resting orders on about 750 levels, and trades", () => {
    assert.equal(s.start.resting, 1000);
    assert.ok(s.start.levels >= 650 && s.start.levels <= 850, `${s.start.levels} levels after prefill`);
    assert.ok(s.range.min >= 800 && s.range.max <= 1200, `resting ranged ${s.range.min}..${s.range.max}`);
    assert.ok(s.expect.levels >= 600 && s.expect.levels <= 900, `${s.expect.levels} levels at the end`);
    const tradesPerOp = s.expect.trades / (s.length - s.prefill);
    assert.ok(tradesPerOp > 0.02 && tradesPerOp < 0.15, `${tradesPerOp} trades per op`);
  });

  it("only cancels and moves orders placed before; prices are whole dollars, sizes at least $10", () => {
    assert.ok(refsArePast(s));
    for (let i = 0; i < s.length; i++) {
      if (s.kind[i] === CANCEL) continue;
      const price = s.price[i] as number;
      assert.equal(price % 10, 0);
      assert.ok(price * (s.size[i] as number) >= 10_000_000, `op ${i} below $10`);
    }
    assert.ok([GTC, IOC, MOVE].every((k) => s.kind.includes(k)));
  });
});

describe("mix 2", () => {
  const s = mix2({ seed: 21, ops: 40_000, depth: 5_000 });

  it("is deterministic", () => {
    assert.ok(sameOps(s, mix2({ seed: 21, ops: 40_000, depth: 5_000 }), s.length));
    assert.ok(!sameOps(s, mix2({ seed: 22, ops: 40_000, depth: 5_000 }), s.length));
  });

  it("cancels random resting orders and adds new ones on one level, half and half", () => {
    const [gtc, ioc, cancel, move] = shares(s);
    assert.ok(Math.abs((cancel ?? 0) - 0.5) < 0.01 && Math.abs((gtc ?? 0) - 0.5) < 0.01, `${cancel} / ${gtc}`);
    assert.equal(ioc, 0);
    assert.equal(move, 0);
    assert.ok(s.price.every((p, i) => s.kind[i] === CANCEL || p === MIX2_PRICE));
    assert.ok(refsArePast(s));
    assert.equal(s.start.resting, 5_000);
    assert.ok(s.range.min > 4_500 && s.range.max < 5_500, `resting ranged ${s.range.min}..${s.range.max}`);
    // Random targets: cancels hit old and new orders alike, not just the front of the queue.
    const refs = [...s.ref.filter((_, i) => s.kind[i] === CANCEL)];
    assert.ok(refs.some((r) => r < 1_000) && refs.some((r) => r >= 5_000));
  });
});

describe("the implementations agree", () => {
  // Mix 1 with few accounts, so that self-trade prevention (expire the maker) is exercised too.
  const streams = [
    mix1({ seed: 31, ops: 8_000 }),
    mix1({ seed: 33, ops: 8_000, accounts: 5 }),
    mix2({ seed: 32, ops: 1_000, depth: 2_000 }),
  ];
  assert.ok((streams[1]?.expect.selfTrades ?? 0) > 10, "the few-accounts stream has self-trades");
  for (const s of streams) {
    it(`on mix ${s.mix} (${s.accounts} accounts): same resting orders, resting and filled size as the model`, () => {
      for (const impl of IMPLS) {
        const adapter = createAdapter(impl, s);
        replay(adapter, 0, s.length);
        const got = adapter.state();
        assert.deepEqual(
          got,
          { resting: s.expect.resting, restingSize: s.expect.restingSize, filled: s.expect.filled },
          `${impl} disagrees`,
        );
      }
      if (s.mix === 1) assert.ok(s.expect.filled > 0, "the stream trades");
    });
  }

  it("a difference is caught: dropping one cancel changes the book", () => {
    const s = streams[0] as Stream;
    const book = createAdapter("book", s);
    const nob = createAdapter("nodejs-order-book", s);
    const skip = s.kind.indexOf(CANCEL, s.prefill);
    for (let i = 0; i < s.length; i++) {
      book.step(i);
      if (i !== skip) nob.step(i);
    }
    assert.notDeepEqual(book.state(), nob.state());
  });
});
