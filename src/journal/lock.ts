/**
 * @module journal/lock
 * The exclusive lock of a data directory: a `LOCK` file, created exclusively, holding the pid of the process that
 * has the directory open. It is taken before the data file is opened (so a second hyperlocal on the same directory
 * writes nothing) and removed when the store closes. A lock whose pid is no longer alive (a crash, SIGKILL) is stale
 * and is taken over. Within one process the lock is shared: the process that holds it may open the directory again
 * (tests read a live directory as a crash would leave it); it is released when the last of them closes.
 */

import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";

/** The lock file's name inside a data directory. */
export const LOCK_NAME = "LOCK";

/** The data directory is open in another live process. */
export class DataDirInUseError extends Error {
  override readonly name = "DataDirInUseError";
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `data directory ${dataDir} is in use by another hyperlocal (pid ${pid}); stop it first, or use another --data-dir`,
    );
  }
}

/** Locks held by this process: lock file path → number of opens sharing it. */
const held = new Map<string, number>();

/** A held lock; {@link release} is idempotent. */
export interface DirLock {
  readonly path: string;
  release(): void;
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Blocks the thread for `ms` (only while a lock file is being written by its creator, a few ms at most). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The pid in a lock file; undefined while it is empty or garbled; null when the file is gone. */
function readHolder(path: string): number | undefined | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** Creates the lock file with our pid; false when it already exists. */
function create(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock of an existing data directory `dataDir` (named as given in the error). Throws
 * {@link DataDirInUseError} when another live process holds it; takes over a lock left by a dead one.
 */
export function lockDataDir(dataDir: string): DirLock {
  const path = resolve(join(dataDir, LOCK_NAME));
  const shared = held.get(path);
  if (shared === undefined) acquire(path, dataDir);
  held.set(path, (shared ?? 0) + 1);
  let released = false;
  return {
    path,
    release: () => {
      if (released) return;
      released = true;
      const count = (held.get(path) ?? 1) - 1;
      if (count > 0) {
        held.set(path, count);
        return;
      }
      held.delete(path);
      try {
        if (readHolder(path) === process.pid) unlinkSync(path);
      } catch {
        // gone already, or taken over: not ours to remove
      }
    },
  };
}

function acquire(path: string, dataDir: string): void {
  let unreadable = 0;
  for (;;) {
    if (create(path)) return;
    const holder = readHolder(path);
    if (holder === null) continue; // released meanwhile
    if (holder === undefined && unreadable < 20) {
      // Its creator may be between creating and writing it: give it a moment before calling it stale.
      unreadable++;
      pause(10);
      continue;
    }
    // Our own pid here is a lock left by an earlier process that had the same pid: this process holds none (`held`).
    if (holder !== undefined && holder !== process.pid && pidAlive(holder))
      throw new DataDirInUseError(dataDir, holder);
    // Stale: move it aside (one taker wins the rename), check it is the one judged stale, drop it and try again.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // another taker moved it first
      throw e;
    }
    const moved = readHolder(aside);
    if (moved !== holder && moved !== null && moved !== undefined && pidAlive(moved)) {
      // A live lock created after our read (another taker was faster): put it back; the next round reports it.
      renameSync(aside, path);
      continue;
    }
    unlinkSync(aside);
    unreadable = 0;
  }
}
