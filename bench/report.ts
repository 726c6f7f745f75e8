/**
 * @module bench/report
 * Turns job results into the printed report: the latency/throughput table, the ratios between implementations, the
 * issue's targets (met or not), a cross-implementation consistency check of final states, and JSON lines.
 */

import type { ExchangeResult, PhaseResult } from "./exchange.ts";
import type { FanoutResult, FanoutScenario } from "./fanout.ts";
import type { FinalState, ImplName } from "./impls.ts";
import type { JobResult } from "./job.ts";
import { OP_NAMES } from "./mixes.ts";

/** A throughput ratio between two implementations on one mix, measured on the same operations. */
export interface Ratio {
  readonly name: string;
  readonly mix: 1 | 2;
  readonly value: number;
  readonly ops: number;
}

/** One of the issue's targets. */
export interface Target {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly met: boolean;
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "-");
const fix = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "-");
const times = (n: number) => `${n >= 100 ? int(n) : fix(n)}×`;

function find(results: readonly JobResult[], impl: ImplName, mix: 1 | 2): JobResult | undefined {
  return results.find((r) => r.job.impl === impl && r.job.mix === mix);
}

/** The latency table: one "all" row with throughput per implementation and mix, then one row per op kind. */
export function table(results: readonly JobResult[]): string {
  const head = ["impl", "mix", "op", "count", "ops/s", "mean µs", "p50 µs", "p99 µs", "p99.9 µs", "max µs"];
  const rows: string[][] = [head];
  for (const r of results) {
    for (const op of ["all", ...OP_NAMES] as const) {
      const l = r.latency[op];
      if (l === undefined) continue;
      const rate = op === "all" ? int(r.throughput.opsPerSec) : "";
      const first = op === "all";
      rows.push([
        first ? r.job.impl : "",
        first ? String(r.job.mix) : "",
        op,
        int(l.count),
        rate,
        fix(l.meanUs),
        fix(l.p50Us),
        fix(l.p99Us),
        fix(l.p999Us),
        fix(l.maxUs, 1),
      ]);
    }
    if (r.prefix !== undefined) {
      rows.push(["", "", `first ${int(r.prefix.ops)}`, int(r.prefix.ops), int(r.prefix.opsPerSec), "", "", "", "", ""]);
    }
  }
  const widths = head.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? "").length)));
  return rows
    .map((row) =>
      row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  "),
    )
    .join("\n");
}

/** Throughput ratios on identical operations: the whole stream on mix 1, nodejs-order-book's prefix on mix 2. */
export function ratios(results: readonly JobResult[]): Ratio[] {
  const out: Ratio[] = [];
  const pair = (a: ImplName, b: ImplName, mix: 1 | 2) => {
    const ra = find(results, a, mix);
    const rb = find(results, b, mix);
    if (ra === undefined || rb === undefined) return;
    // Same ops for both: the shorter run is nodejs-order-book's prefix, which the other job also timed.
    const ta = ra.throughput.ops === rb.throughput.ops ? ra.throughput : ra.prefix;
    const tb = rb.throughput;
    if (ta === undefined || ta.ops !== tb.ops) return;
    out.push({ name: `${a} / ${b}`, mix, value: ta.opsPerSec / tb.opsPerSec, ops: ta.ops });
  };
  for (const mix of [1, 2] as const) {
    pair("book", "nodejs-order-book", mix);
    pair("engine", "nodejs-order-book", mix);
    pair("engine", "book", mix);
  }
  return out;
}

/** The issue's targets for the book. */
export function targets(results: readonly JobResult[], rs: readonly Ratio[]): Target[] {
  const out: Target[] = [];
  const ratio = (mix: 1 | 2) => rs.find((r) => r.name === "book / nodejs-order-book" && r.mix === mix);
  const r1 = ratio(1);
  if (r1 !== undefined) {
    out.push({ name: "book ≥ 5× nodejs-order-book on mix 1", value: r1.value, unit: "×", met: r1.value >= 5 });
  }
  const r2 = ratio(2);
  if (r2 !== undefined) {
    out.push({ name: "book ≥ 100× nodejs-order-book on mix 2", value: r2.value, unit: "×", met: r2.value >= 100 });
  }
  const p99 = find(results, "book", 1)?.latency.all?.p99Us;
  if (p99 !== undefined) out.push({ name: "book p99 < 5 µs on mix 1", value: p99, unit: "µs", met: p99 < 5 });
  // The clearinghouse's target: the full engine (risk, matching, settlement, events) keeps half the book's pace.
  const engine = rs.find((r) => r.name === "engine / book" && r.mix === 1);
  if (engine !== undefined) {
    const name = "engine ≥ 50% of book ops/s on mix 1";
    out.push({ name, value: engine.value * 100, unit: "%", met: engine.value >= 0.5 });
  }
  return out;
}

const stateText = (s: FinalState) => `${int(s.resting)} resting / ${int(s.restingSize)} lots / ${int(s.filled)} filled`;
const sameState = (a: FinalState, b: FinalState) =>
  a.resting === b.resting && a.restingSize === b.restingSize && a.filled === b.filled;

/**
 * Checks that every implementation ended in the same state after the same operations, and in the generator model's
 * state after the whole stream. Returns one line per (mix, op count) and whether all agree.
 */
export function consistency(results: readonly JobResult[]): { lines: string[]; ok: boolean } {
  const groups = new Map<string, { label: string; states: [string, FinalState][] }>();
  const add = (r: JobResult, ops: number, state: FinalState) => {
    const key = `${r.job.mix}:${ops}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { label: `mix ${r.job.mix}, first ${int(ops)} ops`, states: [] };
      if (ops === r.stream.length - r.stream.prefill) g.states.push(["generator model", r.stream.expect]);
      groups.set(key, g);
    }
    g.states.push([r.job.impl, state]);
  };
  for (const r of results) {
    add(r, r.throughput.ops, r.throughput.final);
    if (r.prefix !== undefined) add(r, r.prefix.ops, r.prefix.final);
  }
  let ok = true;
  const lines: string[] = [];
  for (const g of groups.values()) {
    const [first] = g.states;
    if (first === undefined) continue;
    const agree = g.states.every(([, s]) => sameState(s, first[1]));
    ok &&= agree;
    const who = g.states.map(([name]) => name).join(", ");
    lines.push(
      agree
        ? `${g.label}: ${who} agree: ${stateText(first[1])}`
        : `${g.label}: MISMATCH: ${g.states.map(([n, s]) => `${n}: ${stateText(s)}`).join("; ")}`,
    );
  }
  return { lines, ok };
}

/** One JSON object per line: per (impl, mix, op) results, the like-for-like prefixes, the ratios and the targets. */
export function jsonLines(results: readonly JobResult[], rs: readonly Ratio[], ts: readonly Target[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const { impl, mix } = r.job;
    for (const op of ["all", ...OP_NAMES] as const) {
      const l = r.latency[op];
      if (l === undefined) continue;
      const opsPerSec = op === "all" ? r.throughput.opsPerSec : null;
      lines.push(JSON.stringify({ impl, mix, op, count: l.count, opsPerSec, ...withoutCount(l) }));
    }
    if (r.prefix !== undefined) {
      lines.push(JSON.stringify({ impl, mix, op: "prefix", count: r.prefix.ops, opsPerSec: r.prefix.opsPerSec }));
    }
  }
  for (const r of rs) lines.push(JSON.stringify({ ratio: r.name, mix: r.mix, value: r.value, ops: r.ops }));
  for (const t of ts) lines.push(JSON.stringify({ target: t.name, value: t.value, unit: t.unit, met: t.met }));
  return lines;
}

function withoutCount<T extends { count: number }>(l: T): Omit<T, "count"> {
  const { count: _, ...rest } = l;
  return rest;
}

/** The ratio and target sections as text. */
export function summary(rs: readonly Ratio[], ts: readonly Target[]): string {
  const lines = ["Throughput ratios (ops/s over ops/s, same operations):"];
  for (const r of rs) {
    const [, b = ""] = r.name.split(" / ");
    const inverse = r.value < 1 ? `; ${b} is ${times(1 / r.value)} faster` : "";
    lines.push(`  mix ${r.mix}  ${r.name.padEnd(28)} ${times(r.value).padStart(10)}  (${int(r.ops)} ops${inverse})`);
  }
  lines.push("", "Targets:");
  for (const t of ts) {
    const value = t.unit === "×" ? times(t.value) : `${fix(t.value)} ${t.unit}`;
    lines.push(`  [${t.met ? "met" : "MISSED"}] ${t.name}: ${value}`);
  }
  return lines.join("\n");
}

/** The /exchange targets: end to end against recovery on one core, and the tail at half that rate. */
export function exchangeTargets(e: ExchangeResult): Target[] {
  const share = e.load.closed.perSec / e.recovery.oneSourcePerSec;
  const p99 = e.load.open.p99Ms;
  return [
    { name: "e2e signed orders/s ≥ 70% of one-core recovery rate", value: share * 100, unit: "%", met: share >= 0.7 },
    { name: "p99 ack latency at half load < 5 ms", value: p99, unit: "ms", met: p99 < 5 },
  ];
}

/** An open loop whose schedule the server did not keep up with (acknowledged under 97% of the rate). */
const overloaded = (p: PhaseResult) => p.perSec < 0.97 * p.targetPerSec;

/** The /exchange section: recovery alone, the closed loop, the two open loops, the targets. */
export function exchangeLines(e: ExchangeResult, cpuCount: number): string[] {
  const { recovery: r, load } = e;
  const { closed, open, openHalfE2e: half } = load;
  const ms = (x: number) => `${fix(x)} ms`;
  const cores = (p: PhaseResult) =>
    `server ${fix(p.serverCores)} cores (${fix((p.serverCores / p.perSec) * 1000, 3)} ms CPU per order), load generator ${fix(p.loadCores)} cores`;
  const [share, tail] = exchangeTargets(e) as [Target, Target];
  const mark = (t: Target) => `[${t.met ? "met" : "MISSED"}]`;
  const rows: [string, string, string][] = [
    ['recovery alone, one core, source "a" only', `${int(r.oneSourcePerSec)}/s`, `${r.backend} backend`],
    ['  as the server calls it, sources "a", "b"', `${int(r.bothSourcesPerSec)}/s`, "both recovered, always"],
    ['  pure-JS noble backend, source "a"', `${int(r.noblePerSec)}/s`, ""],
    ["  hashing alone, no ecrecover", `${int(r.hashPerSec)}/s`, "msgpack, keccak, EIP-712 digest"],
    [
      `end to end, closed loop, ${closed.concurrency} in flight`,
      `${int(closed.perSec)}/s`,
      `ack p50 ${ms(closed.p50Ms)}, p99 ${ms(closed.p99Ms)}, max ${ms(closed.maxMs)}; ${cores(closed)}`,
    ],
    [
      `end to end, open loop at ${int(open.targetPerSec)}/s${overloaded(open) ? " (overloaded)" : ""}`,
      `${int(open.perSec)}/s`,
      `ack p50 ${ms(open.p50Ms)}, p99 ${ms(open.p99Ms)}, p99.9 ${ms(open.p999Ms)}, max ${ms(open.maxMs)}; ${cores(open)}`,
    ],
    [
      "",
      "",
      `from the request call (after the timer lag; includes waiting for one of the sockets): p50 ${ms(open.sendP50Ms)}, p99 ${ms(open.sendP99Ms)}`,
    ],
    [
      `end to end, open loop at ${int(half.targetPerSec)}/s (half of closed)`,
      `${int(half.perSec)}/s`,
      `ack p50 ${ms(half.p50Ms)}, p99 ${ms(half.p99Ms)}, p99.9 ${ms(half.p999Ms)}, max ${ms(half.maxMs)}; ${cores(half)}`,
    ],
  ];
  const w0 = Math.max(...rows.map((row) => row[0].length));
  const w1 = Math.max(...rows.map((row) => row[1].length));
  return [
    `/exchange: signed orders (one GTC SOL order each: 3 makers resting 1 lot per taker filling 3; ${load.wallets} wallets, ` +
      'source "a"), server journaled (SQLite WAL, group commit, log synced off the event loop before each answer, history tables)',
    `  Recovery: ${int(r.envelopes)} pre-signed envelopes parsed from JSON, recoverL1Candidates per envelope, median of 3 passes.`,
    `  End to end: createApp in one process, the load generator in another (node:http keep-alive), ${int(load.warmup)} orders of warm-up;`,
    `  closed loop ${int(closed.orders)} orders; open loops on a fixed schedule (latency from the scheduled send: no coordinated`,
    `  omission; includes the generator's ~1 ms timer lag): ${int(open.orders)} orders at half the one-source recovery rate`,
    `  (the target's load), then ${int(half.orders)} at half the closed loop's throughput (a load it should sustain).`,
    `  Note: ${cpuCount} CPUs; the load generator competes with the server for them (cores used per phase below);`,
    `  load average ${fix(e.loadAverage)} when this section started. Data directory at close: ${fix(e.dataBytes / 1e6, 1)} MB.`,
    ...rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd()),
    `  ${mark(share)} e2e signed orders/s ≥ 70% of one-core recovery rate: ${int(closed.perSec)}/s vs ${int(r.oneSourcePerSec)}/s = ${fix(share.value, 1)}%`,
    `  ${mark(tail)} p99 ack latency at half load < 5 ms: p99 = ${ms(open.p99Ms)} at ${int(open.targetPerSec)}/s` +
      (overloaded(open) ? ` (the server acknowledged only ${int(open.perSec)}/s: its queue grew all along)` : ""),
  ];
}

/** The fan-out targets: frames/s from one server process (best scenario), p99 at 1,000 subscribers. */
export function fanoutTargets(f: FanoutResult): Target[] {
  const best = Math.max(0, ...f.scenarios.map((s) => s.framesPerSec));
  const thousand = f.scenarios.find((s) => s.connections <= 1_000);
  const out: Target[] = [
    { name: "fan-out ≥ 200,000 frames/s from one server process", value: best, unit: "frames/s", met: best >= 200_000 },
  ];
  if (thousand !== undefined) {
    const p99 = thousand.p99Ms;
    const hz = Math.round(1000 / f.bookMs);
    out.push({
      name: `fan-out p99 < 20 ms at 1,000 subscribers, ${hz} book updates/s per coin`,
      value: p99,
      unit: "ms",
      met: p99 < 20,
    });
  }
  return out;
}

/** The fan-out section: one row per scenario, then the targets. */
export function fanoutLines(f: FanoutResult): string[] {
  const ms = (x: number) => `${fix(x)} ms`;
  const row = (s: FanoutScenario) => [
    `  ${int(s.connections)} connections × ${s.coinsPerConnection} coin(s), ${s.clientProcesses} client process(es): ` +
      `${int(s.framesPerSec)} frames/s delivered of ${int(s.offeredPerSec)} scheduled (${int(s.bookFramesPerSec)} l2Book, ` +
      `${int(s.tradeFramesPerSec)} trades; ${fix(s.bytesPerSec / 1e6, 1)} MB/s; l2Book kept ${fix(s.bookHz, 1)}/s per coin)`,
    `    latency p50 ${ms(s.p50Ms)}, p99 ${ms(s.p99Ms)}, p99.9 ${ms(s.p999Ms)}, max ${ms(s.maxMs)} ` +
      `(p99 l2Book ${ms(s.bookP99Ms)}, trades ${ms(s.tradeP99Ms)}); server ${fix(s.serverCores)} cores, clients ${fix(s.clientCores)} cores`,
    `    connect + subscribe ${fix(s.connectSeconds, 1)} s; failed handshakes ${int(s.failed)}, unacknowledged ${int(s.unacknowledged)}, dropped ${int(s.dropped)}`,
  ];
  const mark = (t: Target) => `[${t.met ? "met" : "MISSED"}]`;
  return [
    `WebSocket fan-out: one server process (:memory:, l2Book every ${f.bookMs} ms, a maker + IOC taker on each of ` +
      `${f.coins.join(", ")} every ${f.tradeMs} ms), load clients in other processes (ws), each connection subscribed`,
    "  to l2Book and trades of its coin(s). Latency: frame `time` (server wall clock, integer ms: +0–1 ms) to the client's",
    `  receipt. ${f.cpuCount} CPUs shared by server and clients; load average ${fix(f.loadAverage)} at start; ulimit -n ${int(f.fdLimit)}` +
      (f.cappedBy > 0 ? ` (connections capped: ${int(f.cappedBy)} fewer)` : "") +
      `; driver orders ${int(f.submitted)}, rejected ${int(f.errors)}.`,
    ...f.scenarios.flatMap(row),
    ...fanoutTargets(f).map(
      (t) => `  ${mark(t)} ${t.name}: ${t.unit === "ms" ? ms(t.value) : `${int(t.value)} ${t.unit}`}`,
    ),
  ];
}
