/**
 * @module test/core/book/orders
 * Order life through the engine: validation strings, time in force, self-trade, cloids, reduce-only, triggers,
 * TP/SL groups, modify and the dead man's switch.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { rejectText } from "../../../src/core/reject.ts";
import {
  ALICE,
  BOB,
  BTC,
  CAROL,
  Harness,
  limit,
  oidOf,
  replyOf,
  SOL,
  statusesOf,
  statusTrail,
  T0,
  trigger,
} from "../../helpers/engine.ts";

function errorText(result: unknown): string {
  if (typeof result === "object" && result !== null && "error" in result) {
    return rejectText((result as { error: Parameters<typeof rejectText>[0] }).error);
  }
  throw new Error(`not an error: ${JSON.stringify(result)}`);
}

describe("validation", () => {
  test("Hyperliquid's strings with the asset suffix", () => {
    const h = new Harness();
    const s = statusesOf(
      h.order(ALICE, [
        limit(BTC, true, "12345.6", "0.001"), // 6 significant figures
        limit(BTC, true, "100000.05", "0.001"), // 2 decimals, BTC allows 1
        limit(BTC, true, "9999", "0.001"), // $9.999
        limit(BTC, true, "100000", "0.000001"), // finer than a lot
        limit(BTC, true, "100000", "0"),
        limit(BTC, true, "1e5", "0.001"),
        limit(99, true, "1", "100"),
        limit(3, true, "1", "100"), // MATIC is delisted
      ]),
    );
    assert.deepEqual(s.map(errorText), [
      "Price must be divisible by tick size. asset=0",
      "Price must be divisible by tick size. asset=0",
      "Order must have minimum value of $10. asset=0",
      "Order has invalid size. asset=0",
      "Order has zero size. asset=0",
      "Order has invalid price. asset=0",
      "Asset 99 is not a valid asset.",
      "Trading is halted for this asset. asset=3",
    ]);
    assert.equal(h.engine.state.books[BTC]?.size, 0);
  });

  test("integer prices are always allowed and $10 exactly is enough", () => {
    const h = new Harness();
    const s = statusesOf(h.order(ALICE, [limit(BTC, true, "123456", "0.001"), limit(SOL, true, "10", "1")]));
    assert.ok(typeof s[0] === "object" && "resting" in s[0]);
    assert.ok(typeof s[1] === "object" && "resting" in s[1]);
  });

  test("an empty batch is an error for the whole action", () => {
    const h = new Harness();
    assert.deepEqual(replyOf(h.order(ALICE, [])), { kind: "error", reject: { code: "emptyBatch" } });
  });
});

describe("time in force", () => {
  test("Gtc partially fills then rests; the reply says resting", () => {
    const h = new Harness();
    h.order(ALICE, [limit(SOL, false, "100", "1")]);
    const events = h.order(BOB, [limit(SOL, true, "100", "3")]);
    const [status] = statusesOf(events);
    assert.ok(typeof status === "object" && "resting" in status);
    const fills = events.filter((e) => e.type === "fill");
    assert.equal(fills.length, 1);
    assert.equal(h.position(BOB, SOL), 100);
    assert.equal(h.position(ALICE, SOL), -100);
    assert.equal(h.engine.depth(SOL)?.[0][0]?.size, 200);
  });

  test("Ioc: no match is an error, a partial match reports the filled part", () => {
    const h = new Harness();
    assert.equal(
      errorText(statusesOf(h.order(BOB, [limit(SOL, true, "100", "1", "Ioc")]))[0]),
      "Order could not immediately match against any resting orders. asset=5",
    );
    h.order(ALICE, [limit(SOL, false, "100", "1"), limit(SOL, false, "101", "1")]);
    const [status] = statusesOf(h.order(BOB, [limit(SOL, true, "100.5", "3", "Ioc")]));
    assert.deepEqual(status, {
      filled: { oid: oidOf(status), cloid: undefined, totalSize: 100, totalNotional: 100 * 1_000_000 },
    });
    assert.equal(h.engine.state.books[SOL]?.bestBid(), undefined, "the remainder does not rest");
  });

  test("FrontendMarket on an empty side: no liquidity", () => {
    const h = new Harness();
    assert.equal(
      errorText(statusesOf(h.order(BOB, [limit(SOL, true, "105", "1", "FrontendMarket")]))[0]),
      "No liquidity available for market order. asset=5",
    );
  });

  test("Alo that would cross is rejected with the bbo; otherwise it rests", () => {
    const h = new Harness();
    h.order(ALICE, [limit(SOL, false, "100.5", "1"), limit(SOL, true, "99", "1")]);
    const [bad, good] = statusesOf(
      h.order(BOB, [limit(SOL, true, "100.5", "1", "Alo"), limit(SOL, true, "100", "1", "Alo")]),
    );
    assert.equal(errorText(bad), "Post only order would have immediately matched, bbo was 99.0@100.5. asset=5");
    assert.ok(typeof good === "object" && "resting" in good);
  });

  test("a sweep across levels fills best price first, FIFO within a level", () => {
    const h = new Harness();
    const a1 = oidOf(statusesOf(h.order(ALICE, [limit(SOL, false, "100", "1")]))[0]);
    const c1 = oidOf(statusesOf(h.order(CAROL, [limit(SOL, false, "100", "1")]))[0]);
    const a2 = oidOf(statusesOf(h.order(ALICE, [limit(SOL, false, "99", "1")]))[0]);
    const events = h.order(BOB, [limit(SOL, true, "100", "2.5")]);
    const fills = events.flatMap((e) => (e.type === "fill" ? [[e.maker.oid, e.price, e.size]] : []));
    assert.deepEqual(fills, [
      [a2, 990000, 100],
      [a1, 1000000, 100],
      [c1, 1000000, 50],
    ]);
    const [status] = statusesOf(events);
    assert.ok(
      typeof status === "object" && "filled" in status && status.filled.totalNotional === 99_000_000 + 150_000_000,
    );
  });
});

describe("self-trade prevention: expire maker", () => {
  test("the taker's own resting order is canceled and matching goes on", () => {
    const h = new Harness();
    const own = oidOf(statusesOf(h.order(ALICE, [limit(SOL, false, "100", "1")]))[0]);
    const other = oidOf(statusesOf(h.order(BOB, [limit(SOL, false, "100", "1")]))[0]);
    const events = h.order(ALICE, [limit(SOL, true, "100", "1")]);
    assert.deepEqual(statusTrail(events).slice(0, 2), [`selfTradeCanceled:${own}`, `filled:${other}`]);
    assert.equal(h.position(ALICE, SOL), 100);
    assert.equal(events.filter((e) => e.type === "fill").length, 1, "no trade with oneself");
  });
});

describe("cloids and cancels", () => {
  const cloid = `0x${"1".repeat(32)}`;
  test("a cloid is unique among a user's live orders and reusable after cancel", () => {
    const h = new Harness();
    h.order(ALICE, [limit(SOL, true, "90", "1", "Gtc", { cloid })]);
    assert.equal(
      errorText(statusesOf(h.order(ALICE, [limit(SOL, true, "91", "1", "Gtc", { cloid })]))[0]),
      "Order with the same cloid already exists. asset=5",
    );
    const ok = h.order(BOB, [limit(SOL, true, "91", "1", "Gtc", { cloid })]);
    assert.ok(typeof statusesOf(ok)[0] === "object", "other users may use the same cloid");
    assert.deepEqual(replyOf(h.cancelByCloid(ALICE, SOL, cloid)), { kind: "cancel", statuses: ["success"] });
    const again = statusesOf(h.order(ALICE, [limit(SOL, true, "92", "1", "Gtc", { cloid })]))[0];
    assert.ok(typeof again === "object" && "resting" in again && again.resting.cloid === cloid);
  });

  test("cancel of a missing, foreign or wrong-asset order fails with Hyperliquid's string", () => {
    const h = new Harness();
    const oid = oidOf(statusesOf(h.order(ALICE, [limit(SOL, true, "90", "1")]))[0]);
    for (const [user, asset, id] of [
      [BOB, SOL, oid],
      [ALICE, BTC, oid],
      [ALICE, SOL, oid + 100],
    ] as const) {
      const reply = replyOf(h.cancel(user, asset, id));
      assert.ok(reply.kind === "cancel");
      assert.equal(errorText(reply.statuses[0]), "Order was never placed, already canceled, or filled.");
    }
    assert.deepEqual(replyOf(h.cancel(ALICE, SOL, oid)), { kind: "cancel", statuses: ["success"] });
    assert.equal(h.engine.state.books[SOL]?.size, 0);
  });
});

describe("reduce-only", () => {
  /** Alice long 2 SOL. */
  function longTwo(): Harness {
    const h = new Harness();
    h.order(BOB, [limit(SOL, false, "100", "2")]);
    h.order(ALICE, [limit(SOL, true, "100", "2")]);
    assert.equal(h.position(ALICE, SOL), 200);
    return h;
  }

  test("without a position, or on the increasing side, it is rejected", () => {
    const h = longTwo();
    assert.equal(
      errorText(statusesOf(h.order(CAROL, [limit(SOL, false, "100", "1", "Gtc", { reduceOnly: true })]))[0]),
      "Reduce only order would increase position. asset=5",
    );
    assert.equal(
      errorText(statusesOf(h.order(ALICE, [limit(SOL, true, "99", "1", "Gtc", { reduceOnly: true })]))[0]),
      "Reduce only order would increase position. asset=5",
    );
  });

  test("an Ioc larger than the position fills up to the position", () => {
    const h = longTwo();
    h.order(CAROL, [limit(SOL, true, "100", "5")]);
    const [status] = statusesOf(h.order(ALICE, [limit(SOL, false, "100", "5", "Ioc", { reduceOnly: true })]));
    assert.ok(typeof status === "object" && "filled" in status && status.filled.totalSize === 200);
    assert.equal(h.position(ALICE, SOL), 0);
  });

  test("resting reduce-only orders past the position: the oldest is canceled", () => {
    const h = longTwo();
    const first = oidOf(statusesOf(h.order(ALICE, [limit(SOL, false, "110", "1.5", "Gtc", { reduceOnly: true })]))[0]);
    const events = h.order(ALICE, [limit(SOL, false, "111", "1", "Gtc", { reduceOnly: true })]);
    assert.ok(statusTrail(events).includes(`reduceOnlyCanceled:${first}`));
    assert.equal(h.engine.state.books[SOL]?.asks.best()?.price, 1110000);
  });

  test("a reduce-only maker never increases a position when an earlier fill flipped it", () => {
    const h = longTwo();
    // Alice: plain sell 3 at 101 (would flip her short), reduce-only sell 1 at 102.
    h.order(ALICE, [limit(SOL, false, "101", "3"), limit(SOL, false, "102", "1", "Gtc", { reduceOnly: true })]);
    h.order(CAROL, [limit(SOL, true, "102", "4")]);
    assert.equal(h.position(ALICE, SOL), -100, "only the plain order filled");
    assert.ok(statusTrail(h.log).some((s) => s.startsWith("reduceOnlyCanceled:")));
  });
});

describe("triggers", () => {
  function longOne(): Harness {
    const h = new Harness({ markRule: "oracle" });
    h.order(BOB, [limit(SOL, false, "100", "1")]);
    h.order(ALICE, [limit(SOL, true, "100", "1")]);
    return h;
  }

  test("a stop-loss market sell fires when the mark falls to it and closes at most the position", () => {
    const h = longOne();
    const [status] = statusesOf(h.order(ALICE, [trigger(SOL, false, "80", "5", "90", "sl")]));
    assert.equal(status, "waitingForTrigger");
    h.order(CAROL, [limit(SOL, true, "89", "10")]);
    assert.deepEqual(statusTrail(h.oracle(SOL, "91")), [], "above the trigger: nothing");
    const events = h.oracle(SOL, "89.5");
    assert.ok(statusTrail(events)[0]?.startsWith("triggered:"));
    assert.equal(h.position(ALICE, SOL), 0, "clipped to the long position of 1");
    const fill = events.find((e) => e.type === "fill");
    assert.equal(fill?.type === "fill" && fill.price, 890000);
  });

  test("a take-profit limit sell fires above and rests at its price under the same oid", () => {
    const h = longOne();
    const events = h.order(ALICE, [trigger(SOL, false, "120", "1", "110", "tp", false)]);
    const placed = events.find((e) => e.type === "orderStatus");
    assert.ok(placed?.type === "orderStatus" && placed.status === "open");
    h.oracle(SOL, "109");
    assert.equal(h.engine.state.books[SOL]?.asks.best(), undefined);
    h.oracle(SOL, "110");
    const ask = h.engine.state.books[SOL]?.asks.best();
    assert.equal(ask?.price, 1200000);
    assert.equal(ask?.head?.trigger?.tpsl, "tp");
    assert.equal(ask?.head?.oid, placed.order.oid, "same oid after triggering");
  });

  test("a buy stop fires when the mark rises to it", () => {
    const h = new Harness({ markRule: "oracle" });
    h.order(BOB, [limit(SOL, false, "111", "1")]);
    h.order(ALICE, [trigger(SOL, true, "120", "1", "110", "sl", true, false)]);
    h.oracle(SOL, "109.99");
    assert.equal(h.position(ALICE, SOL), 0);
    h.oracle(SOL, "110");
    assert.equal(h.position(ALICE, SOL), 100);
  });

  test("normalTpsl: children wait for the parent, arm when it fills, and cancel each other", () => {
    const h = new Harness({ markRule: "oracle" });
    const events = h.order(
      ALICE,
      [
        limit(SOL, true, "100", "1"),
        trigger(SOL, false, "120", "1", "120", "tp"),
        trigger(SOL, false, "80", "1", "80", "sl"),
      ],
      "normalTpsl",
    );
    assert.deepEqual(statusesOf(events).slice(1), ["waitingForFill", "waitingForFill"]);
    h.oracle(SOL, "130");
    assert.equal(h.engine.state.triggers[SOL]?.size, 2, "inactive children do not fire");
    h.order(BOB, [limit(SOL, false, "100", "1")]);
    assert.equal(h.position(ALICE, SOL), 100);
    h.order(CAROL, [limit(SOL, true, "119", "5")]);
    const fired = h.oracle(SOL, "121");
    const trail = statusTrail(fired);
    assert.ok(trail.some((s) => s.startsWith("triggered:")));
    assert.ok(
      trail.some((s) => s.startsWith("siblingFilledCanceled:")),
      trail.join(","),
    );
    assert.equal(h.position(ALICE, SOL), 0);
    assert.equal(h.engine.state.triggers[SOL]?.size, 0);
  });

  test("normalTpsl: a parent that fills at once arms its children; a canceled parent takes them along", () => {
    const h = new Harness({ markRule: "oracle" });
    h.order(BOB, [limit(SOL, false, "100", "1")]);
    const filled = h.order(
      ALICE,
      [limit(SOL, true, "100", "1"), trigger(SOL, false, "80", "1", "80", "sl")],
      "normalTpsl",
    );
    assert.equal(statusesOf(filled)[1], "waitingForTrigger");
    const rest = h.order(
      ALICE,
      [limit(SOL, true, "90", "1"), trigger(SOL, false, "70", "1", "70", "sl")],
      "normalTpsl",
    );
    const parent = oidOf(statusesOf(rest)[0]);
    const canceled = statusTrail(h.cancel(ALICE, SOL, parent));
    assert.equal(canceled.length, 2, canceled.join(","));
    assert.equal(h.engine.state.triggers[SOL]?.size, 1, "only the armed child of the first group remains");
  });

  test("positionTpsl: the trigger closes the position it finds", () => {
    const h = new Harness({ markRule: "oracle" });
    h.order(BOB, [limit(SOL, false, "100", "3")]);
    h.order(ALICE, [limit(SOL, true, "100", "3")]);
    h.order(ALICE, [trigger(SOL, false, "80", "5", "90", "sl")], "positionTpsl");
    h.order(CAROL, [limit(SOL, true, "89", "10")]);
    h.oracle(SOL, "85");
    assert.equal(h.position(ALICE, SOL), 0);
  });
});

describe("modify", () => {
  test("a modify cancels the old order and places a new one with a new oid", () => {
    const h = new Harness();
    const old = oidOf(statusesOf(h.order(ALICE, [limit(SOL, true, "90", "1")]))[0]);
    const events = h.modify(ALICE, { oid: old }, limit(SOL, true, "91", "2"));
    const fresh = oidOf(statusesOf(events)[0]);
    assert.notEqual(fresh, old);
    assert.deepEqual(statusTrail(events), [`canceled:${old}`, `open:${fresh}`]);
    assert.equal(h.engine.depth(SOL)?.[0][0]?.price, 910000);
  });

  test("without alwaysPlace a crossing new order is treated as post-only; with it, it trades", () => {
    const h = new Harness();
    h.order(BOB, [limit(SOL, false, "100", "1")]);
    const cloid = `0x${"2".repeat(32)}`;
    h.order(ALICE, [limit(SOL, true, "90", "1", "Gtc", { cloid })]);
    const [rejected] = statusesOf(h.modify(ALICE, { cloid }, limit(SOL, true, "100", "1", "Gtc", { cloid })));
    assert.equal(errorText(rejected), "Post only order would have immediately matched, bbo was None@100.0. asset=5");
    const [filled] = statusesOf(h.modify(ALICE, { cloid }, limit(SOL, true, "100", "1"), true));
    assert.ok(typeof filled === "object" && "filled" in filled);
  });

  test("modifying a canceled or filled order fails", () => {
    const h = new Harness();
    const [status] = statusesOf(h.modify(ALICE, { oid: 42 }, limit(SOL, true, "90", "1")));
    assert.equal(errorText(status), "Cannot modify canceled or filled order");
  });
});

describe("scheduleCancel", () => {
  test("too early is refused with Hyperliquid's string", () => {
    const h = new Harness();
    const reply = replyOf(h.schedule(ALICE, h.time + 4_000));
    assert.ok(reply.kind === "error");
    assert.equal(rejectText(reply.reject), "Scheduled cancel time too early, must be at least 5 seconds from now.");
  });

  test("when the time comes every live order of the user is canceled", () => {
    const h = new Harness();
    h.order(ALICE, [limit(SOL, true, "90", "1"), trigger(SOL, false, "80", "1", "80", "sl")]);
    h.order(BOB, [limit(SOL, true, "89", "1")]);
    assert.deepEqual(replyOf(h.schedule(ALICE, T0 + 60_000)), { kind: "default" });
    assert.deepEqual(statusTrail(h.tick(T0 + 59_999)), []);
    const trail = statusTrail(h.tick(T0 + 60_000));
    assert.equal(trail.length, 2);
    assert.ok(trail.every((s) => s.startsWith("scheduledCancel:")));
    assert.equal(h.engine.state.books[SOL]?.size, 1, "Bob's order stays");
  });

  test("clearing disarms it; at most 10 triggers a day", () => {
    const h = new Harness();
    h.schedule(ALICE, T0 + 10_000);
    h.schedule(ALICE);
    h.order(ALICE, [limit(SOL, true, "90", "1")]);
    assert.deepEqual(statusTrail(h.tick(T0 + 20_000)), []);
    for (let i = 0; i < 10; i++) {
      assert.deepEqual(replyOf(h.schedule(ALICE, h.time + 6_000)), { kind: "default" });
      h.tick(h.time + 6_000);
    }
    const reply = replyOf(h.schedule(ALICE, h.time + 6_000));
    assert.ok(reply.kind === "error");
    assert.equal(rejectText(reply.reject), "Too many scheduled cancels triggered for the day. Limit is 10.");
    h.tick(T0 + 86_400_000);
    assert.deepEqual(replyOf(h.schedule(ALICE, h.time + 6_000)), { kind: "default" }, "a new UTC day resets the count");
  });
});

describe("reduce-only after the position closes", () => {
  test("resting reduce-only orders are canceled when the position goes flat", () => {
    const h = new Harness();
    h.order(BOB, [limit(SOL, false, "100", "1")]);
    h.order(ALICE, [limit(SOL, true, "100", "1")]);
    const tp = oidOf(statusesOf(h.order(ALICE, [limit(SOL, false, "120", "1", "Gtc", { reduceOnly: true })]))[0]);
    h.order(CAROL, [limit(SOL, true, "99", "1")]);
    const events = h.order(ALICE, [limit(SOL, false, "99", "1", "Ioc")]);
    assert.equal(h.position(ALICE, SOL), 0);
    assert.ok(statusTrail(events).includes(`reduceOnlyCanceled:${tp}`));
  });

  test("a single reduce-only order larger than the position stays and fills only up to it", () => {
    const h = new Harness();
    h.order(BOB, [limit(SOL, false, "100", "1")]);
    h.order(ALICE, [limit(SOL, true, "100", "1")]);
    const [status] = statusesOf(h.order(ALICE, [limit(SOL, false, "120", "3", "Gtc", { reduceOnly: true })]));
    assert.ok(typeof status === "object" && "resting" in status);
    h.order(CAROL, [limit(SOL, true, "120", "3")]);
    assert.equal(h.position(ALICE, SOL), 0);
    assert.equal(h.engine.state.books[SOL]?.asks.best(), undefined, "the rest was canceled, not filled");
  });
});

describe("regressions found by the engine properties", () => {
  test("a Gtc reduce-only taker larger than the position fills only up to it", () => {
    const h = new Harness();
    h.order(ALICE, [limit(SOL, true, "100", "1")]);
    h.order(BOB, [limit(SOL, false, "100", "1")]);
    h.order(BOB, [limit(SOL, true, "100", "2")]);
    const events = h.order(ALICE, [limit(SOL, false, "100", "2", "Gtc", { reduceOnly: true })]);
    assert.equal(h.position(ALICE, SOL), 0, "closed, not flipped");
    const finals = statusTrail(events).filter((s) => !s.startsWith("open:"));
    assert.equal(new Set(finals.map((s) => s.split(":")[1])).size, finals.length, "one final status per order");
  });

  test("a fired trigger enters the book behind newer orders, and FIFO is judged by entry", () => {
    const h = new Harness();
    h.order(ALICE, [trigger(SOL, false, "105", "1", "100", "tp", false, false)]);
    const newer = oidOf(statusesOf(h.order(BOB, [limit(SOL, false, "105", "1")]))[0]);
    h.oracle(SOL, "100");
    const level = h.engine.state.books[SOL]?.asks.level(1050000);
    assert.deepEqual(
      [...(level?.orders() ?? [])].map((o) => o.oid),
      [newer, newer - 1],
      "Bob's newer oid is first in the queue",
    );
  });

  test("the oldest reduce-only order by book entry is the one canceled, not the oldest oid", () => {
    const h = new Harness();
    h.order(ALICE, [trigger(SOL, true, "149", "1", "149", "tp", false, true)]);
    h.order(BOB, [limit(SOL, true, "150", "1")]);
    h.order(ALICE, [limit(SOL, false, "150", "1")]);
    const older = oidOf(statusesOf(h.order(ALICE, [limit(SOL, true, "148", "1", "Gtc", { reduceOnly: true })]))[0]);
    const trail = statusTrail(h.oracle(SOL, "149"));
    assert.ok(trail.includes(`reduceOnlyCanceled:${older}`), trail.join(","));
    assert.equal(h.engine.state.books[SOL]?.bestBid(), 1490000, "the fired trigger rests");
  });
});
