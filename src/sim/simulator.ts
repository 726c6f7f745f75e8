/**
 * @module sim/simulator
 * The market simulator: a seeded oracle random walk per market, market makers quoting deep ladders around it and
 * takers trading across the spread, all as ordinary clients of the public wire (signed `/exchange` actions, `/info`
 * reads) plus hyperlocal's dev controls for what is not a user action (oracle prices, funding the agents). The same
 * seed, the same step count and the same exchange state give the same market.
 *
 * Spot pairs (PURR/USDC, `@1`, … from `spotMeta`) are simulated too: spot has no oracle, so each pair gets its own
 * seeded reference walk (never posted to the oracle control), starting from the pair's current mid (or last trade),
 * else `openingPrices`, else {@link DEFAULT_SPOT_START_PRICES}. The agents quote and trade them with spot orders (asset
 * 10000 + pair index) paid from their spot balances, which `start()` tops up with the dev control
 * `/hyperlocal/spot-genesis` (USDC and each simulated base token; the engine's `spotGenesis`).
 *
 * `start()` reads the universe, funds the agents, sets the first oracle prices and places the ladders, then (unless
 * `autoStep: false`) steps every `tickMs` until `stop()`; `step()` runs one step by hand. Steps never overlap and
 * never throw on an exchange error: errors are counted in `stats`.
 */

import { Maker, type MakerOptions } from "./agents/maker.ts";
import { Taker, type TakerOptions } from "./agents/taker.ts";
import { emptyStats, SimClient, type SimStats, SimWallet, type Transport } from "./client.ts";
import {
  DEFAULT_SPOT_START_PRICES,
  DEFAULT_START_PRICES,
  makeMarket,
  makeSpotMarket,
  moveOracle,
  oracleString,
  type SimMarket,
} from "./oracle.ts";
import { sizeForNotional } from "./price.ts";
import { Rng } from "./rng.ts";

export type { SimPath, SimStats, Transport } from "./client.ts";
export { httpTransport } from "./client.ts";

export interface SimulatorOptions {
  /**
   * Posts JSON to `/info`, `/exchange`, `/hyperlocal/fund`, `/hyperlocal/spot-genesis` or `/hyperlocal/oracle` and
   * resolves with the reply.
   */
  readonly transport: Transport;
  /** Same seed, same market. */
  readonly seed: string | number;
  /**
   * Coins to simulate, perps by name and spot pairs by wire name (`PURR/USDC`, `@1`) (default: every listed perp and
   * spot pair with a known or current price).
   */
  readonly markets?: readonly string[];
  /** Time between steps, ms; also the volatility scale of one step (default 500). */
  readonly tickMs?: number;
  /** Clock for nonces, ms (default `Date.now`). */
  readonly clock?: () => number;
  /** Starting oracle prices by coin; otherwise the exchange's current oracle/mark price, else a built-in default. */
  readonly startPrices?: Readonly<Record<string, number>>;
  /**
   * Prices for markets the exchange has no price for yet, by coin (a spot pair with no book and no trade; a perp
   * without an oracle price), over the built-in defaults. Unlike `startPrices`, a current price wins.
   */
  readonly openingPrices?: Readonly<Record<string, number>>;
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
  /** Current oracle prices (wire strings) by coin; for spot pairs, the simulator's reference prices. */
  prices(): Record<string, string>;
  /** The agents' addresses. */
  readonly addresses: { readonly makers: readonly string[]; readonly takers: readonly string[] };
}

const MAKER_FUNDS = "10000000";
const TAKER_FUNDS = "1000000";
/** Spot funds, USD: this much USDC and, per simulated spot pair, this much of its base token at the start price. */
const MAKER_SPOT_USD = 200_000;
const TAKER_SPOT_USD = 50_000;

interface MetaUniverse {
  universe: { name: string; szDecimals: number; isDelisted?: boolean }[];
}

interface SpotMetaUniverse {
  universe: { name: string; tokens: [number, number]; index: number }[];
  tokens: { name: string; szDecimals: number; index: number }[];
}

interface SpotBalances {
  balances?: { coin: string; total: string }[];
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

  /** Posts the perps' oracle prices (spot pairs have no oracle: their reference stays in the simulator). */
  async function postOracle(): Promise<void> {
    const perps = markets.filter((m) => !m.spot);
    if (perps.length === 0) return;
    const prices: Record<string, string> = {};
    for (const m of perps) prices[m.coin] = oracleString(m);
    await client.dev("/hyperlocal/oracle", { prices });
  }

  async function fund(address: string, amount: string): Promise<void> {
    const state = (await client.info({ type: "clearinghouseState", user: address })) as
      | { marginSummary?: { accountValue?: string } }
      | undefined;
    const value = Number(state?.marginSummary?.accountValue ?? 0);
    if (value < Number(amount) / 2) await client.dev("/hyperlocal/fund", { address, amount });
  }

  /** Spot tokens an agent should hold (token name → whole tokens): USDC and each simulated pair's base token. */
  function spotFunds(usd: number, baseTokens: readonly { token: string; px: number; szDecimals: number }[]) {
    const funds: [string, string][] = [["USDC", String(usd)]];
    for (const b of baseTokens) funds.push([b.token, sizeForNotional(usd, b.px, b.szDecimals)]);
    return funds;
  }

  /** Tops up an agent's spot tokens: a token below half its amount gets the amount again (`spotGenesis`). */
  async function fundSpot(address: string, funds: readonly [string, string][]): Promise<void> {
    if (funds.length <= 1) return;
    const state = (await client.info({ type: "spotClearinghouseState", user: address })) as SpotBalances | undefined;
    const balances = Array.isArray(state?.balances) ? state.balances : [];
    for (const [token, amount] of funds) {
      const total = Number(balances.find((b) => b.coin === token)?.total ?? 0);
      if (total < Number(amount) / 2) await client.dev("/hyperlocal/spot-genesis", { address, token, amount });
    }
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
      const px =
        options.startPrices?.[u.name] ??
        (current > 0 ? current : (options.openingPrices?.[u.name] ?? DEFAULT_START_PRICES[u.name]));
      if (px === undefined || !(px > 0)) return;
      markets.push(makeMarket(u.name, asset, u.szDecimals, px, tickMs, options.volatility?.[u.name]));
      oracleRngs.set(u.name, root.fork(`oracle:${u.name}`));
    });
    // Spot pairs, after the perps: their own reference walks (spot has no oracle).
    const spotMeta = (await client.info({ type: "spotMeta" })) as SpotMetaUniverse | undefined;
    const spotCtxs = (await client.info({ type: "spotMetaAndAssetCtxs" })) as
      | [unknown, { coin?: string; midPx?: string | null; markPx?: string }[]]
      | undefined;
    const baseTokens: { token: string; px: number; szDecimals: number }[] = [];
    for (const u of Array.isArray(spotMeta?.universe) ? spotMeta.universe : []) {
      if (wanted !== undefined && !wanted.has(u.name)) continue;
      const base = spotMeta?.tokens.find((t) => t.index === u.tokens[0]);
      if (base === undefined) continue;
      const ctx = Array.isArray(spotCtxs) ? spotCtxs[1]?.find((c) => c.coin === u.name) : undefined;
      const current = Number(ctx?.midPx ?? 0) || Number(ctx?.markPx ?? 0);
      const px =
        options.startPrices?.[u.name] ??
        (current > 0 ? current : (options.openingPrices?.[u.name] ?? DEFAULT_SPOT_START_PRICES[u.name]));
      if (px === undefined || !(px > 0)) continue;
      markets.push(makeSpotMarket(u.name, 10_000 + u.index, base.szDecimals, px, tickMs, options.volatility?.[u.name]));
      oracleRngs.set(u.name, root.fork(`oracle:${u.name}`));
      if (!baseTokens.some((b) => b.token === base.name))
        baseTokens.push({ token: base.name, px, szDecimals: base.szDecimals });
    }
    makers = makerWallets.map((w, i) => new Maker(i, w, root.fork(`maker:${i}`), markets, options.maker));
    takers = takerWallets.map((w, i) => new Taker(i, w, root.fork(`taker:${i}`), options.taker));
    for (const w of makerWallets) await fund(w.address, MAKER_FUNDS);
    for (const w of takerWallets) await fund(w.address, TAKER_FUNDS);
    for (const w of makerWallets) await fundSpot(w.address, spotFunds(MAKER_SPOT_USD, baseTokens));
    for (const w of takerWallets) await fundSpot(w.address, spotFunds(TAKER_SPOT_USD, baseTokens));
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
