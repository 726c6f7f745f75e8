/**
 * @module journal/store
 * The one SQLite file of a data directory (better-sqlite3, WAL, synchronous FULL: a committed transaction is on disk):
 * its schema, its format version, and how it is opened. Knows the core's types, never the wire. An in-memory store
 * (`:memory:`) serves tests and quick runs. Opening a data directory takes its lock (`lock.ts`) before touching the
 * file, so a second hyperlocal on a directory in use fails without writing; closing the store releases it.
 * Checkpoints (copying the write-ahead log into the database file, and syncing it) run on a worker thread with its own
 * connection, not inside the commits of the event loop: SQLite's automatic checkpoint is off for the main connection.
 */

import { closeSync, fsync, mkdirSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { HISTORY_SCHEMA } from "./history.ts";
import { type DirLock, lockDataDir } from "./lock.ts";

/** The file format this code reads and writes (`PRAGMA user_version`). */
export const FORMAT_VERSION = 2;
/** Marks a hyperlocal file (`PRAGMA application_id`): "hylo". */
export const APPLICATION_ID = 0x68796c6f;
/** The data file's name inside a data directory. */
export const FILE_NAME = "hyperlocal.sqlite";
/** The data directory that means "in memory, gone at exit". */
export const MEMORY = ":memory:";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS journal (
  first_seq INTEGER PRIMARY KEY,
  last_seq INTEGER NOT NULL,
  commands TEXT NOT NULL,
  checksum TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshots (
  seq INTEGER PRIMARY KEY,
  hash TEXT NOT NULL,
  state TEXT NOT NULL,
  checksum TEXT NOT NULL
);
`;

/** How often the checkpoint thread copies the write-ahead log into the database file (ms). */
export const CHECKPOINT_INTERVAL_MS = 250;

/**
 * The checkpoint thread's program (plain JavaScript, evaluated: it loads better-sqlite3 itself, so it works the same
 * from TypeScript sources and from a bundle). A PASSIVE checkpoint never blocks the writer; the log is reset in place
 * once fully copied.
 */
const CHECKPOINTER = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 0");
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Starts the checkpoint thread of a data file. */
function startCheckpointer(path: string): Worker {
  const module = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { module, path, intervalMs: CHECKPOINT_INTERVAL_MS },
  });
  worker.unref();
  // A failed checkpoint is retried on the next interval (the log only grows meanwhile); nothing to stop for.
  worker.on("message", () => {});
  worker.on("error", () => {});
  return worker;
}

/** A store that cannot be used, with what to do about it. */
export class StoreError extends Error {
  override readonly name = "StoreError";
}

/**
 * How a commit reaches the disk. `full`: SQLite syncs the write-ahead log inside every commit (the event loop waits
 * for the disk). `deferred`: the commit writes the log without syncing (`synchronous = NORMAL`) and the caller syncs
 * it with {@link Store.syncLog}, which runs on libuv's thread pool, and acknowledges only after that: the same
 * durability (the log is on disk before anyone hears "ok"), without blocking the event loop during the sync.
 */
export type SyncMode = "full" | "deferred";

/** An open data file. */
export class Store {
  private logFd: number | undefined;
  private checkpointer: Worker | undefined;

  private constructor(
    readonly db: Database.Database,
    /** The file's path, or `:memory:`. */
    readonly path: string,
    readonly syncMode: SyncMode,
    private readonly lock: DirLock | undefined,
  ) {}

  /**
   * Opens (creating if needed) the store of a data directory, or an in-memory one for `:memory:`.
   * Throws StoreError for a file of another format version or of another program, and DataDirInUseError (before
   * creating or opening the file) when another live process has the directory open.
   */
  static open(dataDir: string, syncMode: SyncMode = "full"): Store {
    const path = dataDir === MEMORY ? MEMORY : join(dataDir, FILE_NAME);
    let lock: DirLock | undefined;
    if (path !== MEMORY) {
      mkdirSync(dirname(path), { recursive: true });
      lock = lockDataDir(dataDir);
    }
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (cause) {
      lock?.release();
      throw new StoreError(`cannot open ${path}: ${(cause as Error).message}`, { cause });
    }
    try {
      if (path !== MEMORY) db.pragma("journal_mode = WAL");
      db.pragma(syncMode === "deferred" && path !== MEMORY ? "synchronous = NORMAL" : "synchronous = FULL");
      // Checkpoints run on the checkpoint thread (see startCheckpointer), not in the event loop's commits.
      if (path !== MEMORY) db.pragma("wal_autocheckpoint = 0");
      const version = db.pragma("user_version", { simple: true }) as number;
      const app = db.pragma("application_id", { simple: true }) as number;
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as { n: number };
      if (version === 0 && app === 0 && tables.n === 0) {
        db.exec(SCHEMA);
        db.exec(HISTORY_SCHEMA);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${FORMAT_VERSION}`);
      } else if (app !== APPLICATION_ID) {
        throw new StoreError(
          `${path} is not a hyperlocal data file (application id ${app}). Point --data-dir at an empty or hyperlocal directory.`,
        );
      } else if (version !== FORMAT_VERSION) {
        throw new StoreError(
          `${path} has format version ${version}; this hyperlocal reads version ${FORMAT_VERSION}. ` +
            "Run the hyperlocal version that wrote it, or start with a new --data-dir.",
        );
      }
    } catch (e) {
      db.close();
      lock?.release();
      if (e instanceof StoreError) throw e;
      throw new StoreError(`cannot read ${path}: ${(e as Error).message}`, { cause: e });
    }
    const store = new Store(db, path, path === MEMORY ? "full" : syncMode, lock);
    if (path !== MEMORY) store.checkpointer = startCheckpointer(path);
    return store;
  }

  /** Whether commits must be followed by {@link syncLog} before they count as durable. */
  get deferred(): boolean {
    return this.syncMode === "deferred";
  }

  /**
   * Syncs the write-ahead log to disk off the event loop (fsync on libuv's thread pool); `done` runs once every commit
   * made before the call is on disk, or with the error. Only for a `deferred` store. The log file lives as long as
   * the connection (SQLite resets it in place after checkpoints and deletes it only on close), so one descriptor
   * serves for the store's life.
   */
  syncLog(done: (error: Error | null) => void): void {
    if (this.logFd === undefined) {
      try {
        this.logFd = openSync(`${this.path}-wal`, "r");
      } catch (e) {
        done(e as Error);
        return;
      }
    }
    fsync(this.logFd, done);
  }

  /** Runs `fn` in one transaction: one commit, one sync. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.checkpointer !== undefined) {
      // Asks the thread to close its connection; the main connection's close below checkpoints what is left.
      this.checkpointer.postMessage("close");
      this.checkpointer = undefined;
    }
    if (this.logFd !== undefined) {
      closeSync(this.logFd);
      this.logFd = undefined;
    }
    if (this.db.open) this.db.close();
    this.lock?.release();
  }
}
