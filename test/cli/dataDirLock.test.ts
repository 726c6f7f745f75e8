/**
 * @module test/cli/dataDirLock
 * A data directory in use by a running `hyperlocal serve` is refused by a second `hyperlocal serve` (it exits
 * non-zero with a message naming the directory and the running server's pid, and writes nothing: it would otherwise
 * fund its own dev accounts, which this test starts under another seed to see) and by `hyperlocal recover`; the first
 * server keeps serving throughout. A `serve` whose port is taken fails before it funds or prices anything, and
 * leaves the directory unlocked.
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.ts";
import { devAccounts } from "../../src/cli/serve.ts";
import { Journal } from "../../src/journal/journal.ts";
import { LOCK_NAME } from "../../src/journal/lock.ts";
import { Store } from "../../src/journal/store.ts";
import { post, type Served, serve, stop } from "../e2e/server.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/hyperlocal.js", import.meta.url));

describe("a data directory in use", () => {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-dirlock-"));
  let first: Served | undefined;
  before(async () => {
    first = await serve(dir);
  });
  after(async () => {
    if (first !== undefined && first.child.exitCode === null) await stop(first, "SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  });

  /** The running server answers, and still holds the lock. */
  async function firstStillServes(s: Served): Promise<void> {
    const meta = (await post(s.url, "/info", { type: "meta" })) as { universe: { name: string }[] };
    assert.equal(meta.universe[0]?.name, "BTC");
    assert.equal(readFileSync(join(dir, LOCK_NAME), "utf8").trim(), String(s.child.pid));
  }

  it("a second hyperlocal serve on it exits non-zero with the message and writes nothing", async () => {
    const s = first as Served;
    const second = spawnSync(
      process.execPath,
      [BIN, "serve", "--port", "0", "--data-dir", dir, "--no-sim", "--seed", "second"],
      { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
    );
    assert.equal(second.status, 1, `${second.stdout}\n${second.stderr}`);
    assert.equal(
      second.stderr,
      `hyperlocal serve: data directory ${dir} is in use by another hyperlocal (pid ${s.child.pid}); ` +
        "stop it first, or use another --data-dir\n",
    );
    assert.doesNotMatch(second.stdout, /Listening on/);
    await firstStillServes(s);

    // After the first server stops, its journal holds nothing of the second: no deposit to the second seed's accounts.
    assert.deepEqual(await stop(s, "SIGTERM"), { code: 0, signal: null });
    const store = Store.open(dir);
    try {
      const seconds = new Set(devAccounts("second").map((a) => a.address.toLowerCase()));
      const firsts = new Set(devAccounts("hyperlocal").map((a) => a.address.toLowerCase()));
      const deposits = [...new Journal(store).readAfter(0)]
        .map((e) => e.command as { type: string; user?: string })
        .filter((c) => c.type === "deposit");
      assert.equal(deposits.filter((c) => firsts.has(String(c.user))).length, 10, "the first server's own funding");
      assert.deepEqual(
        deposits.filter((c) => seconds.has(String(c.user))),
        [],
      );
    } finally {
      store.close();
    }
    first = await serve(dir); // for the next test, and to show the lock was released
  });

  it("hyperlocal recover refuses it", async () => {
    const s = first as Served;
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["recover", "--data-dir", dir], {
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
    });
    assert.equal(code, 1, out.join(""));
    assert.match(
      err.join(""),
      new RegExp(`^hyperlocal recover: data directory .* is in use by another hyperlocal \\(pid ${s.child.pid}\\)`),
    );
    await firstStillServes(s);
  });
});

it("a hyperlocal serve whose port is taken journals nothing and releases the directory", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-portclash-"));
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  try {
    const port = (blocker.address() as { port: number }).port;
    const r = spawnSync(process.execPath, [BIN, "serve", "--port", String(port), "--data-dir", dir, "--no-sim"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(r.status, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, /^hyperlocal serve: .*EADDRINUSE/);
    assert.equal(existsSync(join(dir, LOCK_NAME)), false, "the lock is released");
    const store = Store.open(dir);
    try {
      assert.equal(new Journal(store).lastSeq(), 0, "no funding, no opening prices");
    } finally {
      store.close();
    }
  } finally {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
});
