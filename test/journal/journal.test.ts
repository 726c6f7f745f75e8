/**
 * @module test/journal/journal
 * The store and the journal: format version, foreign files, append and read back, damaged rows reported with the way
 * out, and recovery from snapshot plus tail checked by state hash.
 */

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, test } from "node:test";
import Database from "better-sqlite3";
import { type Command, Engine } from "../../src/core/index.ts";
import { Journal, JournalCorruptError } from "../../src/journal/journal.ts";
import { RecoveryError, recover } from "../../src/journal/recover.ts";
import { Snapshots } from "../../src/journal/snapshot.ts";
import { FILE_NAME, FORMAT_VERSION, MEMORY, Store, StoreError } from "../../src/journal/store.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-journal-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const T0 = 1_767_225_600_000;
const A = `0x${"a".repeat(40)}`;
const B = `0x${"b".repeat(40)}`;

/** A short command stream that trades, with times in order. */
function stream(n: number): Command[] {
  const out: Command[] = [
    { type: "deposit", time: T0, user: A, usd: 1_000_000_000_000 },
    { type: "deposit", time: T0, user: B, usd: 1_000_000_000_000 },
  ];
  for (let i = 0; i < n; i++) {
    const isBuy = i % 2 === 0;
    const user = isBuy ? A : B;
    const price = String(100 + (i % 7) - 3);
    out.push({
      type: "order",
      time: T0 + i,
      user,
      grouping: "na",
      orders: [{ asset: 5, isBuy, price, size: "1", reduceOnly: false, kind: { limit: { tif: "Gtc" } } }],
    });
  }
  return out;
}

/** Journals the commands one row per command (one tick each). */
function journalOf(store: Store, commands: Command[]): void {
  const journal = new Journal(store);
  store.transaction(() => {
    commands.forEach((command, i) => {
      journal.append([{ seq: i + 1, command }]);
    });
  });
}

test("a new file records its format version; another version or another program's file is refused", () => {
  const dir = tempDir();
  Store.open(dir).close();
  const db = new Database(join(dir, FILE_NAME));
  assert.equal(db.pragma("user_version", { simple: true }), FORMAT_VERSION);
  db.pragma("user_version = 99");
  db.close();
  assert.throws(
    () => Store.open(dir),
    (e: Error) => {
      assert.ok(e instanceof StoreError);
      assert.ok(e.message.includes(`format version 99; this hyperlocal reads version ${FORMAT_VERSION}.`), e.message);
      assert.match(e.message, /new --data-dir/);
      return true;
    },
  );
  const other = tempDir();
  const foreign = new Database(join(other, FILE_NAME));
  foreign.exec("CREATE TABLE t (x)");
  foreign.close();
  assert.throws(() => Store.open(other), /not a hyperlocal data file/);
});

test("the journal reads back what was appended, in order", () => {
  const store = Store.open(MEMORY);
  const commands = stream(20);
  journalOf(store, commands);
  const journal = new Journal(store);
  assert.equal(journal.lastSeq(), commands.length);
  assert.deepEqual(
    [...journal.readAfter(5)].map((e) => e.command),
    commands.slice(5),
  );
  store.close();
});

test("one row holds a whole tick; reads may start inside it and truncation keeps its head", () => {
  const store = Store.open(MEMORY);
  const commands = stream(30);
  const journal = new Journal(store);
  store.transaction(() => {
    journal.append(commands.slice(0, 10).map((command, i) => ({ seq: i + 1, command })));
    journal.append(commands.slice(10).map((command, i) => ({ seq: i + 11, command })));
  });
  assert.equal(store.db.prepare("SELECT count(*) FROM journal").pluck().get(), 2);
  assert.deepEqual(
    [...journal.readAfter(7)].map((e) => e.seq),
    Array.from({ length: commands.length - 7 }, (_, i) => i + 8),
  );
  assert.equal(journal.truncateAfter(15), commands.length - 15);
  assert.equal(journal.lastSeq(), 15);
  assert.deepEqual(
    [...journal.readAfter(0)].map((e) => e.command),
    commands.slice(0, 15),
  );
  store.close();
});

test("a damaged row is reported with the last good entry and the way out, and never applied", () => {
  const store = Store.open(MEMORY);
  journalOf(store, stream(20));
  store.db
    .prepare('UPDATE journal SET commands = replace(commands, \'"size":"1"\', \'"size":"9"\') WHERE first_seq = 12')
    .run();
  const journal = new Journal(store);
  assert.throws(
    () => [...journal.readAfter(0)],
    (e: Error) => {
      assert.ok(e instanceof JournalCorruptError);
      assert.equal(e.seq, 12);
      assert.equal(e.lastGood, 11);
      assert.match(e.message, /checksum mismatch/);
      assert.match(e.message, /--truncate-after 11/);
      return true;
    },
  );
  assert.throws(() => recover(store), JournalCorruptError);
  journal.truncateAfter(11);
  const recovered = recover(store);
  assert.equal(recovered.seq, 11);
  store.db.prepare("DELETE FROM journal WHERE first_seq = 5").run();
  assert.throws(() => [...journal.readAfter(0)], /journal entry 5 is damaged \(missing entry\)/);
  store.close();
});

test("recovery = latest snapshot + journal tail, equal to the live engine's state hash", () => {
  const dir = tempDir();
  const commands = stream(60);
  const live = Engine.create();
  const store = Store.open(dir);
  const journal = new Journal(store);
  const snapshots = new Snapshots(store);
  commands.forEach((command, i) => {
    store.transaction(() => journal.append([{ seq: i + 1, command }]));
    live.apply(command);
    if (i + 1 === 30) snapshots.write(30, live);
  });
  store.close();
  const reopened = Store.open(dir);
  const r = recover(reopened);
  assert.equal(r.fromSnapshot, 30);
  assert.equal(r.replayed, commands.length - 30);
  assert.equal(r.engine.stateHash(), live.stateHash());
  // A snapshot that does not hash to what was stored with it is refused.
  reopened.db.prepare("UPDATE snapshots SET hash = 'ffffffffffffffff'").run();
  assert.throws(
    () => recover(reopened),
    (e: Error) => e instanceof RecoveryError && /--drop-snapshot 30/.test(e.message),
  );
  reopened.close();
});

test("a truncated file is reported as damaged, with the way out", () => {
  const dir = tempDir();
  const store = Store.open(dir);
  journalOf(store, stream(3000));
  store.db.pragma("wal_checkpoint(TRUNCATE)");
  store.close();
  const file = join(dir, FILE_NAME);
  truncateSync(file, Math.floor(statSync(file).size * 0.6));
  assert.throws(
    () => {
      const s = Store.open(dir);
      try {
        recover(s);
      } finally {
        s.close();
      }
    },
    (e: Error) => {
      assert.ok(e instanceof StoreError, `${e.name}: ${e.message}`);
      assert.match(e.message, /damaged|cannot read/);
      return true;
    },
  );
});
