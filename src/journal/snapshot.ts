/**
 * @module journal/snapshot
 * Engine snapshots in the data file: the whole state as JSON with its state hash, written inside a transaction (so a
 * snapshot is either wholly there or not at all), the latest read back and checked. Older snapshots are pruned.
 */

import { type Engine, type EngineSnapshot, checksum } from "../core/index.ts";
import type { Store } from "./store.ts";

/** A stored snapshot. */
export interface StoredSnapshot {
  /** The last journal entry the snapshot includes. */
  readonly seq: number;
  /** The engine's state hash at that point. */
  readonly hash: string;
  readonly state: EngineSnapshot;
}

/** A snapshot that cannot be trusted. */
export class SnapshotCorruptError extends Error {
  override readonly name = "SnapshotCorruptError";
}

export class Snapshots {
  private readonly insert;
  private readonly prune;

  constructor(
    private readonly store: Store,
    /** How many snapshots to keep. */
    private readonly keep = 3,
  ) {
    this.insert = store.db.prepare("INSERT OR REPLACE INTO snapshots (seq, hash, state, checksum) VALUES (?, ?, ?, ?)");
    this.prune = store.db.prepare(
      "DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)",
    );
  }

  /** Writes the engine's state as of journal entry `seq` (call inside a transaction, or alone: it is one). */
  write(seq: number, engine: Engine): void {
    const text = JSON.stringify(engine.toSnapshot());
    this.store.transaction(() => {
      this.insert.run(seq, engine.stateHash(), text, checksum(text));
      this.prune.run(this.keep);
    });
  }

  /** The newest intact snapshot, or undefined. A damaged one is reported, not skipped silently. */
  latest(): StoredSnapshot | undefined {
    const row = this.store.db
      .prepare("SELECT seq, hash, state, checksum FROM snapshots ORDER BY seq DESC LIMIT 1")
      .get() as { seq: number; hash: string; state: string; checksum: string } | undefined;
    if (row === undefined) return undefined;
    if (checksum(row.state) !== row.checksum) {
      throw new SnapshotCorruptError(
        `${this.store.path}: snapshot at entry ${row.seq} is damaged (checksum mismatch). ` +
          `Run \`hyperlocal recover --data-dir <dir> --drop-snapshot ${row.seq}\` to recover from an older snapshot ` +
          "and the journal.",
      );
    }
    return { seq: row.seq, hash: row.hash, state: JSON.parse(row.state) as EngineSnapshot };
  }

  /** Deletes one snapshot (the way out of a damaged one). */
  drop(seq: number): void {
    this.store.db.prepare("DELETE FROM snapshots WHERE seq = ?").run(seq);
  }
}
