/**
 * @module test/cli/recover
 * `hyperlocal recover`: reports a damaged data directory with the way out, and the way out works (after a copy).
 */

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { main } from "../../src/cli/main.ts";
import { Journal } from "../../src/journal/journal.ts";
import { FILE_NAME, Store } from "../../src/journal/store.ts";

const T0 = 1_767_225_600_000;
const A = `0x${"a".repeat(40)}`;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

test("recover reports a damaged journal, and --truncate-after repairs it after copying the file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-recover-"));
  try {
    const store = Store.open(dir);
    const journal = new Journal(store);
    store.transaction(() => {
      for (let seq = 1; seq <= 20; seq++) {
        journal.append([{ seq, command: { type: "deposit", time: T0 + seq, user: A, usd: seq } }]);
      }
    });
    store.db.prepare("UPDATE journal SET checksum = 'x' WHERE first_seq = 12").run();
    store.close();

    const bad = capture();
    assert.equal(await main(["recover", "--data-dir", dir], bad.io), 1);
    assert.match(bad.err.join(""), /journal entry 12 is damaged \(checksum mismatch\); entries up to 11 are intact/);
    assert.match(bad.err.join(""), /--truncate-after 11/);

    const fixed = capture();
    assert.equal(await main(["recover", "--data-dir", dir, "--truncate-after", "11"], fixed.io), 0, fixed.err.join(""));
    assert.match(fixed.out.join(""), /dropped 9 journal entries after entry 11/);
    assert.match(
      fixed.out.join(""),
      /recovered to entry 11 \(snapshot at entry 0, 11 entries replayed\), state hash [0-9a-f]{16}/,
    );
    assert.ok(
      readdirSync(dir).some((f) => f.startsWith(`${FILE_NAME}.before-recover-`)),
      "a copy was kept",
    );

    const again = capture();
    assert.equal(await main(["recover", "--data-dir", dir], again.io), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("recover needs a data directory that exists and known options", async () => {
  const c = capture();
  assert.equal(await main(["recover"], c.io), 2);
  assert.match(c.err.join(""), /--data-dir is required/);
  assert.equal(await main(["recover", "--frob", "1"], c.io), 2);
  assert.equal(await main(["recover", "--data-dir", "/nonexistent/hyperlocal", "--truncate-after", "x"], c.io), 2);
  const missing = capture();
  assert.equal(await main(["recover", "--data-dir", join(tmpdir(), "hyperlocal-none-here")], missing.io), 1);
  assert.ok(!existsSync(join(tmpdir(), "hyperlocal-none-here", FILE_NAME)), "nothing was created");
});
