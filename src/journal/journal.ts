/**
 * @module journal/journal
 * The command journal: every sequenced command, in order. The commands of one commit (one event-loop tick) are stored
 * as one row (`first_seq`..`last_seq`, the commands as a JSON array, a checksum of that text), so group commit costs
 * one row per tick, not one per command. Reading checks that rows are contiguous and match their checksums; a damaged
 * row is reported with the last good entry, never applied.
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
  first_seq: number;
  last_seq: number;
  commands: string;
  checksum: string;
}

export class Journal {
  private readonly insert;
  private readonly last;

  constructor(private readonly store: Store) {
    this.insert = store.db.prepare("INSERT INTO journal (first_seq, last_seq, commands, checksum) VALUES (?, ?, ?, ?)");
    this.last = store.db.prepare("SELECT max(last_seq) FROM journal").pluck();
  }

  /** Appends consecutive entries as one row (call inside the sequencer's transaction). */
  append(entries: readonly JournalEntry[]): void {
    const first = entries[0];
    if (first === undefined) return;
    const text = JSON.stringify(entries.map((e) => e.command));
    this.insert.run(first.seq, first.seq + entries.length - 1, text, checksum(text));
  }

  /** The highest sequence number written, or 0. */
  lastSeq(): number {
    return (this.last.get() as number | null) ?? 0;
  }

  /** The entries after `seq`, in order, checked. Throws JournalCorruptError at the first damaged one. */
  *readAfter(seq: number): IterableIterator<JournalEntry> {
    const path = this.store.path;
    const rows = this.store.db
      .prepare("SELECT first_seq, last_seq, commands, checksum FROM journal WHERE last_seq > ? ORDER BY first_seq")
      .iterate(seq) as IterableIterator<Row>;
    let expected: number | undefined;
    for (const row of rows) {
      // The first row may start before `seq` (it holds a whole tick); every later one must follow on.
      if (expected !== undefined && row.first_seq !== expected) {
        throw new JournalCorruptError(expected, expected - 1, "missing entry", path);
      }
      if (expected === undefined && row.first_seq > seq + 1) {
        throw new JournalCorruptError(seq + 1, seq, "missing entry", path);
      }
      const lastGood = Math.max(seq, row.first_seq - 1);
      if (typeof row.commands !== "string" || checksum(row.commands) !== row.checksum) {
        throw new JournalCorruptError(Math.max(row.first_seq, seq + 1), lastGood, "checksum mismatch", path);
      }
      let commands: Command[];
      try {
        commands = JSON.parse(row.commands) as Command[];
      } catch {
        throw new JournalCorruptError(Math.max(row.first_seq, seq + 1), lastGood, "unreadable commands", path);
      }
      if (!Array.isArray(commands) || commands.length !== row.last_seq - row.first_seq + 1) {
        throw new JournalCorruptError(Math.max(row.first_seq, seq + 1), lastGood, "wrong number of commands", path);
      }
      for (let i = 0; i < commands.length; i++) {
        const at = row.first_seq + i;
        if (at > seq) yield { seq: at, command: commands[i] as Command };
      }
      expected = row.last_seq + 1;
    }
  }

  /** Drops every entry after `seq` (the documented way out of a damaged tail); keeps the head of a split row. */
  truncateAfter(seq: number): number {
    const db = this.store.db;
    return this.store.transaction(() => {
      const split = db
        .prepare("SELECT first_seq, last_seq, commands FROM journal WHERE first_seq <= ? AND last_seq > ?")
        .get(seq, seq) as Omit<Row, "checksum"> | undefined;
      let dropped = db.prepare("DELETE FROM journal WHERE first_seq > ?").run(seq).changes;
      if (split !== undefined) {
        const keep = (JSON.parse(split.commands) as Command[]).slice(0, seq - split.first_seq + 1);
        const text = JSON.stringify(keep);
        db.prepare("UPDATE journal SET last_seq = ?, commands = ?, checksum = ? WHERE first_seq = ?").run(
          seq,
          text,
          checksum(text),
          split.first_seq,
        );
        dropped += split.last_seq - seq;
      }
      return dropped;
    });
  }
}
