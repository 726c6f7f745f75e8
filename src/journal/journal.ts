/**
 * @module journal/journal
 * The command journal: every sequenced command, in order, with its sequence number, time and a checksum of its text.
 * Appends happen inside the sequencer's transaction (group commit). Reading checks that sequence numbers are
 * contiguous and that every row matches its checksum; a damaged row is reported, never applied.
 */

import { type Command, checksum } from "../core/index.ts";
import type { Store } from "./store.ts";

/** One journaled command. */
export interface JournalEntry {
  readonly seq: number;
  readonly command: Command;
}

/** A journal row that cannot be trusted, and the way out. */
export class JournalCorruptError extends Error {
  override readonly name = "JournalCorruptError";
  constructor(
    /** The first bad sequence number. */
    readonly seq: number,
    /** The last good one. */
    readonly lastGood: number,
    what: string,
    path: string,
  ) {
    super(
      `${path}: journal entry ${seq} is damaged (${what}); entries up to ${lastGood} are intact. ` +
        `Nothing after ${lastGood} was applied. To continue from entry ${lastGood}, run ` +
        `\`hyperlocal recover --data-dir <dir> --truncate-after ${lastGood}\` (it keeps a copy of the file), ` +
        "or move the data directory aside to start fresh.",
    );
  }
}

interface Row {
  seq: number;
  time: number;
  command: string;
  checksum: string;
}

export class Journal {
  private readonly insert;
  private readonly last;

  constructor(private readonly store: Store) {
    this.insert = store.db.prepare("INSERT INTO journal (seq, time, command, checksum) VALUES (?, ?, ?, ?)");
    this.last = store.db.prepare("SELECT max(seq) AS seq FROM journal").pluck();
  }

  /** Appends entries (call inside the sequencer's transaction). */
  append(entries: readonly JournalEntry[]): void {
    for (const { seq, command } of entries) {
      const text = JSON.stringify(command);
      this.insert.run(seq, command.time, text, checksum(text));
    }
  }

  /** The highest sequence number written, or 0. */
  lastSeq(): number {
    return (this.last.get() as number | null) ?? 0;
  }

  /** The entries after `seq`, in order, checked. Throws JournalCorruptError at the first damaged one. */
  *readAfter(seq: number): IterableIterator<JournalEntry> {
    const rows = this.store.db
      .prepare("SELECT seq, time, command, checksum FROM journal WHERE seq > ? ORDER BY seq")
      .iterate(seq) as IterableIterator<Row>;
    let expected = seq + 1;
    for (const row of rows) {
      const path = this.store.path;
      if (row.seq !== expected) throw new JournalCorruptError(expected, expected - 1, "missing entry", path);
      if (typeof row.command !== "string" || checksum(row.command) !== row.checksum) {
        throw new JournalCorruptError(row.seq, expected - 1, "checksum mismatch", path);
      }
      let command: Command;
      try {
        command = JSON.parse(row.command) as Command;
      } catch {
        throw new JournalCorruptError(row.seq, expected - 1, "unreadable command", path);
      }
      if (command.time !== row.time) throw new JournalCorruptError(row.seq, expected - 1, "time mismatch", path);
      yield { seq: row.seq, command };
      expected++;
    }
  }

  /** Drops every entry after `seq` (the documented way out of a damaged tail). */
  truncateAfter(seq: number): number {
    return this.store.db.prepare("DELETE FROM journal WHERE seq > ?").run(seq).changes;
  }
}
