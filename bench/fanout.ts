/**
 * @module bench/fanout
 * WebSocket fan-out: one server process (`createApp`, `:memory:`) driving its own market activity, and load clients
 * in other processes holding many `ws` connections subscribed to `l2Book` and `trades`. Measures the frames per
 * second delivered to all clients together and the latency from the engine event to the client's receipt, at 1,000
 * and at 10,000 connections. One file, three roles picked by the first argument (bench/main.ts runs the bundled copy):
 *
 * - `server '<ServerPlan as JSON>'`: sets `CADENCE_MS.l2Book` to the plan's book interval, funds the traders, sets the
 *   oracles, prefills {@link LEVELS} levels a side on every coin, listens, then every `tradeMs` submits on every coin
 *   a GTC maker order at one of the top three levels of a side (alternating) and an IOC taker of the same size
 *   crossing it, so that every coin prints one trades frame per interval and its book's top levels keep moving. Prints
 *   `{wsUrl, pid}` once driving; on the end of its stdin stops, closes the app and prints `{submitted, errors}`.
 *   `BENCH_FANOUT_SERVER_FLAGS` (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) adds Node flags to it.
 * - `clients '<ClientPlan as JSON>'`: opens the connections (a bounded number of handshakes at a time), subscribes
 *   each to `l2Book` and `trades` of its coins, prints `{ready}` once every subscription is acknowledged; then on
 *   `start` on its stdin clears its counters, and on `stop` prints its {@link ClientResult} and exits.
 * - no role: {@link runFanout}, the orchestration, is what bench/main.ts calls.
 *
 * Latency: the server stamps every frame with its wall clock, as Hyperliquid does: an `l2Book` frame's `time` is the
 * push time (`Date.now()` when the hub's timer fires), a `trades` frame's trades carry their fill time (the
 * sequencer's `Date.now()` when it stamped the taker's command, before matching). The client takes
 * `performance.timeOrigin + performance.now()` on receipt (the same wall clock, with sub-millisecond resolution) and
 * subtracts the frame's first `time`: the server's integer milliseconds make every sample 0–1 ms too high (0.5 ms on
 * average), which the figures include. Client and server share the machine, hence the clock.
 * The client reads `time` straight from the frame's bytes ({@link frameInfo}): it never parses the JSON.
 */

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";

// ===== Results

/** One scenario (a number of connections) as measured. */
export interface FanoutScenario {
  readonly connections: number;
  /** Coins each connection subscribes to (`l2Book` and `trades` of each). */
  readonly coinsPerConnection: number;
  readonly clientProcesses: number;
  /** Opening every connection and getting every subscription acknowledged, s. */
  readonly connectSeconds: number;
  /** The measurement window, s. */
  readonly seconds: number;
  /** Data frames received in the window, over all clients, and their rate. */
  readonly frames: number;
  readonly framesPerSec: number;
  readonly bookFramesPerSec: number;
  readonly tradeFramesPerSec: number;
  /** Frames/s the schedule asks for: every subscription at its nominal rate. */
  readonly offeredPerSec: number;
  /** Payload bytes received per second, over all clients. */
  readonly bytesPerSec: number;
  /** `l2Book` frames per second per subscribed (connection, coin): the cadence actually kept (nominal 1000/bookMs). */
  readonly bookHz: number;
  /** Engine event to client receipt, ms, over every data frame of the window. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  /** The same, per channel. */
  readonly bookP99Ms: number;
  readonly tradeP99Ms: number;
  /** CPU used in the window, in cores: the server process, and all the client processes together. */
  readonly serverCores: number;
  readonly clientCores: number;
  /** Connections that closed before the end of the window (a slow consumer cut off, an error). */
  readonly dropped: number;
  /** Handshakes that failed, and subscriptions not acknowledged within 30 s (both 0 in a sound run). */
  readonly failed: number;
  readonly unacknowledged: number;
}

export interface FanoutResult {
  readonly coins: readonly string[];
  /** `CADENCE_MS.l2Book` in the server, and the interval of the trading timer, ms. */
  readonly bookMs: number;
  readonly tradeMs: number;
  readonly scenarios: readonly FanoutScenario[];
  /** Orders the server's driver submitted, and those rejected or failed. */
  readonly submitted: number;
  readonly errors: number;
  /** `ulimit -n` of the bench's shell (inherited by the children); NaN when unknown. */
  readonly fdLimit: number;
  /** Connections asked for but not opened because of the descriptor limit. */
  readonly cappedBy: number;
  readonly loadAverage: number;
  readonly cpuCount: number;
}

// ===== Pure helpers

/** Latency histogram: {@link BIN_MS}-wide bins up to {@link MAX_BIN_MS}, then one overflow count; and the maximum. */
export interface Histogram {
  readonly bins: Uint32Array;
  overflow: number;
  count: number;
  max: number;
}

export const BIN_MS = 0.02;
export const MAX_BIN_MS = 2_000;
const BINS = Math.round(MAX_BIN_MS / BIN_MS);

export function histogram(): Histogram {
  return { bins: new Uint32Array(BINS), overflow: 0, count: 0, max: 0 };
}

/** Records one latency (ms); negative values (clock granularity) count as 0. */
export function record(h: Histogram, ms: number): void {
  const x = ms > 0 ? ms : 0;
  const i = Math.floor(x / BIN_MS);
  if (i < BINS) h.bins[i] = (h.bins[i] as number) + 1;
  else h.overflow++;
  h.count++;
  if (x > h.max) h.max = x;
}

/** Adds `from` into `into`. */
export function merge(into: Histogram, from: Histogram): void {
  for (let i = 0; i < BINS; i++) into.bins[i] = (into.bins[i] as number) + (from.bins[i] as number);
  into.overflow += from.overflow;
  into.count += from.count;
  if (from.max > into.max) into.max = from.max;
}

/**
 * Nearest-rank percentile (0 < p ≤ 1), ms: the upper edge of the bin holding that rank (so within {@link BIN_MS}
 * above the true value), the maximum past the last bin or at p = 1; NaN when empty.
 */
export function quantile(h: Histogram, p: number): number {
  if (h.count === 0) return Number.NaN;
  const rank = Math.min(h.count, Math.max(1, Math.ceil(p * h.count)));
  let seen = 0;
  for (let i = 0; i < BINS; i++) {
    seen += h.bins[i] as number;
    if (seen >= rank) return Math.min(h.max, (i + 1) * BIN_MS);
  }
  return h.max;
}

/** A histogram as JSON: the non-empty bins as `[index, count]` pairs. */
export function histogramToJson(h: Histogram): {
  bins: [number, number][];
  overflow: number;
  count: number;
  max: number;
} {
  const bins: [number, number][] = [];
  for (let i = 0; i < BINS; i++) if ((h.bins[i] as number) > 0) bins.push([i, h.bins[i] as number]);
  return { bins, overflow: h.overflow, count: h.count, max: h.max };
}

export function histogramFromJson(j: ReturnType<typeof histogramToJson>): Histogram {
  const h = histogram();
  for (const [i, n] of j.bins) h.bins[i] = n;
  h.overflow = j.overflow;
  h.count = j.count;
  h.max = j.max;
  return h;
}

/** A frame's kind by the first letter of its channel (`{"channel":"` is 12 bytes). */
export const Kind = { Other: 0, Book: 1, Trades: 2, Ack: 3 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

const TIME = Buffer.from('"time":');

/**
 * The channel of a server frame and the first `time` in it (ms; NaN if none), read from the bytes without parsing
 * the JSON: `{"channel":"l2Book","data":{"coin":…,"time":…` and `{"channel":"trades","data":[{…,"time":…` both
 * carry the time the latency is measured from as their first `"time":`.
 */
export function frameInfo(frame: Buffer): { kind: Kind; time: number } {
  const c = frame[12];
  const kind: Kind = c === 0x6c ? Kind.Book : c === 0x74 ? Kind.Trades : c === 0x73 ? Kind.Ack : Kind.Other;
  if (kind !== Kind.Book && kind !== Kind.Trades) return { kind, time: Number.NaN };
  const at = frame.indexOf(TIME, 20);
  if (at < 0) return { kind, time: Number.NaN };
  let time = 0;
  let digits = 0;
  for (let i = at + TIME.length; i < frame.length; i++) {
    const d = (frame[i] as number) - 0x30;
    if (d < 0 || d > 9) break;
    time = time * 10 + d;
    digits++;
  }
  return { kind, time: digits === 0 ? Number.NaN : time };
}

/** The coins of connection `i`: `perConnection` consecutive coins of the list, starting at a rotating offset. */
export function coinsOf(i: number, coins: readonly string[], perConnection: number): string[] {
  const n = Math.min(perConnection, coins.length);
  return Array.from({ length: n }, (_, k) => coins[(i + k) % coins.length] as string);
}

// ===== Markets the server trades

interface CoinSpec {
  readonly coin: string;
  readonly asset: number;
  /** Oracle and mid price, in ticks. */
  readonly mid: number;
  /** Decimals of a price (6 − szDecimals), and the size of one lot as a decimal string. */
  readonly priceDecimals: number;
  readonly lot: string;
}

/** Prices in ticks of 10^-priceDecimals with 5 significant figures at most. */
const COIN_SPECS: readonly CoinSpec[] = [
  { coin: "SOL", asset: 5, mid: 10_000, priceDecimals: 2, lot: "1" },
  { coin: "BTC", asset: 0, mid: 65_000, priceDecimals: 0, lot: "0.001" },
  { coin: "ETH", asset: 1, mid: 30_000, priceDecimals: 1, lot: "0.01" },
  { coin: "AVAX", asset: 6, mid: 30_000, priceDecimals: 3, lot: "1" },
];

/** Resting levels a side per coin after the prefill. */
export const LEVELS = 10;

/** A price `ticks` away from a coin's mid, as the wire writes it. */
export function priceOf(spec: CoinSpec, offset: number): string {
  return trimZeros(((spec.mid + offset) / 10 ** spec.priceDecimals).toFixed(spec.priceDecimals));
}

/** `"100.50"` → `"100.5"`, `"100.00"` → `"100"`, `"650"` unchanged. */
function trimZeros(decimal: string): string {
  return decimal.includes(".") ? decimal.replace(/0+$/, "").replace(/\.$/, "") : decimal;
}

// ===== Role: server

export interface ServerPlan {
  readonly coins: readonly string[];
  readonly bookMs: number;
  readonly tradeMs: number;
}

const userOf = (n: number) => `0x${(0xf0_0000 + n).toString(16).padStart(40, "0")}`;

async function runServer(plan: ServerPlan): Promise<void> {
  const { createApp } = await import("../src/server/app.ts");
  const { CADENCE_MS } = await import("../src/feeds/index.ts");
  CADENCE_MS.l2Book = plan.bookMs;
  const app = await createApp({ dataDir: ":memory:", port: 0, host: "127.0.0.1", wsIdleTimeoutMs: 3_600_000 });
  const specs = plan.coins.map((coin) => {
    const spec = COIN_SPECS.find((s) => s.coin === coin);
    if (spec === undefined) throw new Error(`bench/fanout: no market spec for ${coin}`);
    return spec;
  });
  const liquidity = userOf(0);
  const maker = userOf(1);
  const taker = userOf(2);
  for (const u of [liquidity, maker, taker]) await app.fund(u, 1_000_000_000);
  await app.setOracle(Object.fromEntries(specs.map((s) => [s.coin, priceOf(s, 0)])));
  let submitted = 0;
  let errors = 0;
  const order = (user: string, s: CoinSpec, isBuy: boolean, offset: number, lots: number, tif: "Gtc" | "Ioc") => {
    submitted++;
    const size = trimZeros((Number(s.lot) * lots).toFixed(6));
    return app
      .submit({
        type: "order",
        user,
        grouping: "na",
        orders: [
          { asset: s.asset, isBuy, price: priceOf(s, offset), size, reduceOnly: false, kind: { limit: { tif } } },
        ],
      })
      .then((events) => {
        if (events.some((e) => e.type === "orderStatus" && /ejected$/.test(e.status))) errors++;
      })
      .catch(() => {
        errors++;
      });
  };
  const prefill: Promise<void>[] = [];
  for (const s of specs) {
    for (let k = 1; k <= LEVELS; k++) {
      prefill.push(order(liquidity, s, true, -k, 5, "Gtc"), order(liquidity, s, false, k, 5, "Gtc"));
    }
  }
  await Promise.all(prefill);
  await app.listen();
  // The driver: on every coin, a maker order at one of the top three levels of a side and a taker crossing it.
  let n = 0;
  let seed = 12_345;
  const rnd = (m: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % m;
  };
  const timer = setInterval(() => {
    n++;
    for (const s of specs) {
      const ask = (n + s.asset) % 2 === 0;
      const level = 1 + rnd(3);
      const lots = 1 + rnd(3);
      void order(maker, s, !ask, ask ? level : -level, lots, "Gtc");
      void order(taker, s, ask, ask ? level : -level, lots, "Ioc");
    }
  }, plan.tradeMs);
  process.stdout.write(`${JSON.stringify({ wsUrl: app.wsUrl, pid: process.pid })}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    clearInterval(timer);
    void app.close().then(() => {
      process.stdout.write(`${JSON.stringify({ submitted, errors })}\n`);
    });
  });
}

// ===== Role: clients

export interface ClientPlan {
  readonly wsUrl: string;
  readonly coins: readonly string[];
  /** Connection indices [first, first + count) of the scenario (they pick the coins). */
  readonly first: number;
  readonly count: number;
  readonly coinsPerConnection: number;
  /** Handshakes in flight at once. */
  readonly connecting: number;
}

export interface ClientResult {
  /** Connections opened, handshakes that failed, subscriptions never acknowledged. */
  readonly opened: number;
  readonly failed: number;
  readonly unacknowledged: number;
  readonly seconds: number;
  readonly bookFrames: number;
  readonly tradeFrames: number;
  readonly bytes: number;
  readonly book: ReturnType<typeof histogramToJson>;
  readonly trades: ReturnType<typeof histogramToJson>;
  readonly cpuSeconds: number;
  readonly dropped: number;
  readonly connectSeconds: number;
}

async function runClients(plan: ClientPlan): Promise<void> {
  const { WebSocket } = await import("ws");
  const origin = performance.timeOrigin;
  let bookFrames = 0;
  let tradeFrames = 0;
  let bytes = 0;
  let acks = 0;
  let dropped = 0;
  let measuring = false;
  let book = histogram();
  let trades = histogram();
  const sockets: InstanceType<typeof WebSocket>[] = [];
  const onMessage = (data: Buffer) => {
    const now = origin + performance.now();
    const { kind, time } = frameInfo(data);
    if (kind === Kind.Ack) {
      acks++;
      return;
    }
    if (!measuring) return;
    if (kind === Kind.Book) {
      bookFrames++;
      record(book, now - time);
    } else if (kind === Kind.Trades) {
      tradeFrames++;
      record(trades, now - time);
    } else {
      return;
    }
    bytes += data.length;
  };
  // Every connection first, then every subscription: handshakes never compete with the fan-out they start.
  let failed = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      const ws = new WebSocket(plan.wsUrl, {
        perMessageDeflate: false,
        skipUTF8Validation: true,
        handshakeTimeout: 20_000,
      });
      ws.on("message", onMessage);
      ws.on("error", () => {
        if (ws.readyState !== WebSocket.OPEN) {
          failed++;
          resolve();
        }
      });
      ws.on("open", () => {
        sockets.push(ws);
        ws.on("close", () => {
          if (measuring) dropped++;
        });
        resolve();
      });
    });
  const t0 = performance.now();
  let left = plan.count;
  const worker = async () => {
    while (left > 0) {
      left--;
      await open();
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.connecting, plan.count) }, worker));
  sockets.forEach((ws, k) => {
    for (const coin of coinsOf(plan.first + k, plan.coins, plan.coinsPerConnection)) {
      ws.send(JSON.stringify({ method: "subscribe", subscription: { type: "l2Book", coin } }));
      ws.send(JSON.stringify({ method: "subscribe", subscription: { type: "trades", coin } }));
    }
  });
  const expected = sockets.length * Math.min(plan.coinsPerConnection, plan.coins.length) * 2;
  const deadline = performance.now() + 30_000;
  while (acks < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const connectSeconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  let started = 0;
  let cpu0 = process.cpuUsage();
  let buffer = "";
  process.stdin.setEncoding("utf8").on("data", (s: string) => {
    buffer += s;
    let nl = buffer.indexOf("\n");
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf("\n");
      if (line === "start") {
        bookFrames = tradeFrames = bytes = dropped = 0;
        book = histogram();
        trades = histogram();
        cpu0 = process.cpuUsage();
        started = performance.now();
        measuring = true;
      } else if (line === "stop") {
        measuring = false;
        const seconds = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpu0);
        const result: ClientResult = {
          opened: sockets.length,
          failed,
          unacknowledged: expected - acks,
          seconds,
          bookFrames,
          tradeFrames,
          bytes,
          book: histogramToJson(book),
          trades: histogramToJson(trades),
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
          dropped,
          connectSeconds,
        };
        process.stdout.write(`${JSON.stringify(result)}\n`, () => {
          for (const ws of sockets) ws.terminate();
          process.exit(0);
        });
      }
    }
  });
}

// ===== Orchestration (bench/main.ts)

/** Reads a child's stdout line by line. */
function lines(child: ChildProcess): () => Promise<string> {
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  const failing: ((e: Error) => void)[] = [];
  let buffer = "";
  let ended = false;
  child.stdout?.setEncoding("utf8").on("data", (s: string) => {
    buffer += s;
    let nl = buffer.indexOf("\n");
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf("\n");
      const w = waiting.shift();
      failing.shift();
      if (w !== undefined) w(line);
      else queue.push(line);
    }
  });
  child.on("close", (code) => {
    ended = true;
    waiting.length = 0;
    for (const f of failing.splice(0)) f(new Error(`bench/fanout: a child exited (code ${code})`));
  });
  return () =>
    new Promise((resolve, reject) => {
      const line = queue.shift();
      if (line !== undefined) resolve(line);
      else if (ended) reject(new Error("bench/fanout: a child exited early"));
      else {
        waiting.push(resolve);
        failing.push(reject);
      }
    });
}

/** User + system CPU seconds of a process from /proc/<pid>/stat (Linux); NaN where unavailable. */
function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined || pid <= 0) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** `ulimit -n` as the children will inherit it; NaN when unknown. */
function fdLimit(): number {
  const r = spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" });
  const n = r.stdout?.trim();
  if (n === "unlimited") return Number.POSITIVE_INFINITY;
  return n === undefined || n === "" ? Number.NaN : Number(n);
}

/** Counts for a run. */
export function fanoutPlan(quick: boolean) {
  return {
    coins: ["SOL", "BTC", "ETH", "AVAX"],
    bookMs: 50,
    tradeMs: 50,
    scenarios: [
      { connections: 1_000, coinsPerConnection: 2 },
      { connections: 10_000, coinsPerConnection: 1 },
    ],
    /** Connections per client process. */
    perClient: 5_000,
    connecting: 200,
    warmupSeconds: quick ? 1 : 2,
    seconds: quick ? 3 : 10,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The section: the server in one child, each scenario's clients in others. `script` is the bundled copy of this file. */
export async function runFanout(script: string, quick: boolean): Promise<FanoutResult> {
  const plan = fanoutPlan(quick);
  const loadAverage = loadavg()[0] ?? 0;
  const limit = fdLimit();
  const flags = (process.env.BENCH_FANOUT_SERVER_FLAGS ?? "").split(" ").filter((f) => f !== "");
  const serverPlan: ServerPlan = { coins: plan.coins, bookMs: plan.bookMs, tradeMs: plan.tradeMs };
  const server = spawn(process.execPath, [...flags, script, "server", JSON.stringify(serverPlan)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const serverLine = lines(server);
  const exited = new Promise<number | null>((resolve) => server.on("close", resolve));
  const children: ChildProcess[] = [];
  const scenarios: FanoutScenario[] = [];
  let cappedBy = 0;
  try {
    const { wsUrl } = JSON.parse(await serverLine()) as { wsUrl: string; pid: number };
    for (const s of plan.scenarios) {
      // Each side holds one descriptor per connection, plus its own (~100 for Node, the server's listener…).
      const connections = Number.isFinite(limit) ? Math.min(s.connections, limit - 200) : s.connections;
      cappedBy = Math.max(cappedBy, s.connections - connections);
      const processes = Math.ceil(connections / plan.perClient);
      process.stderr.write(
        `bench: fan-out, ${connections.toLocaleString("en-US")} connections × l2Book + trades of ${s.coinsPerConnection} coin(s), ${processes} client process(es), ${plan.seconds} s\n`,
      );
      const clients = Array.from({ length: processes }, (_, p) => {
        const first = Math.floor((connections * p) / processes);
        const count = Math.floor((connections * (p + 1)) / processes) - first;
        const clientPlan: ClientPlan = {
          wsUrl,
          coins: plan.coins,
          first,
          count,
          coinsPerConnection: s.coinsPerConnection,
          connecting: plan.connecting,
        };
        const child = spawn(process.execPath, [script, "clients", JSON.stringify(clientPlan)], {
          stdio: ["pipe", "pipe", "inherit"],
        });
        children.push(child);
        return { child, line: lines(child), exited: new Promise((resolve) => child.on("close", resolve)) };
      });
      for (const c of clients) await c.line();
      await sleep(plan.warmupSeconds * 1000);
      const server0 = processCpuSeconds(server.pid);
      for (const c of clients) c.child.stdin?.write("start\n");
      const w0 = performance.now();
      await sleep(plan.seconds * 1000);
      for (const c of clients) c.child.stdin?.write("stop\n");
      const wall = (performance.now() - w0) / 1000;
      const serverCpu = processCpuSeconds(server.pid) - server0;
      const results = await Promise.all(clients.map(async (c) => JSON.parse(await c.line()) as ClientResult));
      await Promise.all(clients.map((c) => c.exited));
      scenarios.push(summarizeScenario(s, connections, processes, results, serverCpu / wall, plan));
    }
    server.stdin?.end();
    const closed = JSON.parse(await serverLine()) as { submitted: number; errors: number };
    const code = await exited;
    if (code !== 0) throw new Error(`bench/fanout: the server failed (exit ${code})`);
    return {
      coins: plan.coins,
      bookMs: plan.bookMs,
      tradeMs: plan.tradeMs,
      scenarios,
      submitted: closed.submitted,
      errors: closed.errors,
      fdLimit: limit,
      cappedBy,
      loadAverage,
      cpuCount: cpus().length,
    };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
    if (server.exitCode === null) server.kill();
  }
}

function summarizeScenario(
  s: { connections: number; coinsPerConnection: number },
  connections: number,
  processes: number,
  results: readonly ClientResult[],
  serverCores: number,
  plan: ReturnType<typeof fanoutPlan>,
): FanoutScenario {
  const book = histogram();
  const trades = histogram();
  const all = histogram();
  for (const r of results) {
    const b = histogramFromJson(r.book);
    const t = histogramFromJson(r.trades);
    merge(book, b);
    merge(trades, t);
    merge(all, b);
    merge(all, t);
  }
  const seconds = Math.max(...results.map((r) => r.seconds));
  const sum = (f: (r: ClientResult) => number) => results.reduce((a, r) => a + f(r), 0);
  const bookFrames = sum((r) => r.bookFrames);
  const tradeFrames = sum((r) => r.tradeFrames);
  const perConn = Math.min(s.coinsPerConnection, plan.coins.length);
  void connections;
  const opened = sum((r) => r.opened);
  return {
    connections: opened,
    coinsPerConnection: perConn,
    clientProcesses: processes,
    connectSeconds: Math.max(...results.map((r) => r.connectSeconds)),
    seconds,
    frames: bookFrames + tradeFrames,
    framesPerSec: (bookFrames + tradeFrames) / seconds,
    bookFramesPerSec: bookFrames / seconds,
    tradeFramesPerSec: tradeFrames / seconds,
    offeredPerSec: opened * perConn * (1000 / plan.bookMs + 1000 / plan.tradeMs),
    bytesPerSec: sum((r) => r.bytes) / seconds,
    bookHz: bookFrames / seconds / (opened * perConn),
    p50Ms: quantile(all, 0.5),
    p99Ms: quantile(all, 0.99),
    p999Ms: quantile(all, 0.999),
    maxMs: all.max,
    bookP99Ms: quantile(book, 0.99),
    tradeP99Ms: quantile(trades, 0.99),
    serverCores,
    clientCores: sum((r) => r.cpuSeconds) / seconds,
    dropped: sum((r) => r.dropped),
    failed: sum((r) => r.failed),
    unacknowledged: sum((r) => r.unacknowledged),
  };
}

// ===== Entry

if (process.argv[1] !== undefined && /fanout\.(ts|mjs)$/.test(process.argv[1])) {
  const [role, arg = ""] = process.argv.slice(2);
  if (role === "server") await runServer(JSON.parse(arg) as ServerPlan);
  else if (role === "clients") await runClients(JSON.parse(arg) as ClientPlan);
  else throw new Error("usage: bench/fanout.ts server '<ServerPlan JSON>' | clients '<ClientPlan JSON>'");
}
