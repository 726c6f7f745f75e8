/**
 * @module test/core/book/twap
 * TWAP orders in the engine: the placement rules and their exact error strings, slices every 30 s through the
 * matching with `twapId` on the fills, catch-up, randomize, reduce-only, cancel, `nextDueTime`, and snapshot + replay.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { type Command, Engine, type Event, rejectText } from "../../../src/core/index.ts";
import { nextTwapTime, randomPercent, sliceCount } from "../../../src/core/book/twap.ts";
import type { EngineState } from "../../../src/core/state.ts";
import { ALICE, BOB, Harness, limit, replyOf, SOL, T0 } from "../../helpers/engine.ts";

function twap(h: Harness, user: string, isBuy: boolean, size: string, minutes: number, extra = {}): Event[] {
  return h.run({
    type: "twapOrder",
    time: ++h.time,
    user,
    asset: SOL,
    isBuy,
    size,
    reduceOnly: false,
    minutes,
    randomize: false,
    ...extra,
  });
}

function result(events: Event[]): unknown {
  const r = replyOf(events);
  if (r.kind !== "twapOrder" && r.kind !== "twapCancel") assert.fail(`reply ${r.kind}`);
  const x = r.result;
  return typeof x === "object" && "error" in x ? { error: rejectText(x.error) } : x;
}

function market(): Harness {
  const h = new Harness({ markRule: "oracle" });
  h.oracle(SOL, "100");
  h.order(BOB, [limit(SOL, false, "101", "100")]);
  return h;
}

type Fill = Extract<Event, { type: "fill" }>;
const slices = (events: Event[]): Fill[] =>
  events.filter((e): e is Fill => e.type === "fill" && e.taker.twapId !== undefined);

test("placement rules and Hyperliquid's error strings", () => {
  const h = market();
  assert.deepEqual(result(twap(h, ALICE, true, "10", 1)), { error: "Invalid TWAP duration: 1 min(s)" });
  assert.deepEqual(result(twap(h, ALICE, true, "10", 10081)), { error: "Invalid TWAP duration: 10081 min(s)" });
  assert.deepEqual(result(twap(h, ALICE, true, "1", 120)), {
    error: "TWAP order value too small. Min is $1200, which is $10 per minute.",
  });
  assert.deepEqual(result(twap(h, ALICE, true, "10", 5, { reduceOnly: true })), {
    error: "Reduce-only TWAP order would increase position.",
  });
  assert.deepEqual(result(twap(h, ALICE, true, "1.001", 5)), { error: "Order has invalid size. asset=5" });
  const cancel = h.run({ type: "twapCancel", time: ++h.time, user: ALICE, asset: SOL, twapId: 1 });
  assert.deepEqual(result(cancel), { error: "TWAP was never placed, already canceled, or filled." });
  assert.equal(h.engine.state.twaps.size, 0);
});

test("a TWAP runs a slice every 30 s through the book, with its id on the fills, and finishes", () => {
  const h = market();
  const start = h.time + 1;
  const placed = twap(h, ALICE, true, "11", 5);
  assert.deepEqual(result(placed), { running: 1 });
  assert.equal(sliceCount(5), 11);
  const first = slices(placed);
  assert.equal(first.length, 1);
  const f = first[0] as Extract<Event, { type: "fill" }>;
  assert.equal(f.taker.twapId, 1);
  assert.equal(f.maker.twapId, undefined);
  assert.equal(f.size, 100); // 1 SOL (SOL lots are 0.01)
  assert.equal(nextTwapTime(h.engine.state as EngineState), start + 30_000);
  assert.ok((h.engine.nextDueTime() ?? Number.POSITIVE_INFINITY) <= start + 30_000);
  assert.deepEqual(
    h.engine.twaps(ALICE).map((t) => [t.twapId, t.executedSize]),
    [[1, 100]],
  );
  for (let k = 1; k <= 10; k++) h.tick(start + k * 30_000);
  const history = h.log.filter((e) => e.type === "twap");
  assert.deepEqual(
    history.map((e) => [e.status, e.twap.executedSize]),
    [
      ["activated", 0],
      ["finished", 1100],
    ],
  );
  assert.equal(slices(h.log).length, 11);
  assert.equal(h.position(ALICE, SOL), 1100);
  assert.equal(h.engine.state.twaps.size, 0);
});

test("a slice that cannot fill is caught up later, at most 3 normal slices at once", () => {
  const h = new Harness({ markRule: "oracle" });
  h.oracle(SOL, "100");
  const start = h.time + 1;
  twap(h, ALICE, true, "11", 5); // no asks: the first slice fills nothing
  h.tick(start + 30_000);
  assert.equal(h.engine.twaps(ALICE)[0]?.executedSize, 0);
  h.order(BOB, [limit(SOL, false, "101", "100")]);
  const events = h.tick(start + 60_000);
  // Target after slice 2 is 300 lots, the cap is 3 × 100.
  assert.deepEqual(
    slices(events).map((e) => e.size),
    [300],
  );
});

test("randomize is deterministic and within ±20%", () => {
  for (let k = 0; k < 50; k++) {
    const p = randomPercent(7, k);
    assert.ok(p >= 80 && p <= 120, `${p}`);
    assert.equal(p, randomPercent(7, k));
  }
  const a = market();
  const b = market();
  twap(a, ALICE, true, "11", 5, { randomize: true });
  twap(b, ALICE, true, "11", 5, { randomize: true });
  for (let k = 1; k <= 10; k++) {
    a.tick(a.time + 30_000);
    b.tick(b.time + 30_000);
  }
  assert.equal(a.engine.stateHash(), b.engine.stateHash());
  assert.equal(a.position(ALICE, SOL), 1100);
});

test("cancel terminates a running TWAP; a second cancel is the documented error", () => {
  const h = market();
  twap(h, ALICE, true, "11", 5);
  const other = h.run({ type: "twapCancel", time: ++h.time, user: BOB, asset: SOL, twapId: 1 });
  assert.deepEqual(result(other), { error: "TWAP was never placed, already canceled, or filled." });
  const events = h.run({ type: "twapCancel", time: ++h.time, user: ALICE, asset: SOL, twapId: 1 });
  assert.deepEqual(result(events), "success");
  assert.deepEqual(
    events.filter((e) => e.type === "twap").map((e) => e.status),
    ["terminated"],
  );
  const again = h.run({ type: "twapCancel", time: ++h.time, user: ALICE, asset: SOL, twapId: 1 });
  assert.deepEqual(result(again), { error: "TWAP was never placed, already canceled, or filled." });
});

test("a reduce-only TWAP stops when the position is gone", () => {
  const h = market();
  h.order(ALICE, [limit(SOL, true, "101", "1", "Ioc")]);
  h.order(BOB, [limit(SOL, true, "99", "100")]);
  const start = h.time + 1;
  twap(h, ALICE, false, "2", 5, { reduceOnly: true });
  for (let k = 1; k <= 10; k++) h.tick(start + k * 30_000);
  assert.equal(h.position(ALICE, SOL), 0);
  const last = h.log.filter((e) => e.type === "twap").at(-1);
  assert.equal(last?.type === "twap" ? last.status : undefined, "terminated");
});

test("snapshot + replay give the same state hash mid-TWAP; nextDueTime names the next slice", () => {
  const commands: Command[] = [];
  const h = market();
  const engine = h.engine;
  const live = (cmd: Command) => {
    commands.push(cmd);
    h.run(cmd);
  };
  live({
    type: "twapOrder",
    time: ++h.time,
    user: ALICE,
    asset: SOL,
    isBuy: true,
    size: "11",
    reduceOnly: false,
    minutes: 5,
    randomize: true,
  });
  const start = h.time;
  live({ type: "tick", time: start + 30_000 });
  const restored = Engine.fromSnapshot(JSON.parse(JSON.stringify(engine.toSnapshot())));
  assert.equal(restored.stateHash(), engine.stateHash());
  assert.equal(nextTwapTime(restored.state as EngineState), start + 60_000);
  const rest: Command[] = [
    { type: "tick", time: start + 60_000 },
    { type: "tick", time: start + 300_000 },
  ];
  for (const cmd of rest) {
    live(cmd);
    restored.apply(cmd);
  }
  assert.equal(restored.stateHash(), engine.stateHash());
  assert.equal(engine.state.twaps.size, 0);
  assert.equal(T0 < start, true);
});
