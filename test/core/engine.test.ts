/**
 * @module test/core/engine
 * The engine surface: time discipline, determinism, snapshots with every kind of state, the state hash.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Engine } from "../../src/core/index.ts";
import { ALICE, BOB, Harness, limit, SOL, T0, trigger } from "../helpers/engine.ts";

test("time never goes backwards", () => {
  const e = Engine.create();
  e.apply({ type: "tick", time: T0 });
  assert.throws(() => e.apply({ type: "tick", time: T0 - 1 }), /before the engine's time/);
});

test("a bad oracle price in a system command is a bug, not a user error", () => {
  const e = Engine.create();
  assert.throws(
    () => e.apply({ type: "setOracle", time: T0, prices: [{ asset: SOL, price: "abc" }] }),
    /invalid price/,
  );
  assert.throws(() => e.apply({ type: "setOracle", time: T0, prices: [{ asset: 99, price: "1" }] }), /unknown asset/);
});

function busy(): Harness {
  const h = new Harness();
  h.order(BOB, [limit(SOL, false, "100", "2"), limit(SOL, false, "101", "1", "Gtc", { cloid: `0x${"3".repeat(32)}` })]);
  h.order(ALICE, [limit(SOL, true, "100", "1"), limit(SOL, true, "95", "1"), limit(SOL, true, "95", "2")]);
  h.order(ALICE, [limit(SOL, false, "120", "1", "Gtc", { reduceOnly: true })]);
  h.order(ALICE, [limit(SOL, true, "99", "1"), trigger(SOL, false, "80", "1", "80", "sl")], "normalTpsl");
  h.order(BOB, [trigger(SOL, true, "130", "1", "125", "sl")], "positionTpsl");
  h.oracle(SOL, "100");
  h.schedule(BOB, T0 + 3_600_000);
  return h;
}

test("a snapshot round-trip gives the same hash and the same future", () => {
  const h = busy();
  const snapshot = JSON.parse(JSON.stringify(h.engine.toSnapshot()));
  const copy = Engine.fromSnapshot(snapshot);
  copy.checkInvariants();
  assert.equal(copy.stateHash(), h.engine.stateHash());
  assert.deepEqual(copy.toSnapshot(), h.engine.toSnapshot());
  const next = [
    { type: "order", time: h.time + 1, user: BOB, grouping: "na", orders: [limit(SOL, false, "95", "4")] },
    { type: "setOracle", time: h.time + 2, prices: [{ asset: SOL, price: "79" }] },
    { type: "tick", time: T0 + 3_600_000 },
  ] as const;
  for (const cmd of next) assert.deepEqual(copy.apply(cmd), h.engine.apply(cmd));
  assert.equal(copy.stateHash(), h.engine.stateHash());
});

test("the hash changes with the state and only with it", () => {
  const a = busy();
  const b = busy();
  assert.equal(a.engine.stateHash(), b.engine.stateHash());
  a.order(ALICE, [limit(SOL, true, "90", "1")]);
  assert.notEqual(a.engine.stateHash(), b.engine.stateHash());
  assert.match(a.engine.stateHash(), /^[0-9a-f]{16}$/);
});

test("invariant checks catch a corrupted book", () => {
  const h = busy();
  const level = h.engine.state.books[SOL]?.bids.best();
  assert.ok(level);
  level.total += 1;
  assert.throws(() => h.engine.checkInvariants(), /totals/);
});

test("snapshots of another version are refused", () => {
  const snap = { ...Engine.create().toSnapshot(), version: 4 };
  assert.throws(() => Engine.fromSnapshot(snap as never), /version 4/);
});
