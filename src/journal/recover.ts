/**
 * @module journal/recover
 * Start-up: the latest snapshot plus the journal entries after it give back the engine exactly as it was when the last
 * acknowledged command was applied. The snapshot's stored state hash is checked against the restored engine; a damaged
 * journal row stops recovery with the way out. Never applies anything it cannot verify.
 */

import { Engine, type EngineOptions, type Event } from "../core/index.ts";
import { Journal } from "./journal.ts";
import { Snapshots } from "./snapshot.ts";
import { type Store, StoreError } from "./store.ts";

/** A snapshot whose state does not hash to what was stored with it. */
export class RecoveryError extends Error {
  override readonly name = "RecoveryError";
}

/** What recovery found. */
export interface Recovered {
  readonly engine: Engine;
  /** The last journal entry applied. */
  readonly seq: number;
  /** The snapshot recovery started from (0: none, from an empty engine). */
  readonly fromSnapshot: number;
  /** Journal entries replayed after the snapshot. */
  readonly replayed: number;
}

/**
 * Rebuilds the engine from a store. `options` configure the engine when the store has no snapshot (a snapshot carries
 * its own configuration). `onEvents` sees the events of every replayed entry (to rebuild derived tables).
 */
export function recover(
  store: Store,
  options: EngineOptions = {},
  onEvents?: (seq: number, events: readonly Event[]) => void,
): Recovered {
  const snapshot = new Snapshots(store).latest();
  let engine: Engine;
  let seq = 0;
  if (snapshot === undefined) {
    engine = Engine.create(options);
  } else {
    engine = Engine.fromSnapshot(snapshot.state);
    const hash = engine.stateHash();
    if (hash !== snapshot.hash) {
      throw new RecoveryError(
        `${store.path}: the snapshot at entry ${snapshot.seq} restores to state hash ${hash}, not the ${snapshot.hash} ` +
          `stored with it. Run \`hyperlocal recover --data-dir <dir> --drop-snapshot ${snapshot.seq}\`.`,
      );
    }
    seq = snapshot.seq;
  }
  const from = seq;
  let replayed = 0;
  try {
    for (const entry of new Journal(store).readAfter(seq)) {
      const events = engine.apply(entry.command);
      onEvents?.(entry.seq, events);
      seq = entry.seq;
      replayed++;
    }
  } catch (e) {
    // SQLite's own damage report (a truncated or overwritten file) becomes the same kind of answer as ours.
    if ((e as { code?: unknown }).code === "SQLITE_CORRUPT" || (e as { code?: unknown }).code === "SQLITE_NOTADB") {
      throw new StoreError(
        `${store.path} is damaged (${(e as Error).message}) after journal entry ${seq}. Entries up to ${seq} are ` +
          `intact. Run \`hyperlocal recover --data-dir <dir> --truncate-after ${seq}\` (it keeps a copy of the file), ` +
          "or move the data directory aside to start fresh.",
        { cause: e },
      );
    }
    throw e;
  }
  return { engine, seq, fromSnapshot: from, replayed };
}
