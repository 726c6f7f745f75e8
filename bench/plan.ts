/**
 * @module bench/plan
 * Which jobs a run measures and how long each is. The full plan keeps the whole run under about a minute on a
 * 2-core machine; `--quick` is a smoke run of a few seconds, with a shallower mix 2 (20,000 orders on the level). nodejs-order-book runs only a short prefix of mix 2 (its
 * cancel there costs milliseconds), and the book and engine time that same prefix too, for like-for-like ratios.
 */

import { IMPLS } from "./impls.ts";
import type { Job } from "./job.ts";

export const MIX1_SEED = 1;
export const MIX2_SEED = 2;

/** Sizes of one run. */
interface Sizes {
  readonly mix1Ops: number;
  readonly mix1Warm: number;
  readonly mix2Ops: number;
  readonly mix2Depth: number;
  readonly mix2Warm: number;
  /** The prefix of mix 2 that nodejs-order-book runs (and the others time too). */
  readonly mix2Prefix: number;
  readonly mix2NobWarm: number;
  readonly prefixRepeats: number;
}

const FULL: Sizes = {
  mix1Ops: 500_000,
  mix1Warm: 100_000,
  mix2Ops: 100_000,
  mix2Depth: 100_000,
  mix2Warm: 20_000,
  mix2Prefix: 400,
  mix2NobWarm: 40,
  prefixRepeats: 5,
};

const QUICK: Sizes = {
  mix1Ops: 20_000,
  mix1Warm: 10_000,
  mix2Ops: 10_000,
  mix2Depth: 20_000,
  mix2Warm: 5_000,
  mix2Prefix: 100,
  mix2NobWarm: 20,
  prefixRepeats: 1,
};

/** The jobs of a run, mix 1 then mix 2, each in the order book, engine, nodejs-order-book. */
export function plan(quick: boolean): Job[] {
  const z = quick ? QUICK : FULL;
  const jobs: Job[] = [];
  for (const impl of IMPLS) {
    const base = { impl, mix: 1, seed: MIX1_SEED, streamOps: z.mix1Ops, depth: 0 } as const;
    jobs.push({ ...base, ops: z.mix1Ops, warm: z.mix1Warm, prefixOps: 0, prefixRepeats: 0 });
  }
  for (const impl of IMPLS) {
    const base = { impl, mix: 2, seed: MIX2_SEED, streamOps: z.mix2Ops, depth: z.mix2Depth } as const;
    if (impl === "nodejs-order-book") {
      jobs.push({ ...base, ops: z.mix2Prefix, warm: z.mix2NobWarm, prefixOps: 0, prefixRepeats: 0 });
    } else {
      jobs.push({ ...base, ops: z.mix2Ops, warm: z.mix2Warm, prefixOps: z.mix2Prefix, prefixRepeats: z.prefixRepeats });
    }
  }
  return jobs;
}
