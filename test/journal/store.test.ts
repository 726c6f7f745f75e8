/**
 * @module test/journal/store
 * The data file's checkpoints run on their own thread: the main connection never checkpoints inside a commit, yet the
 * write-ahead log is copied into the database file while the store is open.
 */

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { CHECKPOINT_INTERVAL_MS, FILE_NAME, Store } from "../../src/journal/store.ts";

describe("journal/store checkpoints", () => {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-store-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("the main connection does not checkpoint; the checkpoint thread copies the log into the file", async () => {
    const store = Store.open(dir, "deferred");
    try {
      assert.equal(store.db.pragma("wal_autocheckpoint", { simple: true }), 0);
      const file = join(dir, FILE_NAME);
      const before = statSync(file).size;
      store.db.exec("CREATE TABLE filler (x TEXT)");
      const insert = store.db.prepare("INSERT INTO filler (x) VALUES (?)");
      // About 2 MB of rows, in 20 commits: without a checkpoint they stay in the log, the file keeps its size.
      for (let t = 0; t < 20; t++)
        store.transaction(() => {
          for (let i = 0; i < 100; i++) insert.run("x".repeat(1000));
        });
      const deadline = Date.now() + 20 * CHECKPOINT_INTERVAL_MS + 5_000;
      while (statSync(file).size < before + 1_000_000 && Date.now() < deadline) await sleep(CHECKPOINT_INTERVAL_MS);
      assert.ok(statSync(file).size >= before + 1_000_000, `file grew from ${before} to ${statSync(file).size} bytes`);
    } finally {
      store.close();
    }
    // Everything committed is there after a reopen.
    const again = Store.open(dir, "deferred");
    try {
      const { n } = again.db.prepare("SELECT count(*) AS n FROM filler").get() as { n: number };
      assert.equal(n, 2_000);
    } finally {
      again.close();
    }
  });
});
