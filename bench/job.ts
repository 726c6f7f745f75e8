/**
 * @module bench/job
 * One measurement: one implementation on one mix, in its own process so that JIT feedback and heap state never leak
 * between implementations. Builds the stream, prefills untimed, warms up on a throwaway instance, then measures
 * throughput (no per-op timer), per-op latency (hrtime around each op), and optionally a like-for-like prefix.
 */

import { type Adapter, createAdapter, type FinalState, type ImplName, replay } from "./impls.ts";
import { mix1, mix2, OP_NAMES, type OpName, type Stream } from "./mixes.ts";
import { byKind, type Latency, summarize, timerOverheadNs } from "./stats.ts";

/** What to measure. */
export interface Job {
  readonly impl: ImplName;
  readonly mix: 1 | 2;
  readonly seed: number;
  /** Length of the generated stream after its prefill (all implementations share it). */
  readonly streamOps: number;
  /** Mix 2 only: orders resting on the one level. */
  readonly depth: number;
  /** Ops this implementation runs: a prefix of the stream. */
  readonly ops: number;
  /** Warm-up ops, on a separate instance. */
  readonly warm: number;
  /** When > 0: also time this shorter prefix (median of `prefixRepeats` fresh runs), for like-for-like ratios. */
  readonly prefixOps: number;
  readonly prefixRepeats: number;
}

/** A throughput measured without per-op timing. */
export interface Throughput {
  readonly ops: number;
  readonly opsPerSec: number;
  readonly final: FinalState;
}

/** What a job reports. */
export interface JobResult {
  readonly job: Job;
  readonly stream: Pick<Stream, "prefill" | "start" | "range" | "expect" | "length">;
  readonly timerNs: number;
  readonly throughput: Throughput;
  readonly latency: Partial<Record<OpName | "all", Latency>>;
  readonly prefix: Throughput | undefined;
  readonly counters: Record<string, number>;
}

function seconds(t0: bigint, t1: bigint): number {
  return Number(t1 - t0) / 1e9;
}

/** Runs a job in this process. */
export function runJob(job: Job): JobResult {
  const stream =
    job.mix === 1
      ? mix1({ seed: job.seed, ops: job.streamOps })
      : mix2({ seed: job.seed, ops: job.streamOps, depth: job.depth });
  const from = stream.prefill;
  const end = from + Math.min(job.ops, stream.length - from);
  const fresh = (): Adapter => {
    const a = createAdapter(job.impl, stream);
    replay(a, 0, from);
    globalThis.gc?.();
    return a;
  };

  replay(fresh(), from, Math.min(end, from + job.warm));
  const timerNs = timerOverheadNs();

  const a = fresh();
  const t0 = process.hrtime.bigint();
  replay(a, from, end);
  const t1 = process.hrtime.bigint();
  const throughput = { ops: end - from, opsPerSec: (end - from) / seconds(t0, t1), final: a.state() };
  const counters = a.counters();

  const b = fresh();
  const ns = new Float64Array(end - from);
  for (let i = from; i < end; i++) {
    const s = process.hrtime.bigint();
    b.step(i);
    ns[i - from] = Number(process.hrtime.bigint() - s);
  }
  const latency: Partial<Record<OpName | "all", Latency>> = {};
  byKind(ns, stream.kind.subarray(from, end), OP_NAMES.length).forEach((kindNs, k) => {
    if (kindNs.length > 0) latency[OP_NAMES[k] as OpName] = summarize(kindNs);
  });
  latency.all = summarize(ns);

  let prefix: Throughput | undefined;
  if (job.prefixOps > 0) {
    const stop = Math.min(end, from + job.prefixOps);
    const rates: number[] = [];
    let final: FinalState | undefined;
    for (let r = 0; r < Math.max(1, job.prefixRepeats); r++) {
      const c = fresh();
      const p0 = process.hrtime.bigint();
      replay(c, from, stop);
      const p1 = process.hrtime.bigint();
      rates.push((stop - from) / seconds(p0, p1));
      final = c.state();
    }
    rates.sort((x, y) => x - y);
    prefix = { ops: stop - from, opsPerSec: rates[rates.length >> 1] as number, final: final as FinalState };
  }

  const { prefill, start, range, expect, length } = stream;
  return { job, stream: { prefill, start, range, expect, length }, timerNs, throughput, latency, prefix, counters };
}
