/**
 * @module server/sequencer
 * The single writer. Each submitted command gets the next sequence number and a time; the commands of one event-loop
 * tick are journaled and applied inside one SQLite transaction (group commit: one sync per tick, not per command);
 * only after that commit is on disk are their events published and their callers answered. With a `deferred` store
 * the sync runs off the event loop: while one sync is in flight, the next ticks commit (unsynced) and wait for the
 * following sync, which covers them all. A throw from the engine is a bug: the sequencer stops and refuses everything
 * after it.
 */

import type { Command, Engine, Event, UnstampedCommand } from "../core/index.ts";
import type { History } from "../journal/history.ts";
import { Journal } from "../journal/journal.ts";
import { Snapshots } from "../journal/snapshot.ts";
import type { Store } from "../journal/store.ts";

/** A command before the sequencer stamps its time. */
export type Unstamped = UnstampedCommand;

export interface SequencerOptions {
  /** Wall clock (ms). Times never go backwards even if it does. */
  readonly clock?: () => number;
  /** Snapshot after this many commands… */
  readonly snapshotEvery?: number;
  /** …or after this long (ms), whichever comes first. */
  readonly snapshotIntervalMs?: number;
  /** Receives the events of each command after they are durable, in order. */
  readonly publish?: (seq: number, command: Command, events: readonly Event[]) => void;
  /** History tables written in the same transaction as the journal. */
  readonly history?: History;
  /** Called once when the engine throws (a bug): the process should stop. */
  readonly onFatal?: (error: unknown) => void;
}

interface Pending {
  readonly command: Unstamped;
  readonly resolve: (events: Event[]) => void;
  readonly reject: (error: unknown) => void;
}

/** A committed tick waiting for its sync before it is published and answered. */
interface Committed {
  readonly firstSeq: number;
  readonly batch: readonly Pending[];
  readonly stamped: readonly Command[];
  readonly results: readonly Event[][];
}

export class Sequencer {
  private pending: Pending[] = [];
  private scheduled = false;
  /** Committed ticks waiting for the next sync (deferred stores). */
  private unsynced: Committed[] = [];
  private syncing = false;
  private idleWaiters: (() => void)[] = [];
  private failed: unknown;
  private seq: number;
  private snapshotSeq: number;
  private snapshotTime: number;
  private readonly journal: Journal | undefined;
  private readonly snapshots: Snapshots | undefined;
  private readonly clock: () => number;
  /** Transactions committed (one per tick with work), for tests and the benchmark. */
  commits = 0;

  /**
   * `store` undefined runs without durability (tests, the benchmark's baseline). `seq` is the last journaled entry
   * (from recovery).
   */
  constructor(
    private readonly engine: Engine,
    private readonly store: Store | undefined,
    seq: number,
    private readonly options: SequencerOptions = {},
  ) {
    this.seq = seq;
    this.snapshotSeq = seq;
    this.clock = options.clock ?? Date.now;
    this.snapshotTime = this.clock();
    this.journal = store === undefined ? undefined : new Journal(store);
    this.snapshots = store === undefined ? undefined : new Snapshots(store);
  }

  /** The last sequence number given out. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Queues a command; resolves with its events once it is durable and applied. */
  submit(command: Unstamped): Promise<Event[]> {
    if (this.failed !== undefined)
      return Promise.reject(new Error("sequencer stopped after a failure (engine error or disk error)"));
    return new Promise<Event[]>((resolve, reject) => {
      this.pending.push({ command, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Journals, applies and answers everything queued so far (normally on the next tick). */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const engine = this.engine;
    const stamped: Command[] = [];
    const results: Event[][] = [];
    const firstSeq = this.seq + 1;
    const work = () => {
      let time = Math.max(this.clock(), engine.state.time);
      for (const p of batch) {
        const command = { ...p.command, time } as Command;
        stamped.push(command);
        time = command.time;
      }
      this.journal?.append(stamped.map((command, i) => ({ seq: firstSeq + i, command })));
      for (const command of stamped) results.push(engine.apply(command));
      this.options.history?.recordAll(results);
    };
    try {
      if (this.store === undefined) work();
      else this.store.transaction(work);
    } catch (error) {
      this.failed = error;
      for (const p of batch) p.reject(error);
      for (const p of this.pending) p.reject(error);
      this.pending = [];
      this.options.onFatal?.(error);
      return;
    }
    this.commits++;
    this.seq += batch.length;
    const committed: Committed = { firstSeq, batch, stamped, results };
    if (this.store?.deferred === true) {
      this.unsynced.push(committed);
      this.startSync();
    } else {
      this.release(committed);
    }
    this.maybeSnapshot();
  }

  /** Publishes a durable tick's events and answers its callers, in order. */
  private release({ firstSeq, batch, stamped, results }: Committed): void {
    stamped.forEach((command, i) => {
      const events = results[i] as Event[];
      this.options.publish?.(firstSeq + i, command, events);
      (batch[i] as Pending).resolve(events);
    });
  }

  /** Syncs the log for every tick committed so far; one sync at a time, the next one covering whatever came since. */
  private startSync(): void {
    if (this.syncing || this.unsynced.length === 0 || this.store === undefined) return;
    this.syncing = true;
    const covered = this.unsynced;
    this.unsynced = [];
    this.store.syncLog((error) => {
      this.syncing = false;
      if (error !== null) {
        // The disk refused: nothing after this point can be acknowledged as durable.
        this.failed = error;
        for (const c of [...covered, ...this.unsynced]) for (const p of c.batch) p.reject(error);
        this.unsynced = [];
        this.options.onFatal?.(error);
      } else {
        for (const c of covered) this.release(c);
        this.startSync();
      }
      if (!this.syncing) for (const wake of this.idleWaiters.splice(0)) wake();
    });
  }

  /** Resolves once everything submitted so far is committed, synced and answered. */
  async drain(): Promise<void> {
    this.flush();
    if (!this.syncing && this.unsynced.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private maybeSnapshot(): void {
    if (this.snapshots === undefined) return;
    const every = this.options.snapshotEvery ?? 10_000;
    const interval = this.options.snapshotIntervalMs ?? 60_000;
    const now = this.clock();
    if (this.seq - this.snapshotSeq >= every || (this.seq > this.snapshotSeq && now - this.snapshotTime >= interval)) {
      this.snapshot();
    }
  }

  /** Writes a snapshot now (also on graceful shutdown). */
  snapshot(): void {
    if (this.snapshots === undefined || this.failed !== undefined) return;
    this.snapshots.write(this.seq, this.engine);
    this.snapshotSeq = this.seq;
    this.snapshotTime = this.clock();
  }
}
