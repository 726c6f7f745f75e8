/**
 * @module test/core/book/reference
 * One list of hand-written book scripts run against both the naive reference book and the real Book + match(), then
 * random operation streams applied to both with identical outputs and identical books required after every step.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { BookAdapter } from "../../helpers/bookAdapter.ts";
import {
  type BookModel,
  type BookOp,
  type BookOutput,
  type BookTif,
  ReferenceBook,
} from "../../helpers/referenceBook.ts";

// ===== Builders

const buy = (oid: number, user: string, price: number, size: number, tif: BookTif = "Gtc"): BookOp => ({
  type: "place",
  oid,
  user,
  isBuy: true,
  price,
  size,
  tif,
});
const sell = (oid: number, user: string, price: number, size: number, tif: BookTif = "Gtc"): BookOp => ({
  type: "place",
  oid,
  user,
  isBuy: false,
  price,
  size,
  tif,
});
const cancel = (oid: number): BookOp => ({ type: "cancel", oid });

const fill = (makerOid: number, takerOid: number, price: number, size: number): BookOutput => ({
  kind: "fill",
  makerOid,
  takerOid,
  price,
  size,
});
const filled = (oid: number): BookOutput => ({ kind: "exit", oid, why: "filled" });
const stp = (oid: number): BookOutput => ({ kind: "exit", oid, why: "selfTradeCanceled" });
const canceled = (oid: number): BookOutput => ({ kind: "exit", oid, why: "canceled" });
const rest = (oid: number, price: number, size: number): BookOutput => ({ kind: "rest", oid, price, size });
const discard = (oid: number, size: number): BookOutput => ({ kind: "discard", oid, size });
const wouldCross = (oid: number): BookOutput => ({ kind: "reject", oid, why: "wouldCross" });
const unknown = (oid: number): BookOutput => ({ kind: "reject", oid, why: "unknownOid" });

/**
 * The book as lines, asks worst → best then bids best → worst: `A 101 total=5 n=2 [3:a:2 4:b:3]`. `total` and `n`
 * come from l2() (the real book's running values), the orders from l3(); both must agree on the levels.
 */
function dump(model: BookModel): string[] {
  const l2 = model.l2();
  const l3 = model.l3();
  const side = (tag: string, levels2: typeof l2.bids, levels3: typeof l3.bids): string[] => {
    assert.deepEqual(
      levels2.map((l) => l.price),
      levels3.map((l) => l.price),
      "l2 and l3 disagree on the levels",
    );
    return levels3.map((l, i) => {
      const agg = levels2[i];
      const orders = l.orders.map((o) => `${o.oid}:${o.user}:${o.size}`).join(" ");
      return `${tag} ${l.price} total=${agg?.size} n=${agg?.count} [${orders}]`;
    });
  };
  return [...side("A", l2.asks, l3.asks).reverse(), ...side("B", l2.bids, l3.bids)];
}

// ===== The shared cases

interface Case {
  readonly name: string;
  /** Each operation with the outputs it must give. */
  readonly steps: readonly (readonly [BookOp, readonly BookOutput[]])[];
  /** The book after the last step (see {@link dump}). */
  readonly book: readonly string[];
}

const CASES: readonly Case[] = [
  { name: "empty book", steps: [], book: [] },
  {
    name: "a bid rests",
    steps: [[buy(1, "a", 100, 5), [rest(1, 100, 5)]]],
    book: ["B 100 total=5 n=1 [1:a:5]"],
  },
  {
    name: "an ask rests",
    steps: [[sell(1, "a", 101, 5), [rest(1, 101, 5)]]],
    book: ["A 101 total=5 n=1 [1:a:5]"],
  },
  {
    name: "levels sort best first on both sides whatever the arrival order",
    steps: [
      [buy(1, "a", 99, 1), [rest(1, 99, 1)]],
      [buy(2, "b", 97, 2), [rest(2, 97, 2)]],
      [buy(3, "c", 98, 3), [rest(3, 98, 3)]],
      [sell(4, "a", 103, 4), [rest(4, 103, 4)]],
      [sell(5, "b", 101, 5), [rest(5, 101, 5)]],
      [sell(6, "c", 102, 6), [rest(6, 102, 6)]],
      [buy(7, "a", 100, 7), [rest(7, 100, 7)]],
    ],
    book: [
      "A 103 total=4 n=1 [4:a:4]",
      "A 102 total=6 n=1 [6:c:6]",
      "A 101 total=5 n=1 [5:b:5]",
      "B 100 total=7 n=1 [7:a:7]",
      "B 99 total=1 n=1 [1:a:1]",
      "B 98 total=3 n=1 [3:c:3]",
      "B 97 total=2 n=1 [2:b:2]",
    ],
  },
  {
    name: "a partial fill of the maker leaves it at the head with the rest",
    steps: [
      [sell(1, "a", 100, 5), [rest(1, 100, 5)]],
      [sell(2, "c", 100, 1), [rest(2, 100, 1)]],
      [buy(3, "b", 100, 3), [fill(1, 3, 100, 3)]],
    ],
    book: ["A 100 total=3 n=2 [1:a:2 2:c:1]"],
  },
  {
    name: "a partially filled taker rests its remainder",
    steps: [
      [buy(1, "a", 100, 2), [rest(1, 100, 2)]],
      [sell(2, "b", 99, 5), [fill(1, 2, 100, 2), filled(1), rest(2, 99, 3)]],
    ],
    book: ["A 99 total=3 n=1 [2:b:3]"],
  },
  {
    name: "a full fill across several levels trades at each maker's price",
    steps: [
      [sell(1, "a", 100, 2), [rest(1, 100, 2)]],
      [sell(2, "c", 101, 3), [rest(2, 101, 3)]],
      [sell(3, "a", 102, 4), [rest(3, 102, 4)]],
      [sell(4, "c", 103, 1), [rest(4, 103, 1)]],
      [
        buy(5, "b", 102, 9),
        [fill(1, 5, 100, 2), filled(1), fill(2, 5, 101, 3), filled(2), fill(3, 5, 102, 4), filled(3)],
      ],
    ],
    book: ["A 103 total=1 n=1 [4:c:1]"],
  },
  {
    name: "a sell sweeps bids best first and stops at its limit",
    steps: [
      [buy(1, "a", 98, 1), [rest(1, 98, 1)]],
      [buy(2, "a", 100, 1), [rest(2, 100, 1)]],
      [buy(3, "c", 99, 1), [rest(3, 99, 1)]],
      [sell(4, "b", 99, 5), [fill(2, 4, 100, 1), filled(2), fill(3, 4, 99, 1), filled(3), rest(4, 99, 3)]],
    ],
    book: ["A 99 total=3 n=1 [4:b:3]", "B 98 total=1 n=1 [1:a:1]"],
  },
  {
    name: "FIFO within a level",
    steps: [
      [sell(1, "a", 100, 2), [rest(1, 100, 2)]],
      [sell(2, "b", 100, 2), [rest(2, 100, 2)]],
      [sell(3, "c", 100, 2), [rest(3, 100, 2)]],
      [buy(4, "d", 100, 3), [fill(1, 4, 100, 2), filled(1), fill(2, 4, 100, 1)]],
    ],
    book: ["A 100 total=3 n=2 [2:b:1 3:c:2]"],
  },
  {
    name: "price before time: a later, better order trades first",
    steps: [
      [sell(1, "a", 101, 1), [rest(1, 101, 1)]],
      [sell(2, "b", 100, 1), [rest(2, 100, 1)]],
      [buy(3, "c", 101, 1), [fill(2, 3, 100, 1), filled(2)]],
    ],
    book: ["A 101 total=1 n=1 [1:a:1]"],
  },
  {
    name: "IOC remainder is discarded, and an IOC that does not cross leaves no trace",
    steps: [
      [sell(1, "a", 100, 2), [rest(1, 100, 2)]],
      [buy(2, "b", 100, 5, "Ioc"), [fill(1, 2, 100, 2), filled(1), discard(2, 3)]],
      [sell(3, "a", 101, 1), [rest(3, 101, 1)]],
      [buy(4, "b", 100, 1, "Ioc"), [discard(4, 1)]],
      [buy(5, "b", 101, 1, "Ioc"), [fill(3, 5, 101, 1), filled(3)]],
    ],
    book: [],
  },
  {
    name: "ALO is rejected when it would cross (equal price included) and rests otherwise",
    steps: [
      [sell(1, "a", 100, 2), [rest(1, 100, 2)]],
      [buy(2, "b", 100, 1, "Alo"), [wouldCross(2)]],
      [buy(3, "b", 101, 1, "Alo"), [wouldCross(3)]],
      [buy(4, "b", 99, 1, "Alo"), [rest(4, 99, 1)]],
      [sell(5, "c", 99, 1, "Alo"), [wouldCross(5)]],
      [sell(6, "c", 100, 3, "Alo"), [rest(6, 100, 3)]],
      [buy(7, "a", 99, 2, "Alo"), [rest(7, 99, 2)]],
    ],
    book: ["A 100 total=5 n=2 [1:a:2 6:c:3]", "B 99 total=3 n=2 [4:b:1 7:a:2]"],
  },
  {
    name: "an ALO of the same user as the resting side is still rejected (no self-trade cancel)",
    steps: [
      [sell(1, "a", 100, 2), [rest(1, 100, 2)]],
      [buy(2, "a", 100, 1, "Alo"), [wouldCross(2)]],
    ],
    book: ["A 100 total=2 n=1 [1:a:2]"],
  },
  {
    name: "cancel the head of a level: total, count and the new head",
    steps: [
      [buy(1, "a", 100, 1), [rest(1, 100, 1)]],
      [buy(2, "b", 100, 2), [rest(2, 100, 2)]],
      [buy(3, "c", 100, 3), [rest(3, 100, 3)]],
      [cancel(1), [canceled(1)]],
      [sell(4, "d", 100, 3), [fill(2, 4, 100, 2), filled(2), fill(3, 4, 100, 1)]],
    ],
    book: ["B 100 total=2 n=1 [3:c:2]"],
  },
  {
    name: "cancel the middle of a level, then append behind the tail",
    steps: [
      [buy(1, "a", 100, 1), [rest(1, 100, 1)]],
      [buy(2, "b", 100, 2), [rest(2, 100, 2)]],
      [buy(3, "c", 100, 3), [rest(3, 100, 3)]],
      [cancel(2), [canceled(2)]],
      [buy(4, "b", 100, 4), [rest(4, 100, 4)]],
    ],
    book: ["B 100 total=8 n=3 [1:a:1 3:c:3 4:b:4]"],
  },
  {
    name: "cancel the tail of a level, then append behind the new tail",
    steps: [
      [sell(1, "a", 100, 1), [rest(1, 100, 1)]],
      [sell(2, "b", 100, 2), [rest(2, 100, 2)]],
      [sell(3, "c", 100, 3), [rest(3, 100, 3)]],
      [cancel(3), [canceled(3)]],
      [sell(4, "c", 100, 4), [rest(4, 100, 4)]],
      [buy(5, "d", 100, 4), [fill(1, 5, 100, 1), filled(1), fill(2, 5, 100, 2), filled(2), fill(4, 5, 100, 1)]],
    ],
    book: ["A 100 total=3 n=1 [4:c:3]"],
  },
  {
    name: "cancel head, middle and tail in turn down to an empty level",
    steps: [
      [buy(1, "a", 100, 1), [rest(1, 100, 1)]],
      [buy(2, "b", 100, 2), [rest(2, 100, 2)]],
      [buy(3, "c", 100, 4), [rest(3, 100, 4)]],
      [buy(4, "a", 100, 8), [rest(4, 100, 8)]],
      [buy(5, "b", 100, 16), [rest(5, 100, 16)]],
      [buy(6, "c", 99, 32), [rest(6, 99, 32)]],
      [cancel(3), [canceled(3)]],
      [cancel(1), [canceled(1)]],
      [cancel(5), [canceled(5)]],
      [cancel(4), [canceled(4)]],
      [cancel(2), [canceled(2)]],
    ],
    book: ["B 99 total=32 n=1 [6:c:32]"],
  },
  {
    name: "cancel of an unknown, already canceled or filled oid",
    steps: [
      [cancel(9), [unknown(9)]],
      [sell(1, "a", 100, 1), [rest(1, 100, 1)]],
      [sell(2, "a", 100, 1), [rest(2, 100, 1)]],
      [cancel(2), [canceled(2)]],
      [cancel(2), [unknown(2)]],
      [buy(3, "b", 100, 1), [fill(1, 3, 100, 1), filled(1)]],
      [cancel(1), [unknown(1)]],
      [cancel(3), [unknown(3)]],
    ],
    book: [],
  },
  {
    name: "self-trade expires the maker in the middle of a sweep and the taker keeps matching",
    steps: [
      [sell(1, "b", 100, 2), [rest(1, 100, 2)]],
      [sell(2, "a", 101, 3), [rest(2, 101, 3)]],
      [sell(3, "b", 101, 1), [rest(3, 101, 1)]],
      [sell(4, "a", 102, 1), [rest(4, 102, 1)]],
      [sell(5, "c", 103, 1), [rest(5, 103, 1)]],
      [
        buy(6, "a", 102, 4),
        [fill(1, 6, 100, 2), filled(1), stp(2), fill(3, 6, 101, 1), filled(3), stp(4), rest(6, 102, 1)],
      ],
    ],
    book: ["A 103 total=1 n=1 [5:c:1]", "B 102 total=1 n=1 [6:a:1]"],
  },
  {
    name: "self-trade cancels own makers even when the taker ends with nothing filled (IOC)",
    steps: [
      [buy(1, "a", 100, 2), [rest(1, 100, 2)]],
      [buy(2, "a", 99, 2), [rest(2, 99, 2)]],
      [buy(3, "b", 98, 2), [rest(3, 98, 2)]],
      [sell(4, "a", 99, 3, "Ioc"), [stp(1), stp(2), discard(4, 3)]],
    ],
    book: ["B 98 total=2 n=1 [3:b:2]"],
  },
  {
    name: "a level emptied by fills is removed and re-created as a new level",
    steps: [
      [buy(1, "a", 100, 1), [rest(1, 100, 1)]],
      [buy(2, "a", 99, 1), [rest(2, 99, 1)]],
      [buy(3, "a", 98, 1), [rest(3, 98, 1)]],
      [sell(4, "b", 100, 1), [fill(1, 4, 100, 1), filled(1)]],
      [buy(5, "c", 100, 2), [rest(5, 100, 2)]],
      [cancel(2), [canceled(2)]],
      [buy(6, "c", 99, 3), [rest(6, 99, 3)]],
      [sell(7, "b", 99, 4), [fill(5, 7, 100, 2), filled(5), fill(6, 7, 99, 2)]],
    ],
    book: ["B 99 total=1 n=1 [6:c:1]", "B 98 total=1 n=1 [3:a:1]"],
  },
  {
    name: "a level emptied by cancels is re-created at the same price on the other side",
    steps: [
      [sell(1, "a", 100, 1), [rest(1, 100, 1)]],
      [cancel(1), [canceled(1)]],
      [buy(2, "a", 100, 1), [rest(2, 100, 1)]],
      [sell(3, "b", 101, 1), [rest(3, 101, 1)]],
    ],
    book: ["A 101 total=1 n=1 [3:b:1]", "B 100 total=1 n=1 [2:a:1]"],
  },
];

const IMPLEMENTATIONS: readonly (readonly [string, () => BookModel])[] = [
  ["reference", () => new ReferenceBook()],
  ["Book + match", () => new BookAdapter()],
];

for (const [implName, make] of IMPLEMENTATIONS) {
  describe(`book cases: ${implName}`, () => {
    for (const c of CASES) {
      test(c.name, () => {
        const model = make();
        c.steps.forEach(([op, expected], i) => {
          assert.deepEqual(model.apply(op), expected, `step ${i}: ${JSON.stringify(op)}`);
        });
        assert.deepEqual(dump(model), c.book);
      });
    }
  });
}

// ===== Random streams

/** An operation before oids are assigned: places get the next oid, cancels pick among those given so far. */
type RawOp =
  | {
      readonly type: "place";
      readonly user: number;
      readonly isBuy: boolean;
      readonly price: number;
      readonly size: number;
      readonly tif: BookTif;
    }
  | { readonly type: "cancel"; readonly pick: number };

const USERS = ["a", "b", "c"] as const;

const rawOp: fc.Arbitrary<RawOp> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant("place" as const),
      user: fc.integer({ min: 0, max: USERS.length - 1 }),
      isBuy: fc.boolean(),
      price: fc.integer({ min: 96, max: 104 }),
      size: fc.integer({ min: 1, max: 10 }),
      tif: fc.constantFrom<BookTif>("Gtc", "Gtc", "Gtc", "Ioc", "Alo"),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("cancel" as const), pick: fc.nat({ max: 1000 }) }) },
);

/** Numbers the places 1, 2, …; a cancel names one of them (sometimes one never given: unknown). */
function concrete(raws: readonly RawOp[]): BookOp[] {
  let next = 1;
  return raws.map((r) => {
    if (r.type === "cancel") return cancel(1 + (r.pick % (next + 1)));
    return {
      type: "place",
      oid: next++,
      user: USERS[r.user] ?? "a",
      isBuy: r.isBuy,
      price: r.price,
      size: r.size,
      tif: r.tif,
    };
  });
}

describe("book random streams: reference and Book + match agree", () => {
  test("same outputs after every operation and the same L2/L3 books throughout", () => {
    let ops = 0;
    let fills = 0;
    let selfTrades = 0;
    fc.assert(
      fc.property(fc.array(rawOp, { minLength: 1, maxLength: 200, size: "max" }), (raws) => {
        const ref = new ReferenceBook();
        const real = new BookAdapter();
        for (const [i, op] of concrete(raws).entries()) {
          const expected = ref.apply(op);
          assert.deepEqual(real.apply(op), expected, `op ${i}: ${JSON.stringify(op)}`);
          assert.deepEqual(real.l3(), ref.l3(), `L3 after op ${i}`);
          assert.deepEqual(real.l2(), ref.l2(), `L2 after op ${i}`);
          ops++;
          for (const o of expected) {
            if (o.kind === "fill") fills++;
            if (o.kind === "exit" && o.why === "selfTradeCanceled") selfTrades++;
          }
        }
        const book = ref.l2();
        const bid = book.bids[0]?.price;
        const ask = book.asks[0]?.price;
        assert.ok(bid === undefined || ask === undefined || bid < ask, "reference book crossed");
      }),
      { numRuns: 250, includeErrorInReport: true },
    );
    // The streams must exercise what they claim to: crossing and self-trades happen often.
    assert.ok(fills > ops / 10, `only ${fills} fills in ${ops} operations`);
    assert.ok(selfTrades > ops / 100, `only ${selfTrades} self-trade cancels in ${ops} operations`);
  });
});
