/**
 * @module bench/main
 * `npm run bench [-- --quick] [-- --json]`: hyperlocal's Book and Engine against npm nodejs-order-book on two
 * deterministic workloads, then the durable path (bench/durability.ts) and the `/exchange` path: signature recovery
 * alone and signed orders end to end over HTTP through a journaled server (bench/exchange.ts, server and load generator
 * in separate processes). Each (implementation, mix) runs in its own Node process (bench/run.ts) so JIT feedback
 * and heap never leak between implementations. `--quick` runs small counts, one process per implementation.
 * The child is bundled with esbuild first (without tsx's `keepNames`, which wraps every closure in a
 * `defineProperty` call), so hyperlocal runs as plain JavaScript, as nodejs-order-book does.
 */

import { spawnSync } from "node:child_process";
import { buildSync } from "esbuild";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { DurabilityResult } from "./durability.ts";
import { runExchange } from "./exchange.ts";
import { runFanout } from "./fanout.ts";
import type { Job, JobResult } from "./job.ts";
import { MIX1_SHARES } from "./mixes.ts";
import { MIX1_SEED, MIX2_SEED, plan } from "./plan.ts";
import {
  consistency,
  exchangeLines,
  exchangeTargets,
  fanoutLines,
  fanoutTargets,
  jsonLines,
  ratios,
  summary,
  table,
  targets,
} from "./report.ts";
import { timerOverheadNs } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUN_SOURCE = fileURLToPath(new URL("./run.ts", import.meta.url));
const RUN = fileURLToPath(new URL("../node_modules/.cache/hyperlocal-bench/run.mjs", import.meta.url));
const DURABILITY_SOURCE = fileURLToPath(new URL("./durability.ts", import.meta.url));
const DURABILITY = fileURLToPath(new URL("../node_modules/.cache/hyperlocal-bench/durability.mjs", import.meta.url));
const EXCHANGE_SOURCE = fileURLToPath(new URL("./exchange.ts", import.meta.url));
const EXCHANGE = fileURLToPath(new URL("../node_modules/.cache/hyperlocal-bench/exchange.mjs", import.meta.url));
const FANOUT_SOURCE = fileURLToPath(new URL("./fanout.ts", import.meta.url));
const FANOUT = fileURLToPath(new URL("../node_modules/.cache/hyperlocal-bench/fanout.mjs", import.meta.url));

/** Bundles the child entries (our code inlined, packages left to Node) into plain JavaScript. */
function bundle(): void {
  for (const [source, outfile] of [
    [RUN_SOURCE, RUN],
    [DURABILITY_SOURCE, DURABILITY],
    [EXCHANGE_SOURCE, EXCHANGE],
    [FANOUT_SOURCE, FANOUT],
  ] as const) {
    bundleOne(source, outfile);
  }
}

function bundleOne(source: string, outfile: string): void {
  buildSync({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    keepNames: false,
    logLevel: "warning",
  });
}

const args = new Set(process.argv.slice(2));
for (const a of args) if (a !== "--quick" && a !== "--json") throw new Error(`bench: unknown argument ${a}`);
const quick = args.has("--quick");
const json = args.has("--json");

/** Runs jobs in order in one fresh Node process and parses their results. */
function runChild(jobs: readonly Job[]): JobResult[] {
  const child = spawnSync(process.execPath, ["--expose-gc", RUN, JSON.stringify(jobs)], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`bench: child process failed (exit ${child.status})`);
  return JSON.parse(child.stdout) as JobResult[];
}

/** Full runs: one process per job. Quick runs: one process per implementation (mix 1 then mix 2). */
function batches(jobs: readonly Job[]): Job[][] {
  if (!quick) return jobs.map((job) => [job]);
  const byImpl = new Map<string, Job[]>();
  for (const job of jobs) byImpl.set(job.impl, [...(byImpl.get(job.impl) ?? []), job]);
  return [...byImpl.values()];
}

bundle();
const load = loadavg()[0] ?? 0;
const started = process.hrtime.bigint();
const results: JobResult[] = [];
for (const batch of batches(plan(quick))) {
  for (const job of batch) {
    process.stderr.write(`bench: ${job.impl}, mix ${job.mix}, ${job.ops.toLocaleString("en-US")} ops\n`);
  }
  results.push(...runChild(batch));
}
results.sort((a, b) => a.job.mix - b.job.mix);
process.stderr.write("bench: durable path (sequencer, journal, history, replay)\n");
const durabilityRun = spawnSync(process.execPath, [DURABILITY, String(quick ? 40_000 : 300_000), "256"], {
  cwd: ROOT,
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
if (durabilityRun.status !== 0) throw new Error(`bench: durability run failed (exit ${durabilityRun.status})`);
const durability = JSON.parse(durabilityRun.stdout) as DurabilityResult;
const exchange = await runExchange(EXCHANGE, quick);
const fanout = await runFanout(FANOUT, quick);
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;

const rs = ratios(results);
const ts = targets(results, rs);
const check = consistency(results);
const m1 = results.find((r) => r.job.mix === 1)?.stream;
const m2 = results.find((r) => r.job.mix === 2)?.stream;
const pct = (x: number) => `${Math.round(x * 100)}%`;
const timer = results.length > 0 ? Math.max(...results.map((r) => r.timerNs)) : timerOverheadNs();

const out: string[] = [
  `hyperlocal bench${quick ? " --quick (small counts: a smoke run, not a measurement)" : ""} — node ${process.version}, ${cpus().length} CPUs, ${elapsed.toFixed(1)} s, load average ${load.toFixed(2)} at start`,
  ...(load > cpus().length / 4
    ? ["WARNING: the machine was busy at start; tail latencies (p99, p99.9, max) are sensitive to other processes."]
    : []),
  `mix 1 (seed ${MIX1_SEED}): ${pct(MIX1_SHARES.gtc)} GTC, ${pct(MIX1_SHARES.ioc)} IOC, ${pct(MIX1_SHARES.cancel)} cancel, ${pct(MIX1_SHARES.move)} move; ` +
    (m1 === undefined
      ? ""
      : `${m1.start.resting} resting orders on ${m1.start.levels} levels after prefill, ${m1.range.min}..${m1.range.max} during the run, 1,000 accounts`),
  `mix 2 (seed ${MIX2_SEED}): ` +
    (m2 === undefined
      ? ""
      : `${m2.start.resting.toLocaleString("en-US")} orders on 1 level after prefill; 50% cancel of a random resting order, 50% new order at that level (${m2.range.min.toLocaleString("en-US")}..${m2.range.max.toLocaleString("en-US")} resting)`),
  "ops/s: one loop over the ops, no per-op timer, fresh prefilled instance after an untimed warm-up on another instance.",
  `Latencies: a separate fresh run with process.hrtime.bigint() around each op; they include the timer (~${Math.round(timer)} ns per sample, not subtracted) and GC pauses.`,
  "'first N' rows: median ops/s of fresh runs over the first N ops of mix 2, the prefix nodejs-order-book runs.",
  "",
  table(results),
  "",
  summary(rs, ts),
  "",
  `Consistency (same ops → same final book): ${check.ok ? "ok" : "MISMATCH"}`,
  ...check.lines.map((l) => `  ${l}`),
  "",
  ...durabilityLines(durability),
  "",
  ...exchangeLines(exchange, cpus().length),
  "",
  ...fanoutLines(fanout),
];
process.stdout.write(`${out.join("\n")}\n`);
if (json) {
  process.stdout.write(`${jsonLines(results, rs, ts).join("\n")}\n`);
  process.stdout.write(`${JSON.stringify({ durability })}\n`);
  process.stdout.write(`${JSON.stringify({ exchange })}\n`);
  for (const t of exchangeTargets(exchange)) {
    process.stdout.write(`${JSON.stringify({ target: t.name, value: t.value, unit: t.unit, met: t.met })}\n`);
  }
  process.stdout.write(`${JSON.stringify({ fanout })}\n`);
  for (const t of fanoutTargets(fanout)) {
    process.stdout.write(`${JSON.stringify({ target: t.name, value: t.value, unit: t.unit, met: t.met })}\n`);
  }
}
if (!check.ok) process.exitCode = 1;

/** The durable path's section: throughput with and without the journal, acknowledgement latency, replay. */
function durabilityLines(d: DurabilityResult): string[] {
  const int = (x: number) => Math.round(x).toLocaleString("en-US");
  const ratio = d.journaledPerSec / d.offPerSec;
  const mark = (ok: boolean) => (ok ? "[met]" : "[MISSED]");
  return [
    `Durable path: ${int(d.commands)} commands (orders, cancels, deposits), ${d.perTick} per event-loop tick, through the sequencer`,
    `  durability off (no store)                 ${int(d.offPerSec)} commands/s`,
    `  journaled (SQLite WAL, log synced off the loop, ${int(d.journaledPerSec)} commands/s, ${(ratio * 100).toFixed(1)}% of off`,
    `    history tables in the same transaction)     ack p50 ${d.ackP50Ms.toFixed(2)} ms, p99 ${d.ackP99Ms.toFixed(2)} ms`,
    `  replay on restart                         ${int(d.replayPerSec)} commands/s`,
    `  ${mark(d.journaledPerSec >= 100_000)} journaled ≥ 100,000 commands/s: ${int(d.journaledPerSec)}`,
    `  ${mark(ratio >= 0.7)} journaled ≥ 70% of durability off: ${(ratio * 100).toFixed(1)}%`,
    `  ${mark(d.replayPerSec >= 200_000)} replay ≥ 200,000 commands/s: ${int(d.replayPerSec)}`,
  ];
}
