/**
 * @module bench/durability
 * The durable path: the same seeded command stream through the sequencer with no store (durability off) and with a
 * SQLite file (journal, history tables and group commit on: answers only after the sync), then a restart that replays
 * the journal. Prints one JSON object (run in its own process by bench/main.ts, or alone).
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Engine } from "../src/core/index.ts";
import { History } from "../src/journal/history.ts";
import { recover } from "../src/journal/recover.ts";
import { Store } from "../src/journal/store.ts";
import { Sequencer, type Unstamped } from "../src/server/sequencer.ts";
import { Rng } from "./rng.ts";
import { percentile } from "./stats.ts";

/** What this bench reports. */
export interface DurabilityResult {
  readonly commands: number;
  /** Commands submitted per tick (the group-commit batch). */
  readonly perTick: number;
  readonly offPerSec: number;
  readonly journaledPerSec: number;
  /** Submission to acknowledgement, journaled, ms. */
  readonly ackP50Ms: number;
  readonly ackP99Ms: number;
  readonly replayPerSec: number;
}

const T0 = 1_767_225_600_000;

/** A seeded stream: funded accounts placing, crossing and canceling SOL orders. */
function stream(n: number, seed: number): Unstamped[] {
  const rng = new Rng(seed);
  const rnd = () => rng.next();
  const users = Array.from({ length: 200 }, (_, i) => `0x${i.toString(16).padStart(40, "0")}`);
  const out: Unstamped[] = users.map((user) => ({ type: "deposit", user, usd: 10_000_000_000 }));
  let oid = 1_000_000;
  while (out.length < n) {
    const user = users[Math.floor(rnd() * users.length)] as string;
    if (rnd() < 0.1) {
      out.push({ type: "cancel", user, cancels: [{ asset: 5, oid: oid - Math.floor(rnd() * 50) }] });
      continue;
    }
    const isBuy = rnd() < 0.5;
    const ticks = Math.floor(rnd() * 40);
    const price = (isBuy ? 99 + ticks / 20 : 100 - ticks / 20).toFixed(2);
    out.push({
      type: "order",
      user,
      grouping: "na",
      orders: [{ asset: 5, isBuy, price, size: "0.5", reduceOnly: false, kind: { limit: { tif: "Gtc" } } }],
    });
    oid++;
  }
  return out;
}

/** Feeds the stream `perTick` commands per tick; returns commands/s and the ack latencies (ms). */
async function drive(seq: Sequencer, commands: readonly Unstamped[], perTick: number): Promise<[number, number[]]> {
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < commands.length; i += perTick) {
    const at = process.hrtime.bigint();
    const batch = commands.slice(i, i + perTick).map((c) =>
      seq.submit(c).then(() => {
        latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
      }),
    );
    await Promise.all(batch);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return [commands.length / seconds, latencies];
}

export async function runDurability(n: number, perTick: number): Promise<DurabilityResult> {
  const commands = stream(n, 4);
  let clock = T0;
  const tick = () => ++clock;
  // Warm-up, untimed.
  await drive(new Sequencer(Engine.create(), undefined, 0, { clock: tick }), commands.slice(0, 20_000), perTick);
  const [offPerSec] = await drive(new Sequencer(Engine.create(), undefined, 0, { clock: tick }), commands, perTick);
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-bench-"));
  try {
    const store = Store.open(dir, "deferred");
    const history = new History(store.db);
    const withHistory = process.env.BENCH_NO_HISTORY === undefined;
    const seq = new Sequencer(Engine.create(), store, 0, {
      clock: tick,
      snapshotEvery: 1_000_000,
      ...(withHistory ? { history } : {}),
    });
    const [journaledPerSec, latencies] = await drive(seq, commands, perTick);
    store.close();
    const reopened = Store.open(dir);
    const start = process.hrtime.bigint();
    const r = recover(reopened);
    const replaySeconds = Number(process.hrtime.bigint() - start) / 1e9;
    reopened.close();
    const sorted = Float64Array.from(latencies).sort();
    return {
      commands: n,
      perTick,
      offPerSec,
      journaledPerSec,
      ackP50Ms: percentile(sorted, 0.5),
      ackP99Ms: percentile(sorted, 0.99),
      replayPerSec: r.replayed / replaySeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && /durability\.(ts|mjs)$/.test(process.argv[1])) {
  const n = Number(process.argv[2] ?? 200_000);
  const perTick = Number(process.argv[3] ?? 256);
  process.stdout.write(`${JSON.stringify(await runDurability(n, perTick))}\n`);
}
