/**
 * @module cli/recover
 * `hyperlocal recover --data-dir DIR [--truncate-after N] [--drop-snapshot N]`: checks that a data directory recovers,
 * and is the documented way out of a damaged one. Before changing anything it copies the data file next to itself.
 * It takes the directory's lock like `serve` does, so it refuses a directory that a running hyperlocal has open.
 */

import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { Journal } from "../journal/journal.ts";
import { recover } from "../journal/recover.ts";
import { Snapshots } from "../journal/snapshot.ts";
import { FILE_NAME, Store } from "../journal/store.ts";
import type { Io } from "./io.ts";

const USAGE = "usage: hyperlocal recover --data-dir DIR [--truncate-after N] [--drop-snapshot N]\n";

function flags(args: readonly string[]): Map<string, string> | string {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i] as string;
    const value = args[i + 1];
    if (!["--data-dir", "--truncate-after", "--drop-snapshot"].includes(key)) return `unknown option ${key}`;
    if (value === undefined) return `${key} needs a value`;
    out.set(key, value);
  }
  return out;
}

function seqFlag(value: string | undefined, name: string): number | undefined | string {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : `${name} must be an entry number, got ${value}`;
}

/** Runs the command; returns the exit code (0 recovered, 1 damaged or in use, 2 usage). */
export function recoverCommand(args: readonly string[], io: Io, now: () => number = Date.now): number {
  const parsed = flags(args);
  if (typeof parsed === "string") {
    io.err(`hyperlocal recover: ${parsed}\n${USAGE}`);
    return 2;
  }
  const dir = parsed.get("--data-dir");
  const truncate = seqFlag(parsed.get("--truncate-after"), "--truncate-after");
  const drop = seqFlag(parsed.get("--drop-snapshot"), "--drop-snapshot");
  for (const v of [truncate, drop]) {
    if (typeof v === "string") {
      io.err(`hyperlocal recover: ${v}\n${USAGE}`);
      return 2;
    }
  }
  if (dir === undefined) {
    io.err(`hyperlocal recover: --data-dir is required\n${USAGE}`);
    return 2;
  }
  const file = join(dir, FILE_NAME);
  if (!existsSync(file)) {
    io.err(`hyperlocal recover: there is no ${file}\n`);
    return 1;
  }
  let store: Store | undefined;
  try {
    store = Store.open(dir);
    if (truncate !== undefined || drop !== undefined) {
      // Fold the WAL into the file, then keep a copy of it before changing anything.
      store.db.pragma("wal_checkpoint(TRUNCATE)");
      const backup = `${file}.before-recover-${now()}`;
      copyFileSync(file, backup);
      io.out(`copied ${file} to ${backup}\n`);
      if (drop !== undefined) {
        new Snapshots(store).drop(drop as number);
        io.out(`dropped the snapshot at entry ${drop}\n`);
      }
      if (truncate !== undefined) {
        const n = new Journal(store).truncateAfter(truncate as number);
        io.out(`dropped ${n} journal entries after entry ${truncate}\n`);
      }
    }
    const r = recover(store);
    io.out(
      `recovered to entry ${r.seq} (snapshot at entry ${r.fromSnapshot}, ${r.replayed} entries replayed), ` +
        `state hash ${r.engine.stateHash()}\n`,
    );
    return 0;
  } catch (e) {
    io.err(`hyperlocal recover: ${(e as Error).message}\n`);
    return 1;
  } finally {
    store?.close();
  }
}
