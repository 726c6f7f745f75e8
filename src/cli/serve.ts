/**
 * @module cli/serve
 * `hyperlocal serve`: starts the exchange (HTTP /info and /exchange, WebSocket /ws) on its defaults or the given flags, funds the
 * ten deterministic dev accounts on a new data directory, gives every market an opening oracle price, starts the
 * market simulator (unless `--no-sim`), prints what a user needs on one screen, and shuts down cleanly on SIGINT or SIGTERM (finish the tick, snapshot, close the file).
 */

import { secp256k1 } from "@noble/curves/secp256k1.js";
import type { NetworkPolicy } from "../api/context.ts";
import { keccak256, toHex, utf8 } from "../api/signing/eip712.ts";
import { publicKeyToAddress } from "../api/signing/recover.ts";
import { type App, createApp } from "../server/app.ts";
import { createSimulator, httpTransport, type Simulator } from "../sim/simulator.ts";
import type { Io } from "./io.ts";

/** Where data lives unless `--data-dir` says otherwise: a folder in the working directory. */
export const DEFAULT_DATA_DIR = ".hyperlocal";
/** The Python SDK's `LOCAL_API_URL` port, so `http://localhost:3001` works out of the box. @see §7.1 */
export const DEFAULT_PORT = 3001;
export const DEFAULT_SEED = "hyperlocal";
export const DEV_ACCOUNTS = 10;
/** USDC each dev account receives on a new data directory. */
export const DEV_BALANCE = 1_000_000;

/** Opening oracle prices for markets that have none yet (round figures; a simulator moves them later). */
export const OPENING_PRICES: Readonly<Record<string, string>> = {
  BTC: "100000",
  ETH: "3500",
  ATOM: "5",
  MATIC: "0.5",
  DYDX: "1",
  SOL: "200",
  AVAX: "30",
  BNB: "700",
  APE: "1",
  OP: "2",
  LTC: "100",
  ARB: "0.5",
  DOGE: "0.2",
  INJ: "20",
};

const NETWORKS: Readonly<Record<string, NetworkPolicy>> = {
  both: { sources: ["a", "b"], chains: ["Mainnet", "Testnet"] },
  mainnet: { sources: ["a"], chains: ["Mainnet"] },
  testnet: { sources: ["b"], chains: ["Testnet"] },
};

export interface ServeFlags {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly network: keyof typeof NETWORKS;
  readonly seed: string;
  readonly explainSignatures: boolean;
  readonly rateLimits: "off" | "hyperliquid";
  /** Run the market simulator (`--no-sim` turns it off). */
  readonly sim: boolean;
}

export const SERVE_HELP = `Usage: hyperlocal serve [options]

  --port N               HTTP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H               interface to listen on (default 127.0.0.1, loopback only)
  --data-dir DIR         where the journal, snapshots and history live (default ./${DEFAULT_DATA_DIR});
                         :memory: keeps everything in memory and forgets it on exit
  --network N            signatures accepted: both (default), mainnet (source "a"), testnet (source "b")
  --seed S               seed of the dev accounts and of the market simulator (default "${DEFAULT_SEED}"):
                         the same seed gives the same accounts and the same market
  --no-sim               no market simulator: the books hold only what clients place
  --rate-limits MODE     off (default: unlimited, for local use) or hyperliquid (IP weights, 1200 a
                         minute, and the per-address request budget, as on Hyperliquid)
  --explain-signatures   log how every signature from an unknown signer was hashed and what it recovered to
`;

/** Parses serve's flags, or returns an error message. */
export function parseServeFlags(args: readonly string[]): ServeFlags | string {
  const flags: { -readonly [K in keyof ServeFlags]: ServeFlags[K] } = {
    port: DEFAULT_PORT,
    host: "127.0.0.1",
    dataDir: DEFAULT_DATA_DIR,
    network: "both",
    seed: DEFAULT_SEED,
    explainSignatures: false,
    rateLimits: "off",
    sim: true,
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] as string;
    if (flag === "--explain-signatures") {
      flags.explainSignatures = true;
      continue;
    }
    if (flag === "--no-sim") {
      flags.sim = false;
      continue;
    }
    const value = args[++i];
    if (value === undefined) return `${flag} needs a value`;
    switch (flag) {
      case "--port": {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65_535) return `--port: not a port: ${value}`;
        flags.port = port;
        break;
      }
      case "--host":
        flags.host = value;
        break;
      case "--data-dir":
        flags.dataDir = value;
        break;
      case "--network":
        if (!(value in NETWORKS)) return `--network: one of both, mainnet, testnet (got ${value})`;
        flags.network = value;
        break;
      case "--rate-limits":
        if (value !== "off" && value !== "hyperliquid") return `--rate-limits: off or hyperliquid (got ${value})`;
        flags.rateLimits = value;
        break;
      case "--seed":
        flags.seed = value;
        break;
      default:
        return `unknown option ${flag}`;
    }
  }
  return flags;
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
  const app = await createApp({
    port: flags.port,
    host: flags.host,
    dataDir: flags.dataDir,
    network: NETWORKS[flags.network] as NetworkPolicy,
    explainSignatures: flags.explainSignatures,
    rateLimits: flags.rateLimits,
    log: (level, message) => (level === "info" ? io.out : io.err)(`[${level}] ${message}\n`),
  });
  const accounts = devAccounts(flags.seed);
  for (const a of accounts) if (!app.engine.hasAccount(a.address)) await app.fund(a.address, DEV_BALANCE);
  const unpriced: Record<string, string> = {};
  for (const m of app.engine.state.universe.markets) {
    const price = OPENING_PRICES[m.name];
    if (price !== undefined && app.engine.assetContext(m.asset)?.oracle === undefined) unpriced[m.name] = price;
  }
  if (Object.keys(unpriced).length > 0) await app.setOracle(unpriced);
  await app.listen();
  let sim: Simulator | undefined;
  if (flags.sim) {
    sim = createSimulator({
      transport: httpTransport(app.url),
      seed: flags.seed,
      tickMs: SIM_TICK_MS,
      onError: (e) => io.err(`[warn] simulator step failed: ${String(e)}\n`),
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
