/**
 * @module bench/exchange
 * The `/exchange` path: signature recovery alone on one core, then signed orders end to end over HTTP through a real
 * server (`createApp`, journal on: SQLite WAL, synchronous FULL, group commit) with the load generator in another
 * process. One file, four roles picked by the first argument (bench/main.ts runs the bundled copy):
 *
 * - `recovery <envelopes>`: pre-signs the envelopes, then times the server's per-request recovery work; prints JSON.
 * - `server <wallets>`: a fresh app in a temporary data directory, the wallets funded and SOL's oracle at 100; prints
 *   `{url, pid}` once listening, and on the end of its stdin closes the app, removes the directory and prints
 *   `{closed}`. `BENCH_SERVER_FLAGS` (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) adds Node flags to it.
 * - `load '<LoadPlan as JSON>'`: pre-signs every order, warms up, then a closed loop (fixed concurrency, maximum
 *   throughput) and two open loops (fixed-rate schedules, latency from the scheduled send time: at the plan's rate,
 *   then at half the closed loop's throughput); prints JSON.
 * - no role: {@link runExchange}, the orchestration, is what bench/main.ts calls.
 *
 * The orders ({@link orderRole}): GTC SOL orders, three makers resting 1 lot for every taker crossing for 3 lots, so
 * the book keeps its size however long the run; every acknowledgement must be `resting` or `filled` (anything else
 * counts as an error and fails the bench). Wallets sign in turn with Date.now()-based nonces increasing per wallet,
 * as an SDK does.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { Agent, request } from "node:http";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak256, toHex, utf8 } from "../src/api/signing/eip712.ts";
import { type L1Envelope, l1ActionHash, l1Digest, recoverL1Candidates } from "../src/api/signing/l1.ts";
import {
  publicKeyToAddress,
  type RecoveryBackend,
  recoverAddressWith,
  recoveryBackend,
  type SignatureLike,
} from "../src/api/signing/recover.ts";
import { percentile } from "./stats.ts";

// ===== Results

/** Recovery alone: the server's signature work per request, on one core (one process, one thread). */
export interface RecoveryResult {
  readonly envelopes: number;
  /** The backend the server uses. */
  readonly backend: RecoveryBackend;
  /** `recoverL1Candidates` stopping at the first source ("a"): the work a mainnet-signed request needs. */
  readonly oneSourcePerSec: number;
  /** `recoverL1Candidates` with sources ["a", "b"], as the server calls it today (both recovered, always). */
  readonly bothSourcesPerSec: number;
  /** One source with pure-JS @noble/curves instead (fewer envelopes: it is slow). */
  readonly noblePerSec: number;
  /** The hashing alone (msgpack, keccak, EIP-712 digest), no ecrecover. */
  readonly hashPerSec: number;
}

/** One load phase as the load generator saw it. */
export interface PhaseResult {
  readonly orders: number;
  /** Acknowledged orders per second over the phase. */
  readonly perSec: number;
  /** Open loop: the schedule's rate; closed loop: 0. */
  readonly targetPerSec: number;
  /** Closed loop: requests in flight; open loop: the socket cap (the same keep-alive sockets). */
  readonly concurrency: number;
  /** Acknowledgement latency, ms: from the scheduled send (open loop) or the send (closed loop) to the response. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  /** Open loop: from the request call instead (without the generator's timer lag; with the wait for a socket). */
  readonly sendP50Ms: number;
  readonly sendP99Ms: number;
  /** CPU used during the phase, in cores (1 = one core busy): the server process and the load generator. */
  readonly serverCores: number;
  readonly loadCores: number;
}

/** What the load generator prints. */
export interface LoadResult {
  readonly wallets: number;
  readonly warmup: number;
  readonly closed: PhaseResult;
  /** At the plan's rate (half the one-source recovery rate): the target's phase. */
  readonly open: PhaseResult;
  /** At half the closed loop's throughput: the latency at a load the server sustains (no target). */
  readonly openHalfE2e: PhaseResult;
  /** Time spent pre-signing (native ecdsaSign when available), s. */
  readonly signSeconds: number;
  readonly errors: number;
  /** The first few unexpected answers. */
  readonly errorSamples: readonly string[];
}

/** The whole section. */
export interface ExchangeResult {
  readonly recovery: RecoveryResult;
  readonly load: LoadResult;
  /** Size of the data directory when the server closed, bytes. */
  readonly dataBytes: number;
  /** The 1-minute load average when the section started (other processes slow every figure here). */
  readonly loadAverage: number;
}

// ===== Wallets, orders and envelopes (pure, shared by the roles)

export interface BenchWallet {
  readonly key: Uint8Array;
  /** Lowercase `0x` address. */
  readonly address: `0x${string}`;
}

/** The i-th benchmark wallet (fixed: the server and the load generator derive the same ones). */
export function benchWallet(i: number): BenchWallet {
  const key = keccak256(utf8(`hyperlocal bench wallet ${i}`));
  return { key, address: publicKeyToAddress(secp256k1.getPublicKey(key, false)) };
}

/** SOL, asset 5. */
export const SOL = 5;

/** Wallets signing in turn (the order mix rotates their roles over blocks of this many orders). */
export const WALLETS = 64;

/** What order `k` does: a maker resting 1 lot, or a taker crossing for 3 lots. */
export type OrderRole = "makerBid" | "makerAsk" | "takerSell" | "takerBuy";

/**
 * Roles repeat every 8 orders: three maker bids, a taker sell, three maker asks, a taker buy. Each taker takes the
 * three lots its side's makers just added, so the book stays near its size after the warm-up whatever the run's
 * length (a book that grew all along would make later phases slower than earlier ones, snapshots above all). The
 * cycle shifts by one every {@link WALLETS} orders so that every wallet plays every role.
 */
export function orderRole(k: number): OrderRole {
  const slot = (k + Math.floor(k / WALLETS)) % 8;
  return slot < 3 ? "makerBid" : slot === 3 ? "takerSell" : slot < 7 ? "makerAsk" : "takerBuy";
}

/**
 * The price of order `k` as the SDKs write it (no trailing zeros): maker bids at 99.00..99.99, maker asks at
 * 100.01..101, spread over the levels by a stride coprime with their count; takers sell at 98 and buy at 102, through
 * every maker level (a taker that finds too few lots rests the rest, and the next makers on the other side fill it).
 */
export function orderPrice(k: number): string {
  const level = (k * 37) % 100;
  switch (orderRole(k)) {
    case "makerBid":
      return wire(9900 + level);
    case "makerAsk":
      return wire(10001 + level);
    case "takerSell":
      return "98";
    case "takerBuy":
      return "102";
  }
}

/** Cents as a wire decimal: 9950 → "99.5", 10100 → "101". */
function wire(cents: number): string {
  return (cents / 100).toFixed(2).replace(/\.?0+$/, "");
}

/**
 * The `order` action of order `k`: one GTC SOL order, 1 lot for a maker (≥ $99 notional), 3 for a taker. Answers are
 * `resting` (makers, or a taker that found too little) or `filled`.
 */
export function orderAction(k: number): Record<string, unknown> {
  const role = orderRole(k);
  const isBuy = role === "makerBid" || role === "takerBuy";
  const size = role === "makerBid" || role === "makerAsk" ? "1" : "3";
  return {
    type: "order",
    orders: [{ a: SOL, b: isBuy, p: orderPrice(k), s: size, r: false, t: { limit: { tif: "Gtc" } } }],
    grouping: "na",
  };
}

interface NativeSigner {
  ecdsaSign(msg32: Uint8Array, seckey: Uint8Array): { signature: Uint8Array; recid: number };
}

/** libsecp256k1's signer when it loads (about 15× faster than noble's, which matters for pre-signing). */
function loadNativeSigner(): NativeSigner | undefined {
  try {
    const mod = createRequire(import.meta.url)("secp256k1/bindings") as Partial<NativeSigner>;
    return typeof mod.ecdsaSign === "function" ? (mod as NativeSigner) : undefined;
  } catch {
    return undefined;
  }
}

const nativeSigner = loadNativeSigner();

/** Signs a digest: `{r, s, v}` as the SDKs send it (RFC 6979 either way, so both backends give the same bytes). */
function signDigest(digest: Uint8Array, key: Uint8Array): SignatureLike {
  if (nativeSigner !== undefined) {
    const { signature, recid } = nativeSigner.ecdsaSign(digest, key);
    return { r: toHex(signature.subarray(0, 32)), s: toHex(signature.subarray(32, 64)), v: 27 + recid };
  }
  const rec = secp256k1.sign(digest, key, { prehash: false, format: "recovered" });
  return { r: toHex(rec.subarray(1, 33)), s: toHex(rec.subarray(33, 65)), v: 27 + (rec[0] as number) };
}

/** The envelope an SDK posts for an L1 action signed with mainnet's source "a". */
export function signOrder(w: BenchWallet, action: Record<string, unknown>, nonce: number): L1Envelope {
  const signature = signDigest(l1Digest(l1ActionHash(action, nonce, null, null), "a"), w.key);
  return { action, nonce, signature };
}

/**
 * Envelopes `from..from+count-1` of the stream: order k is signed by wallet `k % wallets.length` with nonce
 * `base + floor(k / wallets.length)`, so each wallet's nonces increase by one per order.
 */
export function envelopes(wallets: readonly BenchWallet[], base: number, from: number, count: number): L1Envelope[] {
  const out: L1Envelope[] = [];
  for (let k = from; k < from + count; k++) {
    const w = wallets[k % wallets.length] as BenchWallet;
    out.push(signOrder(w, orderAction(k), base + Math.floor(k / wallets.length)));
  }
  return out;
}

/** An ascending copy's nearest-rank percentiles, ms. */
function latencies(ms: Float64Array): { p50: number; p99: number; p999: number; max: number } {
  const sorted = Float64Array.from(ms).sort();
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    p999: percentile(sorted, 0.999),
    max: sorted.length === 0 ? Number.NaN : (sorted[sorted.length - 1] as number),
  };
}

/** The median of a few numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

// ===== Role: recovery alone

/** Median rate of `passes` timed passes of `work` over `items` (after one untimed pass); checks the work's answers. */
function rate<T>(items: readonly T[], passes: number, work: (item: T) => boolean): number {
  let bad = 0;
  for (const item of items) if (!work(item)) bad++;
  const rates: number[] = [];
  for (let p = 0; p < passes; p++) {
    const start = process.hrtime.bigint();
    for (const item of items) if (!work(item)) bad++;
    rates.push(items.length / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  if (bad > 0) throw new Error(`bench/exchange: ${bad} signatures recovered to the wrong signer`);
  return median(rates);
}

/** Pre-signs `n` envelopes (parsed back from JSON, as the server sees them) and times the recovery work. */
export function runRecovery(n: number): RecoveryResult {
  const wallets = Array.from({ length: WALLETS }, (_, i) => benchWallet(i));
  const base = Date.now();
  const items = envelopes(wallets, base, 0, n).map((env, k) => ({
    env: JSON.parse(JSON.stringify(env)) as L1Envelope,
    signer: (wallets[k % wallets.length] as BenchWallet).address,
  }));
  const one = { sources: ["a"], tryBothVault: false } as const;
  const both = { sources: ["a", "b"], tryBothVault: false } as const;
  const oneSourcePerSec = rate(items, 3, ({ env, signer }) => recoverL1Candidates(env, one)[0]?.signer === signer);
  const bothSourcesPerSec = rate(items, 3, ({ env, signer }) => recoverL1Candidates(env, both)[0]?.signer === signer);
  const hashPerSec = rate(
    items,
    3,
    ({ env }) => l1Digest(l1ActionHash(env.action, env.nonce, null, null), "a")[0] !== -1,
  );
  const noble = items.slice(0, Math.max(50, Math.floor(n / 20)));
  const noblePerSec = rate(noble, 1, ({ env, signer }) => {
    const digest = l1Digest(l1ActionHash(env.action, env.nonce, null, null), "a");
    return recoverAddressWith("noble", digest, env.signature) === signer;
  });
  return { envelopes: n, backend: recoveryBackend, oneSourcePerSec, bothSourcesPerSec, noblePerSec, hashPerSec };
}

// ===== Role: server

/** A fresh journaled app on a free port; runs until its stdin ends. */
async function runServer(walletCount: number): Promise<void> {
  const { createApp } = await import("../src/server/app.ts");
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-bench-exchange-"));
  const app = await createApp({ dataDir: dir, port: 0, host: "127.0.0.1" });
  for (let i = 0; i < walletCount; i++) await app.fund(benchWallet(i).address, 10_000_000);
  await app.setOracle({ SOL: "100" });
  await app.listen();
  // Killed rather than closed (the orchestrator failed): at least remove the directory.
  process.once("SIGTERM", () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  });
  process.stdout.write(`${JSON.stringify({ url: app.url, pid: process.pid })}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    void (async () => {
      await app.close();
      const dataBytes = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
      rmSync(dir, { recursive: true, force: true });
      process.stdout.write(`${JSON.stringify({ closed: true, dataBytes })}\n`);
    })();
  });
}

// ===== Role: load generator

/** What the load generator runs. */
export interface LoadPlan {
  readonly url: string;
  /** The server's pid, to read its CPU time from /proc (Linux); 0 for none. */
  readonly serverPid: number;
  readonly wallets: number;
  readonly warmup: number;
  /** Closed loop: orders and requests in flight. */
  readonly closedOrders: number;
  readonly concurrency: number;
  /** Open loop: the fixed rate (orders/s) and its duration (s). */
  readonly openRate: number;
  readonly openSeconds: number;
  /** The second open loop's duration (at half the closed loop's throughput), s. */
  readonly halfE2eSeconds: number;
}

/** User + system CPU seconds of a process from /proc/<pid>/stat; NaN where unavailable. */
function processCpuSeconds(pid: number): number {
  if (pid <= 0) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command name; clock ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

class Poster {
  errors = 0;
  readonly samples: string[] = [];
  private readonly host: string;
  private readonly port: number;

  constructor(
    url: string,
    private readonly agent: Agent,
  ) {
    const u = new URL(url);
    this.host = u.hostname;
    this.port = Number(u.port);
  }

  /** POSTs one pre-serialized body; resolves when the answer is in (and checked). */
  post(body: string): Promise<void> {
    return new Promise((resolve) => {
      const req = request(
        {
          agent: this.agent,
          host: this.host,
          port: this.port,
          method: "POST",
          path: "/exchange",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            this.check(res.statusCode ?? 0, Buffer.concat(chunks).toString("utf8"));
            resolve();
          });
        },
      );
      req.on("error", (e) => {
        this.fail(`request error: ${e.message}`);
        resolve();
      });
      req.end(body);
    });
  }

  private check(status: number, text: string): void {
    if (status !== 200) {
      this.fail(`HTTP ${status}: ${text.slice(0, 200)}`);
      return;
    }
    try {
      const json = JSON.parse(text) as { status?: unknown; response?: { data?: { statuses?: unknown[] } } };
      const first = json.response?.data?.statuses?.[0] as Record<string, unknown> | undefined;
      if (json.status !== "ok" || first === undefined || (!("resting" in first) && !("filled" in first))) {
        this.fail(text.slice(0, 200));
      }
    } catch {
      this.fail(`not JSON: ${text.slice(0, 200)}`);
    }
  }

  private fail(text: string): void {
    this.errors++;
    if (this.samples.length < 5) this.samples.push(text);
  }
}

const nowMs = () => performance.now();

/** Fixed concurrency, each worker sending its next order when the previous is acknowledged. */
async function closedLoop(poster: Poster, bodies: readonly string[], concurrency: number, serverPid: number) {
  const lat = new Float64Array(bodies.length);
  let next = 0;
  const cpu0 = process.cpuUsage();
  const server0 = processCpuSeconds(serverPid);
  const start = nowMs();
  const worker = async () => {
    while (next < bodies.length) {
      const i = next++;
      const t0 = nowMs();
      await poster.post(bodies[i] as string);
      lat[i] = nowMs() - t0;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (nowMs() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const l = latencies(lat);
  return {
    orders: bodies.length,
    perSec: bodies.length / seconds,
    targetPerSec: 0,
    concurrency,
    p50Ms: l.p50,
    p99Ms: l.p99,
    p999Ms: l.p999,
    maxMs: l.max,
    sendP50Ms: l.p50,
    sendP99Ms: l.p99,
    serverCores: (processCpuSeconds(serverPid) - server0) / seconds,
    loadCores: (cpu.user + cpu.system) / 1e6 / seconds,
  } satisfies PhaseResult;
}

/**
 * A fixed-rate schedule: order i is due at start + i / rate whatever happened before (no coordinated omission);
 * latency counts from that due time. A timer (about 1 ms granularity) sends everything due, so the generator does
 * not spin a core of the two the server needs.
 */
async function openLoop(poster: Poster, bodies: readonly string[], rateHz: number, sockets: number, serverPid: number) {
  const n = bodies.length;
  const due = new Float64Array(n);
  const fromDue = new Float64Array(n);
  const fromSend = new Float64Array(n);
  const period = 1000 / rateHz;
  const cpu0 = process.cpuUsage();
  const server0 = processCpuSeconds(serverPid);
  const start = nowMs() + 2;
  let sent = 0;
  let done = 0;
  let finish: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const fire = (i: number) => {
    due[i] = start + i * period;
    const t0 = nowMs();
    void poster.post(bodies[i] as string).then(() => {
      const t1 = nowMs();
      fromDue[i] = t1 - (due[i] as number);
      fromSend[i] = t1 - t0;
      if (++done === n) finish();
    });
  };
  const pump = () => {
    const now = nowMs();
    while (sent < n && start + sent * period <= now) fire(sent++);
    if (sent < n) setTimeout(pump, Math.max(0, start + sent * period - nowMs()));
  };
  setTimeout(pump, 2);
  await all;
  const seconds = (nowMs() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const l = latencies(fromDue);
  const s = latencies(fromSend);
  return {
    orders: n,
    perSec: n / seconds,
    targetPerSec: rateHz,
    concurrency: sockets,
    p50Ms: l.p50,
    p99Ms: l.p99,
    p999Ms: l.p999,
    maxMs: l.max,
    sendP50Ms: s.p50,
    sendP99Ms: s.p99,
    serverCores: (processCpuSeconds(serverPid) - server0) / seconds,
    loadCores: (cpu.user + cpu.system) / 1e6 / seconds,
  } satisfies PhaseResult;
}

/**
 * Pre-signs everything (the second open loop's rate is unknown until the closed loop ran, so it is sized for the
 * closed loop's wildest plausible rate, the recovery rate), warms up, then: the closed loop, the open loop at the
 * plan's rate, the open loop at half the closed loop's throughput.
 */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const wallets = Array.from({ length: plan.wallets }, (_, i) => benchWallet(i));
  const openOrders = Math.max(1, Math.round(plan.openRate * plan.openSeconds));
  const halfMax = Math.max(1, Math.round(plan.openRate * plan.halfE2eSeconds));
  const counts = [plan.warmup, plan.closedOrders, openOrders, halfMax];
  const total = counts.reduce((a, b) => a + b, 0);
  const signStart = nowMs();
  const bodies = envelopes(wallets, Date.now(), 0, total).map((e) => JSON.stringify(e));
  const signSeconds = (nowMs() - signStart) / 1000;
  let at = 0;
  const take = (n: number) => {
    at += n;
    return bodies.slice(at - n, at);
  };
  const [warm, closedBodies, openBodies, halfBodies] = counts.map(take) as [string[], string[], string[], string[]];
  // One pool of keep-alive sockets for every phase, opened by the warm-up: a connection opened while the server is
  // overloaded can wait seconds for its first answer, and its request arrive after newer nonces of its wallet.
  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const poster = new Poster(plan.url, agent);
  const pause = () => new Promise((r) => setTimeout(r, 200));
  await closedLoop(poster, warm, plan.concurrency, 0);
  const closed = await closedLoop(poster, closedBodies, plan.concurrency, plan.serverPid);
  await pause();
  const open = await openLoop(poster, openBodies, plan.openRate, plan.concurrency, plan.serverPid);
  await pause();
  const halfRate = Math.max(1, closed.perSec / 2);
  const half = halfBodies.slice(0, Math.max(1, Math.round(halfRate * plan.halfE2eSeconds)));
  const openHalfE2e = await openLoop(poster, half, halfRate, plan.concurrency, plan.serverPid);
  agent.destroy();
  return {
    wallets: plan.wallets,
    warmup: plan.warmup,
    closed,
    open,
    openHalfE2e,
    signSeconds,
    errors: poster.errors,
    errorSamples: poster.samples,
  };
}

// ===== Orchestration (bench/main.ts)

/** Runs a child to completion and parses the last line of its stdout as JSON. */
function runJson<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      out += s;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`bench/exchange: ${args[0]} child failed (exit ${code})`));
      resolve(JSON.parse(out.trim().split("\n").pop() ?? "") as T);
    });
  });
}

/** Reads a child's stdout line by line. */
function lines(child: ChildProcess): AsyncIterator<string> {
  const queue: string[] = [];
  const waiting: ((r: IteratorResult<string>) => void)[] = [];
  let buffer = "";
  let ended = false;
  const push = (line: string) => {
    const w = waiting.shift();
    if (w !== undefined) w({ value: line, done: false });
    else queue.push(line);
  };
  child.stdout?.setEncoding("utf8").on("data", (s: string) => {
    buffer += s;
    let nl = buffer.indexOf("\n");
    while (nl >= 0) {
      push(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf("\n");
    }
  });
  child.on("close", () => {
    ended = true;
    for (const w of waiting.splice(0)) w({ value: undefined, done: true });
  });
  return {
    next: () =>
      new Promise((resolve) => {
        const line = queue.shift();
        if (line !== undefined) resolve({ value: line, done: false });
        else if (ended) resolve({ value: undefined, done: true });
        else waiting.push(resolve);
      }),
  };
}

/** Counts for a run. */
export function exchangePlan(quick: boolean) {
  return quick
    ? {
        recovery: 1_000,
        wallets: WALLETS,
        warmup: 500,
        closedOrders: 3_000,
        concurrency: 64,
        openSeconds: 1,
        halfSeconds: 1,
      }
    : {
        recovery: 5_000,
        wallets: WALLETS,
        warmup: 3_000,
        closedOrders: 20_000,
        concurrency: 64,
        openSeconds: 5,
        halfSeconds: 5,
      };
}

/**
 * The section: recovery alone in one child, then the server in a second and the load generator in a third. The open
 * loop's rate is half the one-source recovery rate just measured. `script` is the bundled copy of this file.
 */
export async function runExchange(script: string, quick: boolean): Promise<ExchangeResult> {
  const plan = exchangePlan(quick);
  const loadAverage = loadavg()[0] ?? 0;
  process.stderr.write(`bench: /exchange recovery alone, ${plan.recovery.toLocaleString("en-US")} envelopes\n`);
  const recovery = await runJson<RecoveryResult>(script, ["recovery", String(plan.recovery)]);
  const flags = (process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter((f) => f !== "");
  const server = spawn(process.execPath, [...flags, script, "server", String(plan.wallets)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const out = lines(server);
  const exited = new Promise<number | null>((resolve) => server.on("close", resolve));
  try {
    const ready = await out.next();
    if (ready.done === true) throw new Error("bench/exchange: the server exited before listening");
    const { url, pid } = JSON.parse(ready.value) as { url: string; pid: number };
    const openRate = Math.max(100, Math.round(recovery.oneSourcePerSec / 2));
    const load: LoadPlan = {
      url,
      serverPid: pid,
      wallets: plan.wallets,
      warmup: plan.warmup,
      closedOrders: plan.closedOrders,
      concurrency: plan.concurrency,
      openRate,
      openSeconds: plan.openSeconds,
      halfE2eSeconds: plan.halfSeconds,
    };
    process.stderr.write(
      `bench: /exchange end to end, ${plan.closedOrders.toLocaleString("en-US")} orders at ${plan.concurrency} in flight, then ${openRate.toLocaleString("en-US")} orders/s for ${plan.openSeconds} s, then half the closed loop's rate for ${plan.halfSeconds} s\n`,
    );
    const result = await runJson<LoadResult>(script, ["load", JSON.stringify(load)]);
    server.stdin?.end();
    const closed = await out.next();
    const code = await exited;
    if (code !== 0 || closed.done === true) throw new Error(`bench/exchange: the server failed (exit ${code})`);
    const { dataBytes } = JSON.parse(closed.value) as { dataBytes: number };
    if (result.errors > 0) {
      throw new Error(
        `bench/exchange: ${result.errors} orders were not acknowledged as resting, e.g.\n  ${result.errorSamples.join("\n  ")}`,
      );
    }
    return { recovery, load: result, dataBytes, loadAverage };
  } finally {
    if (server.exitCode === null) server.kill();
  }
}

// ===== Entry

if (process.argv[1] !== undefined && /exchange\.(ts|mjs)$/.test(process.argv[1])) {
  const [role, arg = ""] = process.argv.slice(2);
  if (role === "recovery") process.stdout.write(`${JSON.stringify(runRecovery(Number(arg || 10_000)))}\n`);
  else if (role === "server") await runServer(Number(arg || WALLETS));
  else if (role === "load") process.stdout.write(`${JSON.stringify(await runLoad(JSON.parse(arg) as LoadPlan))}\n`);
  else throw new Error("usage: bench/exchange.ts recovery <n> | server <wallets> | load '<LoadPlan JSON>'");
}
