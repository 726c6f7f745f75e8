/**
 * @module bench/stats
 * Latency statistics: nearest-rank percentiles over per-operation timings (nanoseconds), summarized per operation
 * kind in microseconds, and the cost of the timer itself.
 */

/** Latency summary of one operation kind, in microseconds. */
export interface Latency {
  readonly count: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
}

/** Nearest-rank percentile (0 < p ≤ 1) of an ascending array; NaN when empty. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Summarizes timings (ns); sorts its argument in place. */
export function summarize(ns: Float64Array): Latency {
  ns.sort();
  let sum = 0;
  for (let i = 0; i < ns.length; i++) sum += ns[i] as number;
  const us = (v: number) => v / 1000;
  return {
    count: ns.length,
    meanUs: ns.length === 0 ? Number.NaN : us(sum / ns.length),
    p50Us: us(percentile(ns, 0.5)),
    p99Us: us(percentile(ns, 0.99)),
    p999Us: us(percentile(ns, 0.999)),
    maxUs: us(ns.length === 0 ? Number.NaN : (ns[ns.length - 1] as number)),
  };
}

/** Splits timings by operation kind: `kinds[i]` is the kind of `ns[i]`; returns one array per kind in 0..kindCount-1. */
export function byKind(ns: Float64Array, kinds: Uint8Array, kindCount: number): Float64Array[] {
  const counts = new Array<number>(kindCount).fill(0);
  for (let i = 0; i < ns.length; i++) counts[kinds[i] as number] = (counts[kinds[i] as number] as number) + 1;
  const out = counts.map((n) => new Float64Array(n));
  const fill = new Array<number>(kindCount).fill(0);
  for (let i = 0; i < ns.length; i++) {
    const k = kinds[i] as number;
    (out[k] as Float64Array)[fill[k] as number] = ns[i] as number;
    fill[k] = (fill[k] as number) + 1;
  }
  return out;
}

/** Median cost (ns) of one `process.hrtime.bigint()` pair, i.e. what per-op timing adds to each sample. */
export function timerOverheadNs(samples = 200_000): number {
  const ns = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    ns[i] = Number(process.hrtime.bigint() - t0);
  }
  ns.sort();
  return percentile(ns, 0.5);
}
