/**
 * @module sim/simulator
 * The market simulator: a seeded oracle random walk per market, market makers quoting deep ladders around it and
 * takers trading across the spread, all as ordinary clients of the public wire (signed `/exchange` actions, `/info`
 * reads) plus hyperlocal's dev controls for what is not a user action (oracle prices, funding the agents). The same
 * seed, the same step count and the same exchange state give the same market.
 *
 * `start()` reads the universe, funds the agents, sets the first oracle prices and places the ladders, then (unless
 * `autoStep: false`) steps every `tickMs` until `stop()`; `step()` runs one step by hand. Steps never overlap and
 * never throw on an exchange error: errors are counted in `stats`.
 */

import { Maker, type MakerOptions } from "./agents/maker.ts";
import { Taker, type TakerOptions } from "./agents/taker.ts";
import { emptyStats, SimClient, type SimStats, SimWallet, type Transport } from "./client.ts";
import { DEFAULT_START_PRICES, makeMarket, moveOracle, oracleString, type SimMarket } from "./oracle.ts";
import { Rng } from "./rng.ts";

export type { SimPath, SimStats, Transport } from "./client.ts";
export { httpTransport } from "./client.ts";

export interface SimulatorOptions {
  /** Posts JSON to `/info`, `/exchange`, `/hyperlocal/fund` or `/hyperlocal/oracle` and resolves with the reply. */
  readonly transport: Transport;
  /** Same seed, same market. */
  readonly seed: string | number;
  /** Coins to simulate (default: every listed perp with a known or current price). */
  readonly markets?: readonly string[];
  /** Time between steps, ms; also the volatility scale of one step (default 500). */
  readonly tickMs?: number;
  /** Clock for nonces, ms (default `Date.now`). */
  readonly clock?: () => number;
  /** Starting oracle prices by coin; otherwise the exchange's current oracle/mark price, else a built-in default. */
  readonly startPrices?: Readonly<Record<string, number>>;
  /** Annualised volatility by coin (default 60 % BTC … 100 % DOGE). */
  readonly volatility?: Readonly<Record<string, number>>;
  /** Number of maker and taker wallets (default 3 and 2). */
  readonly makers?: number;
  readonly takers?: number;
  readonly maker?: MakerOptions;
  readonly taker?: TakerOptions;
  /** Step on a timer after `start()` (default true); false for tests that call `step()`. */
  readonly autoStep?: boolean;
  /** Called with an unexpected failure of a timed step (default: ignored). */
  readonly onError?: (error: unknown) => void;
}

export interface Simulator {
  /** Reads the universe, funds the agents, sets the first oracle prices, places the ladders; starts the timer. */
  start(): Promise<void>;
  /** One deterministic step: the oracle moves, makers requote, takers maybe trade. */
  step(): Promise<void>;
  /** Stops the timer (a step under way finishes). */
  stop(): void;
  /** Resolves when no step is under way (await it after `stop()`, before closing the server). */
  idle(): Promise<void>;
  /** While true, timed steps are skipped (a hand `step()` still runs). */
  paused: boolean;
  /** Counters: steps, requests, errors, post-only rejects, taker fills. */
  readonly stats: SimStats;
  /** Current oracle prices (wire strings) by coin. */
  prices(): Record<string, string>;
  /** The agents' addresses. */
  readonly addresses: { readonly makers: readonly string[]; readonly takers: readonly string[] };
}

const MAKER_FUNDS = "10000000";
const TAKER_FUNDS = "1000000";

interface MetaUniverse {
  universe: { name: string; szDecimals: number; isDelisted?: boolean }[];
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const tickMs = options.tickMs ?? 500;
  const clock = options.clock ?? Date.now;
  const seed = String(options.seed);
  const root = new Rng(`hyperlocal-sim:${seed}`);
  const stats = emptyStats();
  const client = new SimClient(options.transport, stats);
  const makerWallets = Array.from(
    { length: options.makers ?? 3 },
    (_, i) => new SimWallet(`sim:${seed}:maker:${i}`, clock),
  );
  const takerWallets = Array.from(
    { length: options.takers ?? 2 },
    (_, i) => new SimWallet(`sim:${seed}:taker:${i}`, clock),
  );
  let markets: SimMarket[] = [];
  const oracleRngs = new Map<string, Rng>();
  let makers: Maker[] = [];
  let takers: Taker[] = [];
  let started = false;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();

  const serial = (job: () => Promise<void>): Promise<void> => {
    const next = chain.then(job);
    chain = next.catch(() => {});
    return next;
  };

  async function postOracle(): Promise<void> {
    if (markets.length === 0) return;
    const prices: Record<string, string> = {};
    for (const m of markets) prices[m.coin] = oracleString(m);
    await client.dev("/hyperlocal/oracle", { prices });
  }

  async function fund(address: string, amount: string): Promise<void> {
    const state = (await client.info({ type: "clearinghouseState", user: address })) as
      | { marginSummary?: { accountValue?: string } }
      | undefined;
    const value = Number(state?.marginSummary?.accountValue ?? 0);
    if (value < Number(amount) / 2) await client.dev("/hyperlocal/fund", { address, amount });
  }

  async function setup(): Promise<void> {
    const meta = (await client.info({ type: "meta" })) as MetaUniverse | undefined;
    const ctxs = (await client.info({ type: "metaAndAssetCtxs" })) as
      | [unknown, { oraclePx?: string; markPx?: string }[]]
      | undefined;
    const universe = Array.isArray(meta?.universe) ? meta.universe : [];
    const wanted = options.markets === undefined ? undefined : new Set(options.markets);
    markets = [];
    universe.forEach((u, asset) => {
      if (wanted === undefined ? u.isDelisted === true : !wanted.has(u.name)) return;
      const ctx = Array.isArray(ctxs) ? ctxs[1]?.[asset] : undefined;
      const current = Number(ctx?.oraclePx ?? 0) || Number(ctx?.markPx ?? 0);
      const px = options.startPrices?.[u.name] ?? (current > 0 ? current : DEFAULT_START_PRICES[u.name]);
      if (px === undefined || !(px > 0)) return;
      markets.push(makeMarket(u.name, asset, u.szDecimals, px, tickMs, options.volatility?.[u.name]));
      oracleRngs.set(u.name, root.fork(`oracle:${u.name}`));
    });
    makers = makerWallets.map((w, i) => new Maker(i, w, root.fork(`maker:${i}`), markets, options.maker));
    takers = takerWallets.map((w, i) => new Taker(i, w, root.fork(`taker:${i}`), options.taker));
    for (const w of makerWallets) await fund(w.address, MAKER_FUNDS);
    for (const w of takerWallets) await fund(w.address, TAKER_FUNDS);
    await postOracle();
    for (const maker of makers) await maker.requote(client, markets);
  }

  async function oneStep(): Promise<void> {
    if (!started) throw new Error("simulator: step() before start()");
    moveOracle(markets, oracleRngs);
    await postOracle();
    for (const maker of makers) await maker.requote(client, markets);
    for (const taker of takers) stats.takerFills += await taker.trade(client, markets);
    stats.steps += 1;
  }

  /** Steps every tickMs (measured from one step's start to the next; a slow step delays, never overlaps). */
  const schedule = (delay: number): void => {
    if (!running) return;
    timer = setTimeout(() => {
      const began = performance.now();
      const job = sim.paused ? Promise.resolve() : serial(oneStep);
      job
        .catch((e: unknown) => options.onError?.(e))
        .finally(() => schedule(Math.max(0, tickMs - (performance.now() - began))));
    }, delay);
    timer.unref?.();
  };

  const sim: Simulator = {
    paused: false,
    stats,
    addresses: { makers: makerWallets.map((w) => w.address), takers: takerWallets.map((w) => w.address) },
    start: () =>
      serial(async () => {
        if (!started) {
          await setup();
          started = true;
        }
        if (options.autoStep !== false && !running) {
          running = true;
          schedule(tickMs);
        }
      }),
    step: () => serial(oneStep),
    stop: () => {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    idle: () => chain,
    prices: () => Object.fromEntries(markets.map((m) => [m.coin, oracleString(m)])),
  };
  return sim;
}
