/**
 * @module server/app
 * The one place that wires everything: the store and recovery, the engine, the history tables, the sequencer, the
 * clock that lets time pass (funding, dead man's switches), the HTTP server over the api handlers, and the WebSocket
 * endpoint `/ws` on the same port (the feeds hub, fed with every durable tick's events).
 * `createApp(options) → App`; `listen()` opens the port, `close()` closes the sockets, finishes the tick, snapshots
 * and closes the file.
 */

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Address, Engine, EngineOptions, Event, UnstampedCommand } from "../core/index.ts";
import { BOTH_NETWORKS, type ExchangeContext, type NetworkPolicy } from "../api/context.ts";
import { handleExchange } from "../api/exchange/index.ts";
import { handleInfo } from "../api/info/index.ts";
import { History } from "../journal/history.ts";
import { recover } from "../journal/recover.ts";
import { MEMORY, Store, type SyncMode } from "../journal/store.ts";
import { batchLength, exchangeWeight, infoWeight } from "../api/weights.ts";
import type { TickEvents } from "../feeds/channel.ts";
import { type ChannelRegistry, Hub } from "../feeds/hub.ts";
import { type Cadence, CHANNELS, NOT_BUILT_CHANNELS } from "../feeds/index.ts";
import { devRoutes } from "./dev.ts";
import { type LogFn, NO_LOG } from "./log.ts";
import { createHttpServer, type HttpAnswer, type HttpRoutes } from "./http.ts";
import { AddressBudget, IpLimiter } from "./rateLimit.ts";
import { Sequencer } from "./sequencer.ts";
import { attachWebSocket, HYPERLIQUID_WS_LIMITS, NO_WS_LIMITS, type WsLimits } from "./ws.ts";

export interface AppOptions {
  /** Data directory, or `:memory:` for an ephemeral exchange. */
  readonly dataDir: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Engine configuration for a new data directory (a recovered one keeps its own). */
  readonly engine: EngineOptions;
  /** Signing networks accepted. */
  readonly network: NetworkPolicy;
  /** Wall clock, ms. */
  readonly clock: () => number;
  /** Log an explanation of every signature that recovers to an unknown signer. */
  readonly explainSignatures: boolean;
  /** How often the clock checks for due funding samples, payments and scheduled cancels, ms. */
  readonly tickMs: number;
  readonly maxBodyBytes: number;
  /**
   * `deferred` (default): the journal's sync runs off the event loop and answers wait for it; `full`: SQLite syncs
   * inside every commit. Both acknowledge only what is on disk.
   */
  readonly syncMode: SyncMode;
  /** `off` (local use, the default) or `hyperliquid`: IP weights and the address budget as on Hyperliquid. */
  readonly rateLimits: "off" | "hyperliquid";
  /** Close a WebSocket after this long with no frame sent or received, ms (Hyperliquid: 60 s). */
  readonly wsIdleTimeoutMs: number;
  /** Close a WebSocket whose unsent data passes this many bytes (a consumer too slow to read). */
  readonly wsMaxBufferedBytes: number;
  /** Overrides of the WebSocket limits (§1.9); the base is `rateLimits`' (none when off, Hyperliquid's otherwise). */
  readonly wsLimits?: Partial<WsLimits>;
  /** The channels `/ws` serves (default: the feeds registry). */
  readonly channels?: ChannelRegistry;
  /**
   * Push intervals (ms) of the periodic WebSocket channels for this server, over the defaults (`CADENCE_MS`):
   * `{ l2Book: 1000 }` changes the book's cadence and keeps the others.
   */
  readonly cadence?: Partial<Cadence>;
  /** Structured log sink (`hyperlocal serve` gives it a pino logger; the server never sees pino). */
  readonly log: LogFn;
}

export const DEFAULT_APP_OPTIONS: AppOptions = {
  dataDir: MEMORY,
  host: "127.0.0.1",
  port: 3001,
  engine: {},
  network: BOTH_NETWORKS,
  clock: Date.now,
  explainSignatures: false,
  tickMs: 1_000,
  maxBodyBytes: 1 << 20,
  rateLimits: "off",
  syncMode: "deferred",
  wsIdleTimeoutMs: 60_000,
  wsMaxBufferedBytes: 16 * 1024 * 1024,
  log: NO_LOG,
};

export interface App {
  readonly engine: Engine;
  readonly options: AppOptions;
  /** `http://host:port` once listening. */
  readonly url: string;
  /** `ws://host:port/ws` once listening. */
  readonly wsUrl: string;
  readonly port: number;
  /** What recovery did on start. */
  readonly recovered: { readonly seq: number; readonly fromSnapshot: number; readonly replayed: number };
  listen(): Promise<void>;
  /** Sequences a command (journaled, applied) and resolves with its events. */
  submit(command: UnstampedCommand): Promise<Event[]>;
  /** Credits USDC to an address (the local faucet). `usd` is a decimal string or a number of dollars. */
  fund(address: string, usd: string | number): Promise<void>;
  /** Sets oracle prices by coin name (`{ BTC: "65000" }`). */
  setOracle(prices: Readonly<Record<string, string>>): Promise<Event[]>;
  /** Closes every WebSocket connection (a dev control: clients see a drop and reconnect). */
  dropConnections(): void;
  /** Adds a dev control under `/hyperlocal/` (the CLI adds the simulator's). */
  addDevRoute(name: string, handler: (body: unknown) => Promise<HttpAnswer>): void;
  /**
   * Stops taking requests, closes every socket, finishes the tick, snapshots and closes the store (releasing the data
   * directory). `{ snapshot: false }` skips the snapshot: `serve` closes so when it cannot open its port, to leave the
   * directory as it found it.
   */
  close(options?: { readonly snapshot?: boolean }): Promise<void>;
}

/** Builds the exchange (recovering its data directory); call `listen()` to open the port. */
export async function createApp(overrides: Partial<AppOptions> = {}): Promise<App> {
  const options: AppOptions = { ...DEFAULT_APP_OPTIONS, ...overrides };
  const { log, clock } = options;
  const store = Store.open(options.dataDir, options.syncMode);
  let history: History;
  let recovered: ReturnType<typeof recover>;
  try {
    history = new History(store.db);
    recovered = recover(store, options.engine);
  } catch (e) {
    store.close(); // releases the data directory's lock for the next attempt
    throw e;
  }
  const engine = recovered.engine;
  log("info", "recovered", {
    dataDir: options.dataDir,
    seq: recovered.seq,
    fromSnapshot: recovered.fromSnapshot,
    replayed: recovered.replayed,
  });
  let fatal: unknown;
  // The feeds: the events of the commands released together (one durable tick) are gathered and handed to the hub
  // once, in a microtask queued before the callers' continuations.
  let hub: Hub | undefined;
  let tickEvents: Event[] = [];
  let tickTime = 0;
  let publishQueued = false;
  const publishTick = () => {
    publishQueued = false;
    const tick: TickEvents = { time: tickTime, events: tickEvents };
    tickEvents = [];
    hub?.publish(tick);
  };
  const sequencer = new Sequencer(engine, store, recovered.seq, {
    clock,
    history,
    publish: (_seq, command, events) => {
      for (const e of events) tickEvents.push(e);
      tickTime = command.time;
      if (!publishQueued) {
        publishQueued = true;
        queueMicrotask(publishTick);
      }
    },
    onFatal: (error) => {
      fatal = error;
      log("error", "engine failed: the exchange stops taking commands", { error: String(error) });
    },
  });
  // A new data directory records its engine configuration at once (a snapshot of the empty engine at entry 0): a
  // journal that is later replayed without a newer snapshot (a crash before the first periodic one) then replays under
  // the configuration it was written with, never under the options of the next start.
  if (recovered.seq === 0 && options.dataDir !== MEMORY) sequencer.snapshot();
  const submit = (command: UnstampedCommand) => sequencer.submit(command);
  const limits = options.rateLimits === "hyperliquid";
  const ipLimiter = limits ? new IpLimiter(clock) : undefined;
  const addressBudget = limits ? new AddressBudget() : undefined;
  const ctx: ExchangeContext = {
    engine,
    history,
    now: clock,
    submit,
    network: options.network,
    ...(options.explainSignatures ? { explain: (text: string) => log("info", text) } : {}),
    ...(addressBudget === undefined
      ? {}
      : {
          requestsUsed: (user: Address) => addressBudget.usedBy(user),
          limitAddress: (user: Address, action: unknown) => {
            const isCancel =
              (action as { type?: unknown }).type === "cancel" ||
              (action as { type?: unknown }).type === "cancelByCloid";
            return addressBudget.take(user, batchLength(action), engine.volumeOf(user), isCancel);
          },
        }),
  };
  const devPosts = devRoutes({ engine, submit, dropConnections: () => ws.dropConnections() });
  const routes: HttpRoutes = {
    info: (body, ip) => {
      const out = handleInfo(ctx, body);
      if (ipLimiter === undefined || out.status !== 200) return out;
      const type = (body as { type: string }).type;
      return ipLimiter.take(ip, infoWeight(type, out.json)) ? out : TOO_MANY;
    },
    exchange: (body, ip) => {
      if (ipLimiter !== undefined && !ipLimiter.take(ip, exchangeWeight((body as { action?: unknown })?.action))) {
        return Promise.resolve(TOO_MANY);
      }
      return handleExchange(ctx, body);
    },
    get: { "/health": () => ({ status: fatal === undefined ? "ok" : "failed", seq: sequencer.lastSeq }) },
    post: devPosts,
  };
  const server: Server = createHttpServer(routes, {
    maxBodyBytes: options.maxBodyBytes,
    onError: (error, path) => log("error", `request to ${path} failed`, { error: String(error) }),
  });
  hub = new Hub(ctx, options.channels ?? { channels: CHANNELS, notBuilt: NOT_BUILT_CHANNELS }, {
    onError: (error, where) => log("error", `feed ${where} failed`, { error: String(error) }),
    ...(options.cadence === undefined ? {} : { cadence: options.cadence }),
  });
  const ws = attachWebSocket(server, {
    hub,
    info: routes.info,
    exchange: routes.exchange,
    limits: { ...(limits ? HYPERLIQUID_WS_LIMITS : NO_WS_LIMITS), ...options.wsLimits },
    idleTimeoutMs: options.wsIdleTimeoutMs,
    maxBufferedBytes: options.wsMaxBufferedBytes,
    maxFrameBytes: options.maxBodyBytes,
    log,
  });

  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let port = options.port;

  /** Lets time pass in the engine when something is due (a tick is a journaled command like any other). */
  const tick = () => {
    if (fatal !== undefined || closed) return;
    const due = engine.nextDueTime();
    if (due !== undefined && clock() >= due) submit({ type: "tick" }).catch(() => {});
  };

  const app: App = {
    engine,
    options,
    recovered: { seq: recovered.seq, fromSnapshot: recovered.fromSnapshot, replayed: recovered.replayed },
    get url() {
      return `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`;
    },
    get wsUrl() {
      return `ws://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}/ws`;
    },
    get port() {
      return port;
    },
    dropConnections: () => ws.dropConnections(),
    addDevRoute: (name, handler) => {
      devPosts[`/hyperlocal/${name}`] = handler;
    },
    listen: () =>
      new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, options.host, () => {
          server.off("error", reject);
          port = (server.address() as AddressInfo).port;
          timer = setInterval(tick, options.tickMs);
          timer.unref();
          log("info", "listening", { url: app.url, ws: app.wsUrl });
          resolve();
        });
      }),
    submit,
    fund: async (address, usd) => {
      const micro = typeof usd === "number" ? Math.round(usd * 1_000_000) : dollarsToMicro(usd);
      await submit({ type: "deposit", user: address.toLowerCase() as Address, usd: micro });
    },
    setOracle: (prices) => {
      const list = Object.entries(prices).map(([coin, price]) => {
        const market = engine.state.universe.byCoin(coin);
        if (market === undefined) throw new Error(`setOracle: unknown coin ${coin}`);
        return { asset: market.asset, price };
      });
      return submit({ type: "setOracle", prices: list });
    },
    close: async (closeOptions) => {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      await ws.close();
      hub?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sequencer.drain();
      const snapshot = fatal === undefined && closeOptions?.snapshot !== false;
      if (snapshot) sequencer.snapshot();
      store.close();
      log("info", "closed", { seq: sequencer.lastSeq, snapshot });
    },
  };
  return app;
}

/** Over the IP weight budget. The body is undocumented (§0.1, UNCERTAIN): plain text, which every SDK reports as is. */
const TOO_MANY: HttpAnswer = { status: 429, text: "Too many requests: over the IP weight limit of 1200 per minute." };

/** `"1000.5"` → 1000500000 (10^-6 USD). */
function dollarsToMicro(text: string): number {
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (m === null) throw new Error(`invalid USD amount ${text}`);
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? "").padEnd(6, "0"));
}
