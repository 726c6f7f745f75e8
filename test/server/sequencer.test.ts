/**
 * @module test/server/sequencer
 * The single writer: one commit per tick, answers only after the commit (and, with a deferred store, after the
 * log's sync), times never backwards, a bug stops it.
 */

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Engine } from "../../src/core/index.ts";
import { Journal } from "../../src/journal/journal.ts";
import { recover } from "../../src/journal/recover.ts";
import { MEMORY, Store } from "../../src/journal/store.ts";
import { Sequencer } from "../../src/server/sequencer.ts";

const A = `0x${"a".repeat(40)}`;
const T0 = 1_767_225_600_000;

test("the commands of one tick share one commit, and each answer comes after it", async () => {
  const store = Store.open(MEMORY);
  const journal = new Journal(store);
  const engine = Engine.create();
  const seen: number[] = [];
  const seq = new Sequencer(engine, store, 0, {
    clock: () => T0,
    publish: (s) => seen.push(s),
  });
  const answers = Array.from({ length: 50 }, () =>
    seq.submit({ type: "deposit", user: A, usd: 1_000_000 }).then((events) => {
      // Durable before answered: the journal already holds every entry of the batch.
      assert.equal(journal.lastSeq(), 50);
      return events;
    }),
  );
  const results = await Promise.all(answers);
  assert.equal(seq.commits, 1);
  assert.equal(results.length, 50);
  assert.ok(results.every((events) => events[0]?.type === "ledger"));
  assert.deepEqual(
    seen,
    Array.from({ length: 50 }, (_, i) => i + 1),
  );
  await seq.submit({ type: "tick" });
  assert.equal(seq.commits, 2, "a later tick is a new commit");
  store.close();
});

test("times are stamped from the clock and never go backwards", async () => {
  let now = T0 + 10_000;
  const engine = Engine.create();
  const seq = new Sequencer(engine, undefined, 0, { clock: () => now });
  await seq.submit({ type: "tick" });
  assert.equal(engine.state.time, T0 + 10_000);
  now = T0; // the wall clock steps back
  await seq.submit({ type: "tick" });
  assert.equal(engine.state.time, T0 + 10_000);
});

test("an engine error stops the sequencer: nothing of that tick is journaled, later submits are refused", async () => {
  const store = Store.open(MEMORY);
  const engine = Engine.create();
  let fatal: unknown;
  const seq = new Sequencer(engine, store, 0, { clock: () => T0, onFatal: (e) => (fatal = e) });
  await seq.submit({ type: "deposit", user: A, usd: 1 });
  const good = seq.submit({ type: "deposit", user: A, usd: 2 });
  const bad = seq.submit({ type: "setOracle", prices: [{ asset: 5, price: "not a price" }] });
  await assert.rejects(good, /invalid price/);
  await assert.rejects(bad, /invalid price/);
  assert.ok(fatal instanceof Error);
  assert.equal(new Journal(store).lastSeq(), 1, "the failed tick's transaction was rolled back");
  await assert.rejects(seq.submit({ type: "tick" }), /stopped/);
  store.close();
});

test("snapshots are taken every N commands and recovery resumes from them", async () => {
  const store = Store.open(MEMORY);
  const engine = Engine.create();
  const seq = new Sequencer(engine, store, 0, { clock: () => T0, snapshotEvery: 10 });
  for (let i = 0; i < 35; i++) await seq.submit({ type: "deposit", user: A, usd: 1_000 + i });
  const r = recover(store);
  assert.equal(r.fromSnapshot, 30);
  assert.equal(r.replayed, 5);
  assert.equal(r.engine.stateHash(), engine.stateHash());
  store.close();
});

test("deferred sync: answers wait for the log's sync, one sync covers the ticks committed meanwhile", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-seq-"));
  const store = Store.open(dir, "deferred");
  assert.equal(store.db.pragma("synchronous", { simple: true }), 1, "NORMAL: the commit itself does not sync");
  const syncs: (() => void)[] = [];
  const realSync = store.syncLog.bind(store);
  // Hold each sync until the test lets it go, to see what waits for it.
  store.syncLog = (done) => syncs.push(() => realSync(done));
  const engine = Engine.create();
  const seq = new Sequencer(engine, store, 0, { clock: () => T0 });
  let answered = 0;
  const first = seq.submit({ type: "deposit", user: A, usd: 1 }).then(() => answered++);
  seq.flush();
  assert.equal(syncs.length, 1, "the first tick's sync started");
  const later = [1, 2, 3].map(() => seq.submit({ type: "deposit", user: A, usd: 1 }).then(() => answered++));
  seq.flush();
  seq.submit({ type: "deposit", user: A, usd: 1 }).then(() => answered++);
  seq.flush();
  assert.equal(seq.commits, 3, "ticks keep committing while a sync is in flight");
  assert.equal(syncs.length, 1, "one sync at a time");
  await new Promise((r) => setImmediate(r));
  assert.equal(answered, 0, "nothing is answered before its sync");
  (syncs.shift() as () => void)();
  await first;
  assert.equal(answered, 1);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(syncs.length, 1, "the next sync covers both later ticks");
  assert.equal(answered, 1);
  const drained = seq.drain();
  (syncs.shift() as () => void)();
  await Promise.all(later);
  await drained;
  assert.equal(answered, 5);
  store.close();
  const reopened = Store.open(dir);
  assert.equal(recover(reopened).engine.stateHash(), engine.stateHash());
  reopened.close();
  rmSync(dir, { recursive: true, force: true });
});

test("deferred sync: a failed sync refuses the waiting callers and stops the sequencer", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-seq-"));
  const store = Store.open(dir, "deferred");
  store.syncLog = (done) => setImmediate(() => done(new Error("EIO: disk gone")));
  let fatal: unknown;
  const seq = new Sequencer(Engine.create(), store, 0, { clock: () => T0, onFatal: (e) => (fatal = e) });
  await assert.rejects(seq.submit({ type: "deposit", user: A, usd: 1 }), /EIO/);
  assert.match(String(fatal), /EIO/);
  await assert.rejects(seq.submit({ type: "tick" }), /stopped/);
  store.close();
  rmSync(dir, { recursive: true, force: true });
});
