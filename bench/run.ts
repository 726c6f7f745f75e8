/**
 * @module bench/run
 * Child-process entry of the benchmark: runs the jobs given as a JSON array argument, in order, and prints their
 * results as one JSON array. Usable alone for profiling, e.g.
 * `node --import tsx --cpu-prof bench/run.ts '[{"impl":"book","mix":1,...}]'`.
 */

import { type Job, runJob } from "./job.ts";

const arg = process.argv[2];
if (arg === undefined) throw new Error("usage: bench/run.ts '<jobs as a JSON array>'");
const jobs = JSON.parse(arg) as Job[];
process.stdout.write(`${JSON.stringify(jobs.map(runJob))}\n`);
