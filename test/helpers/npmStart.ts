/**
 * @module test/helpers/npmStart
 * Turns for the tests that run the README's exact `npm start`. It takes no flags, so it always listens on
 * 127.0.0.1:3001 and keeps its state in ROOT/.hyperlocal, both shared by every such test file (test/cli/serve.test.ts,
 * test/e2e/serve-sdk.test.ts) and with a developer's own server; `npm test` runs test files in parallel processes.
 * {@link claimNpmStart} therefore:
 * - takes a cross-process lock (an exclusive-create file in the OS temp dir holding the pid; a lock of a dead pid is
 *   taken over), so two such tests never overlap: whichever comes second waits for the first to release it;
 * - then waits until port 3001 can be bound, so a developer's server (or a test still shutting down) is waited for;
 * - then moves an existing ROOT/.hyperlocal aside (renamed to `.hyperlocal.<name>-<pid>`) so the test starts from a
 *   new data directory; `release()` deletes the directory the test made, puts the original back and drops the lock.
 * Kill the servers you started before calling `release()`.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** `npm start`'s data directory. */
export const NPM_START_DATA_DIR = join(ROOT, ".hyperlocal");
/** `npm start`'s port. */
export const NPM_START_PORT = 3001;
const LOCK_FILE = join(tmpdir(), `hyperlocal-npm-start-${NPM_START_PORT}.lock`);
/** How long to wait for the lock: the other test's whole run. */
export const LOCK_WAIT_MS = 240_000;
/** How long to wait for the port once the lock is ours. */
export const PORT_WAIT_MS = 90_000;

/** The turn to run `npm start`. */
export interface NpmStartSlot {
  /** Deletes the data directory the test made, puts the original back, releases the lock. Idempotent. */
  release(): void;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the cross-process lock (exclusive create); a lock left by a dead process is taken over. */
async function lock(deadline: number): Promise<void> {
  for (;;) {
    try {
      const fd = openSync(LOCK_FILE, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(LOCK_FILE, "utf8"));
    } catch {
      continue; // released meanwhile
    }
    if (Number.isSafeInteger(holder) && holder > 0 && !pidAlive(holder)) {
      rmSync(LOCK_FILE, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`lock ${LOCK_FILE} held by pid ${holder} for ${LOCK_WAIT_MS} ms`);
    await sleep(250);
  }
}

function unlock(): void {
  try {
    if (readFileSync(LOCK_FILE, "utf8") === String(process.pid)) unlinkSync(LOCK_FILE);
  } catch {
    // not ours or gone
  }
}

/** Resolves once 127.0.0.1:3001 can be bound (nobody listens there); rejects at the deadline. */
export async function waitForPort(deadline: number): Promise<void> {
  for (;;) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(NPM_START_PORT, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return;
    if (Date.now() > deadline) throw new Error(`port ${NPM_START_PORT} still in use at the deadline`);
    await sleep(250);
  }
}

/** Waits for the lock, then for port 3001, then moves ROOT/.hyperlocal aside; `name` tags the backup. */
export async function claimNpmStart(name: string): Promise<NpmStartSlot> {
  await lock(Date.now() + LOCK_WAIT_MS);
  const backup = join(ROOT, `.hyperlocal.${name}-${process.pid}`);
  let movedAside = false;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      rmSync(NPM_START_DATA_DIR, { recursive: true, force: true });
      if (movedAside) renameSync(backup, NPM_START_DATA_DIR);
    } finally {
      unlock();
    }
  };
  try {
    await waitForPort(Date.now() + PORT_WAIT_MS);
    if (existsSync(NPM_START_DATA_DIR)) {
      renameSync(NPM_START_DATA_DIR, backup);
      movedAside = true;
    }
  } catch (e) {
    released = true;
    unlock();
    throw e;
  }
  return { release };
}

/** A server child started by {@link startUntilListening}. */
export interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it printed so far (stdout and stderr). */
  readonly output: () => string;
}

/**
 * Starts a command in its own process group (so that a signal to `-pid` reaches npm's children too), records it in
 * `live` until it closes, and waits up to `readyMs` for its "Listening on <url>." line.
 */
export function startUntilListening(
  command: string,
  args: readonly string[],
  live: Set<ChildProcess>,
  readyMs: number,
): Promise<Running> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true });
  live.add(child);
  child.once("close", () => live.delete(child));
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after ${readyMs} ms:\n${out}`)), readyMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Listening on (http:\/\/[^\s]+)\./.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, output: () => out });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready:\n${out}`));
    });
  });
}
