/**
 * @module cli/serve
 * `hyperlocal serve`: starts the exchange (HTTP /info and /exchange, WebSocket /ws) on its defaults or the given flags, funds the
 * ten deterministic dev accounts on a new data directory (perp USDC, and spot USDC, PURR and HYPE through the engine's
 * `spotGenesis`), gives every market an opening oracle price (spot pairs an opening reference price for the simulator), starts the
 * market simulator (unless `--no-sim`), prints what a user needs on one screen, and shuts down cleanly on SIGINT or SIGTERM (finish the tick, snapshot, close the file).
 * Settings come from flags and `--config FILE` (`serveConfig.ts`); logs go through a pino logger (`log.ts`) handed
 * to the server as a plain function. The banner stays plain text on stdout, whatever the log format.
 */

import { secp256k1 } from "@noble/curves/secp256k1.js";
import type { NetworkPolicy } from "../api/context.ts";
import { keccak256, toHex, utf8 } from "../api/signing/eip712.ts";
import { publicKeyToAddress } from "../api/signing/recover.ts";
import { type App, createApp } from "../server/app.ts";
import { spotGenesisCommand } from "../server/dev.ts";
import { createSimulator, httpTransport, type Simulator } from "../sim/simulator.ts";
import type { Io } from "./io.ts";
import { createLogger, defaultLogFormat } from "./log.ts";
import {
  NETWORKS,
  OPENING_PRICES,
  parseServeFlags,
  SERVE_HELP,
  SPOT_OPENING_PRICES,
  engineConfigDifferences,
  type ServeFlags,
} from "./serveConfig.ts";

export {
  DEFAULT_DATA_DIR,
  DEFAULT_PORT,
  DEFAULT_SEED,
  OPENING_PRICES,
  parseServeFlags,
  SERVE_HELP,
  SPOT_OPENING_PRICES,
  type ServeFlags,
} from "./serveConfig.ts";

export const DEV_ACCOUNTS = 10;
/** USDC each dev account receives on a new data directory. */
export const DEV_BALANCE = 1_000_000;
/**
 * Spot tokens each dev account receives on a new data directory, in whole tokens, beside its perp USDC: created by the
 * engine's `spotGenesis` command (journaled like a deposit), so each shows in the account's
 * `userNonFundingLedgerUpdates` as a `spotGenesis` update, as on Hyperliquid, and in `spotClearinghouseState`.
 */
export const DEV_SPOT_BALANCES: Readonly<Record<string, string>> = {
  USDC: "100000",
  PURR: "100000",
  HYPE: "1000",
};

/** Funds a dev account's spot balances ({@link DEV_SPOT_BALANCES}) through `spotGenesis`. */
async function fundSpot(app: App, address: string): Promise<void> {
  for (const [token, amount] of Object.entries(DEV_SPOT_BALANCES)) {
    const command = spotGenesisCommand(app.engine, address, token, amount);
    if (typeof command === "string") throw new Error(`dev spot balances: ${command}`);
    await app.submit(command);
  }
}

/** A dev account: its private key is keccak-256 of `<seed>:<index>`. */
export interface DevAccount {
  readonly address: string;
  readonly privateKey: string;
}

export function devAccounts(seed: string, count = DEV_ACCOUNTS): DevAccount[] {
  return Array.from({ length: count }, (_, i) => {
    const key = keccak256(utf8(`${seed}:${i}`));
    return { address: publicKeyToAddress(secp256k1.getPublicKey(key, false)), privateKey: toHex(key) };
  });
}

/** A running `serve`: the app and, unless `--no-sim`, the simulator trading on it. */
export interface Serving {
  readonly app: App;
  readonly sim: Simulator | undefined;
  /** Stops the simulator, then closes the app (finish the tick, snapshot, close the file). */
  stop(): Promise<void>;
}

/** Milliseconds between simulator steps. */
const SIM_TICK_MS = 500;

/** Starts the exchange (and the simulator) and prints the banner. */
export async function startServe(flags: ServeFlags, io: Io): Promise<Serving> {
  const log = createLogger({
    level: flags.logLevel ?? "info",
    format: flags.logFormat ?? defaultLogFormat(io.outIsTTY),
    write: io.out,
    colorize: io.outIsTTY === true,
  });
  const app = await createApp({
    port: flags.port,
    host: flags.host,
    dataDir: flags.dataDir,
    network: NETWORKS[flags.network] as NetworkPolicy,
    explainSignatures: flags.explainSignatures,
    rateLimits: flags.rateLimits,
    engine: flags.engine ?? {},
    ...(flags.cadence === undefined ? {} : { cadence: flags.cadence }),
    log,
  });
  if (flags.engine !== undefined) {
    // The engine configuration is part of the data directory's snapshots: an existing directory keeps its own.
    const ignored = engineConfigDifferences(flags.engine, app.engine.state.config);
    if (ignored.length > 0) {
      const message =
        `${flags.dataDir} keeps the engine configuration it was created with, so these settings are ignored: ` +
        `${ignored.join("; ")}. Use a new --data-dir to apply them.`;
      io.err(`hyperlocal serve: warning: ${message}\n`);
      log("warn", "engine settings ignored: the data directory keeps its own", { dataDir: flags.dataDir, ignored });
    }
  }
  // The port first: a port in use (a second `npm start`) fails here, before funding and prices write anything.
  try {
    await app.listen();
  } catch (e) {
    await app.close({ snapshot: false });
    throw e;
  }
  const accounts = devAccounts(flags.seed);
  // A new data directory's dev accounts (an existing directory keeps its own): perp USDC, then spot tokens.
  for (const a of accounts) {
    if (app.engine.hasAccount(a.address)) continue;
    await app.fund(a.address, DEV_BALANCE);
    await fundSpot(app, a.address);
  }
  const unpriced: Record<string, string> = {};
  for (const m of app.engine.state.universe.markets) {
    const price = flags.openingPrices?.[m.name] ?? OPENING_PRICES[m.name];
    if (price !== undefined && app.engine.assetContext(m.asset)?.oracle === undefined) unpriced[m.name] = price;
  }
  if (Object.keys(unpriced).length > 0) await app.setOracle(unpriced);
  let sim: Simulator | undefined;
  if (flags.sim) {
    sim = createSimulator({
      transport: httpTransport(app.url),
      seed: flags.seed,
      tickMs: SIM_TICK_MS,
      openingPrices: Object.fromEntries(Object.entries(SPOT_OPENING_PRICES).map(([coin, px]) => [coin, Number(px)])),
      onError: (e) => log("warn", "simulator step failed", { error: String(e) }),
    });
    await sim.start();
    const running = sim;
    app.addDevRoute("sim", async (body) => {
      const paused = (body as { paused?: unknown } | null)?.paused;
      if (typeof paused !== "boolean")
        return { status: 422, text: 'sim: {"paused": true} or {"paused": false} expected' };
      running.paused = paused;
      return { status: 200, json: { status: "ok", paused, stats: running.stats } };
    });
  }
  const network = NETWORKS[flags.network] as NetworkPolicy;
  const r = app.recovered;
  io.out(
    [
      "hyperlocal: a local Hyperliquid exchange",
      "",
      `  HTTP        ${app.url}   (POST /info, POST /exchange)`,
      `  WebSocket   ${app.wsUrl}   (subscribe, unsubscribe, post, ping; /ws?seq=1 numbers every push)`,
      `  Data        ${flags.dataDir === ":memory:" ? ":memory: (nothing is kept)" : flags.dataDir}` +
        (r.seq > 0 ? `  (recovered ${r.seq} journal entries)` : ""),
      `  Simulator   ${sim === undefined ? "off (--no-sim)" : `on: seed "${flags.seed}", a step every ${SIM_TICK_MS} ms (makers, takers, oracle walk)`}`,
      `  Limits      ${flags.rateLimits === "off" ? "off (local use)" : "Hyperliquid's IP weights and address budget"}`,
      `  Signatures  sources ${network.sources.map((s) => `"${s}"`).join(", ")}; chains ${network.chains.join(", ")}`,
      "",
      `Dev accounts (seed "${flags.seed}", $${DEV_BALANCE.toLocaleString("en-US")} each on a new data directory):`,
      ...accounts.map((a, i) => `  (${i}) ${a.address}  ${a.privateKey}`),
      // One added line (the lines above are parsed by tests and users' scripts and stay as they were).
      `  Each also holds ${Object.entries(DEV_SPOT_BALANCES)
        .map(([token, amount]) => `${Number(amount).toLocaleString("en-US")} ${token}`)
        .join(", ")} on spot.`,
      "",
      `Listening on ${app.url}. Ctrl-C stops it.`,
      "",
    ].join("\n"),
  );
  return {
    app,
    sim,
    stop: async () => {
      sim?.stop();
      await sim?.idle();
      await app.close();
    },
  };
}

/** `hyperlocal serve`: runs until SIGINT or SIGTERM, then closes cleanly. */
export async function serveCommand(args: readonly string[], io: Io): Promise<number> {
  const flags = parseServeFlags(args);
  if (typeof flags === "string") {
    io.err(`hyperlocal serve: ${flags}\n\n${SERVE_HELP}`);
    return 2;
  }
  let serving: Serving;
  try {
    serving = await startServe(flags, io);
  } catch (e) {
    io.err(`hyperlocal serve: ${(e as Error).message}\n`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await serving.stop();
  io.out("hyperlocal: stopped (state saved).\n");
  return 0;
}
