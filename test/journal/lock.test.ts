/**
 * @module test/journal/lock
 * The data directory's lock: a directory open in another live process cannot be opened (the message names the
 * directory and the pid, and nothing in the directory changes, not even a new data file); a lock left by a dead
 * process (a crash, SIGKILL) or left empty is taken over; within one process the lock is shared and the last close
 * releases it.
 */

import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Journal } from "../../src/journal/journal.ts";
import { DataDirInUseError, LOCK_NAME, pidAlive } from "../../src/journal/lock.ts";
import { Store } from "../../src/journal/store.ts";

const HOLDER = fileURLToPath(new URL("./fixtures/holder.ts", import.meta.url));
const T0 = 1_767_225_600_000;
const A = `0x${"a".repeat(40)}`;

const dirs: string[] = [];
const children: ChildProcess[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Another process holding `dir` open; `release()` makes it close the store and resolves with its exit code. */
async function hold(dir: string): Promise<{ pid: number; release: () => Promise<number | null> }> {
  const child = spawn(process.execPath, ["--import", "tsx", HOLDER, dir], { stdio: ["pipe", "pipe", "pipe"] });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("held\n")) resolve();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    void exited.then((code) => reject(new Error(`holder exited with ${code}:\n${out}`)));
  });
  return {
    pid: child.pid as number,
    release: () => {
      child.stdin?.end();
      return exited;
    },
  };
}

/** Every file of the directory with a hash of its bytes. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort())
    out[f] = createHash("sha256")
      .update(readFileSync(join(dir, f)))
      .digest("hex");
  return out;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  const pid = Number(r.stdout);
  assert.ok(Number.isSafeInteger(pid) && pid > 0, r.stdout);
  assert.equal(pidAlive(pid), false, `pid ${pid} is alive again`);
  return pid;
}

function journalWith(dir: string, entries: number): void {
  const store = Store.open(dir);
  const journal = new Journal(store);
  store.transaction(() => {
    for (let seq = 1; seq <= entries; seq++) {
      journal.append([{ seq, command: { type: "deposit", time: T0 + seq, user: A, usd: seq } }]);
    }
  });
  store.close();
}

function inUse(dir: string, pid: number): (e: Error) => boolean {
  return (e) => {
    assert.ok(e instanceof DataDirInUseError, `${e.name}: ${e.message}`);
    assert.equal(e.pid, pid);
    assert.ok(e.message.startsWith(`data directory ${dir} is in use by another hyperlocal (pid ${pid})`), e.message);
    return true;
  };
}

test("a directory open in another live process cannot be opened, and the attempt changes nothing", async () => {
  const dir = tempDir();
  journalWith(dir, 3);
  assert.deepEqual(readdirSync(dir).includes(LOCK_NAME), false, "a closed store leaves no lock");
  const holder = await hold(dir);
  assert.equal(readFileSync(join(dir, LOCK_NAME), "utf8").trim(), String(holder.pid));
  const before = contents(dir);
  assert.throws(() => Store.open(dir), inUse(dir, holder.pid));
  assert.throws(() => Store.open(dir, "deferred"), inUse(dir, holder.pid));
  assert.deepEqual(contents(dir), before, "the directory is unchanged");

  assert.equal(await holder.release(), 0);
  assert.equal(existsSync(join(dir, LOCK_NAME)), false, "closing the store releases the lock");
  const store = Store.open(dir);
  try {
    assert.equal(new Journal(store).lastSeq(), 3, "the journal is intact");
  } finally {
    store.close();
  }
});

test("a locked new directory gets no data file", async () => {
  const held = tempDir();
  const holder = await hold(held);
  // The same live pid in a directory that has no data file yet: opening it must not create one.
  const dir = tempDir();
  writeFileSync(join(dir, LOCK_NAME), `${holder.pid}\n`);
  assert.throws(() => Store.open(dir), inUse(dir, holder.pid));
  assert.deepEqual(readdirSync(dir), [LOCK_NAME]);
  assert.equal(await holder.release(), 0);
});

test("a lock left by a dead process is taken over, and released on close", () => {
  const dir = tempDir();
  journalWith(dir, 2);
  writeFileSync(join(dir, LOCK_NAME), `${deadPid()}\n`);
  const store = Store.open(dir);
  try {
    assert.equal(readFileSync(join(dir, LOCK_NAME), "utf8").trim(), String(process.pid));
    assert.equal(new Journal(store).lastSeq(), 2);
  } finally {
    store.close();
  }
  assert.equal(existsSync(join(dir, LOCK_NAME)), false);
});

test("an empty lock (a crash between creating and writing it) is taken over", () => {
  const dir = tempDir();
  writeFileSync(join(dir, LOCK_NAME), "");
  const store = Store.open(dir);
  assert.equal(readFileSync(join(dir, LOCK_NAME), "utf8").trim(), String(process.pid));
  store.close();
  assert.deepEqual(readdirSync(dir).includes(LOCK_NAME), false);
});

test("within one process the lock is shared; the last close releases it", async () => {
  const dir = tempDir();
  const a = Store.open(dir);
  const b = Store.open(dir);
  a.close();
  a.close(); // a second close of the same store does not release b's share
  assert.equal(readFileSync(join(dir, LOCK_NAME), "utf8").trim(), String(process.pid));
  // Still held against other processes.
  const child = spawn(process.execPath, ["--import", "tsx", HOLDER, dir], { stdio: ["pipe", "pipe", "pipe"] });
  children.push(child);
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  assert.notEqual(code, 0);
  assert.match(err, new RegExp(`is in use by another hyperlocal \\(pid ${process.pid}\\)`));
  b.close();
  assert.equal(existsSync(join(dir, LOCK_NAME)), false);
});
