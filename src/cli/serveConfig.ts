/**
 * @module cli/serveConfig
 * `hyperlocal serve`'s settings: its defaults, an optional JSON config file (`--config hyperlocal.json`) and its
 * flags, in that order of precedence (a flag beats the file, the file beats the default). The file is checked with
 * valibot: an unknown key or a bad value is an error naming the key, like an unknown flag. Units are the ones users
 * know: fees as percentage strings (`"0.045%"`), durations as milliseconds or `"1h"`, `"30m"`, `"10s"`, amounts of
 * money in USD (`100000`).
 */

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as v from "valibot";
import type { NetworkPolicy } from "../api/context.ts";
import { SUB_ACCOUNT_MIN_VOLUME } from "../core/clearinghouse/identity.ts";
import { type EngineConfig, FEE_SCALE } from "../core/config.ts";
import type { EngineOptions, MarketConfig } from "../core/index.ts";
import { DEFAULT_MARGIN_TABLES } from "../core/markets/marginTables.ts";
import type { Cadence } from "../feeds/index.ts";
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevelSetting } from "./log.ts";

/** Where data lives unless `--data-dir` says otherwise: a folder in the working directory. */
export const DEFAULT_DATA_DIR = ".hyperlocal";
/** The Python SDK's `LOCAL_API_URL` port, so `http://localhost:3001` works out of the box. @see §7.1 */
export const DEFAULT_PORT = 3001;
export const DEFAULT_SEED = "hyperlocal";

export const NETWORKS: Readonly<Record<string, NetworkPolicy>> = {
  both: { sources: ["a", "b"], chains: ["Mainnet", "Testnet"] },
  mainnet: { sources: ["a"], chains: ["Mainnet"] },
  testnet: { sources: ["b"], chains: ["Testnet"] },
};

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

/**
 * Opening reference prices of the spot pairs, by wire name (`PURR/USDC`, `@1` = HYPE/USDC). Spot has no oracle: these
 * start the simulator's own reference walk for a pair that has no book and no trade yet (a restarted server keeps its
 * pairs' current prices).
 */
export const SPOT_OPENING_PRICES: Readonly<Record<string, string>> = {
  "PURR/USDC": "0.2",
  "@1": "25",
};

/** The engine settings `serve` can change. They apply to a new data directory only (an existing one keeps its own). */
export type ServeEngineConfig = Pick<
  EngineOptions,
  "markets" | "takerFee" | "makerFee" | "fundingIntervalMs" | "subAccountMinVolume"
>;

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
  /**
   * Engine settings for a new data directory (markets, fees, funding interval, sub-account volume gate); absent keys
   * keep the defaults.
   */
  readonly engine?: ServeEngineConfig;
  /** Opening oracle prices by coin, over the built-in ones (`price` of a configured market). */
  readonly openingPrices?: Readonly<Record<string, string>>;
  /** Push intervals (ms) of the periodic WebSocket channels, over the defaults. */
  readonly cadence?: Partial<Cadence>;
  /** Default `info`. */
  readonly logLevel?: LogLevelSetting;
  /** Default: `pretty` when stdout is a terminal, `json` otherwise. */
  readonly logFormat?: LogFormat;
}

const CADENCE_KEYS = ["l2Book", "l2BookFast", "allMids", "assetCtxs", "userState"] as const;

export const SERVE_HELP = `Usage: hyperlocal serve [options]

  --config FILE          read settings from a JSON file (e.g. hyperlocal.json; keys below); flags override it
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
  --taker-fee P          taker fee as a percentage (default 0.045%)
  --maker-fee P          maker fee as a percentage, negative for a rebate (default 0.015%)
  --funding-interval D   time between funding payments, ms or 1h, 30m, 10s (default 1h); each payment
                         is the hourly rate
  --sub-account-min-volume USD
                         volume a user must have traded before createSubAccount, in USD (default
                         100000, Hyperliquid's; 0 lets any user create sub-accounts)
                         (fees, funding interval, sub-account volume and markets apply to a NEW data
                         directory only: an existing one keeps those it was created with, and a
                         warning says so)
  --cadence K=MS[,K=MS]  WebSocket push intervals in ms, K one of l2Book (default 500), l2BookFast (500),
                         allMids (1000), assetCtxs (1000; activeAssetCtx too), userState (2000;
                         clearinghouseState, openOrders, activeAssetData, webData2, webData3); repeatable
  --log-level L          debug, info (default), warn, error or silent
  --log-format F         json (one JSON object a line; the default when stdout is not a terminal) or
                         pretty (readable; the default on a terminal)

Config file (JSON; every key optional, unknown keys are errors):
  port, host, dataDir, network, seed, rateLimits, explainSignatures, logLevel, logFormat   as the flags
  sim                    true or false (false = --no-sim)
  dataDir                a relative path is relative to the config file's folder
  markets                the perp universe, replacing the default one (asset index = position in the list):
                         [{"name": "BTC", "szDecimals": 5, "maxLeverage": 40, "price": "100000"}, ...]
                         name, szDecimals (0-6) and maxLeverage (1-100) are required; marginTableId (default
                         maxLeverage, needed from 50x: 51-56 are Hyperliquid's tiered tables), onlyIsolated,
                         isDelisted, impactNotional (USD, default 6000) and price (the opening oracle price,
                         needed for a coin other than the default fourteen) are optional
  fees                   {"taker": "0.045%", "maker": "0.015%"}
  fundingInterval        3600000 or "1h"
  subAccountMinVolume    100000 (USD, a number >= 0, at most 6 decimals)
  cadence                {"l2Book": 500, "l2BookFast": 500, "allMids": 1000, "assetCtxs": 1000, "userState": 2000}

Exit code 2 for a bad flag or config file.
`;

// --- units -----------------------------------------------------------------------------------------------------------

/** `"0.045%"` → 45_000 (parts per 10^8), or undefined if it is not a percentage with at most 6 decimals. */
export function parsePercent(text: string): number | undefined {
  const m = /^(-?)(\d{1,3})(?:\.(\d{1,6}))?%$/.exec(text.trim());
  if (m === null) return undefined;
  const parts = Number(m[2]) * (FEE_SCALE / 100) + Number((m[3] ?? "").padEnd(6, "0"));
  return m[1] === "-" ? -parts : parts;
}

/** 45_000 → `"0.045%"`. */
export function formatPercent(parts: number): string {
  const sign = parts < 0 ? "-" : "";
  const abs = Math.abs(parts);
  const unit = FEE_SCALE / 100;
  const frac = String(abs % unit)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return `${sign}${Math.floor(abs / unit)}${frac === "" ? "" : `.${frac}`}%`;
}

/** `100000` or `"100000"` (USD, ≥ 0, at most 6 decimals) → 10^-6 USD, or undefined. */
export function parseUsd(value: string | number): number | undefined {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (m === null) return undefined;
  const micros = Number(m[1]) * 1_000_000 + Number((m[2] ?? "").padEnd(6, "0"));
  return Number.isSafeInteger(micros) ? micros : undefined;
}

/** 10^-6 USD → `"100000"`, `"0.5"`. */
export function formatUsd(micros: number): string {
  const frac = String(micros % 1_000_000)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return `${Math.floor(micros / 1_000_000)}${frac === "" ? "" : `.${frac}`}`;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `"1h"`, `"30m"`, `"10s"`, `"500ms"` or a plain count of ms → ms, or undefined. */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === "number") return Number.isSafeInteger(text) ? text : undefined;
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (m === null) return undefined;
  const ms = Number(m[1]) * (DURATION_UNITS[m[2] ?? "ms"] as number);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** Shortest funding interval: the premium is sampled every 5 s, so a shorter interval would pay on no samples. */
const MIN_FUNDING_INTERVAL_MS = 5_000;
const MAX_FUNDING_INTERVAL_MS = 7 * 86_400_000;
const MIN_CADENCE_MS = 10;
const MAX_CADENCE_MS = 600_000;
/** Fees are bounded to keep configurations sane: taker 0..1%, maker from −taker (no net payout) to 1%. */
const MAX_FEE = FEE_SCALE / 100;

function checkFundingInterval(ms: number | undefined): string | undefined {
  if (ms === undefined) return 'a duration: milliseconds or "1h", "30m", "10s"';
  if (ms < MIN_FUNDING_INTERVAL_MS || ms > MAX_FUNDING_INTERVAL_MS) return "between 5s and 7d";
  return undefined;
}

function checkCadence(ms: number): string | undefined {
  return Number.isSafeInteger(ms) && ms >= MIN_CADENCE_MS && ms <= MAX_CADENCE_MS
    ? undefined
    : `an integer number of ms in ${MIN_CADENCE_MS}..${MAX_CADENCE_MS}`;
}

/** The fee pair's bounds, or what is wrong (`where` names the keys or flags). */
function checkFees(taker: number, maker: number, where: { taker: string; maker: string }): string | undefined {
  if (taker < 0 || taker > MAX_FEE) return `${where.taker}: between 0% and 1% (got ${formatPercent(taker)})`;
  if (maker < -taker || maker > MAX_FEE) {
    return `${where.maker}: between minus the taker fee (${formatPercent(-taker)}) and 1% (got ${formatPercent(maker)})`;
  }
  return undefined;
}

// --- the config file ---------------------------------------------------------------------------------------------

const Integer = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

const Percent = v.pipe(
  v.string('a percentage string such as "0.045%"'),
  v.check((s) => parsePercent(s) !== undefined, 'a percentage string such as "0.045%" (at most 6 decimals)'),
);

const Price = v.pipe(
  v.string('a decimal string such as "100000"'),
  v.regex(/^(?:0|[1-9]\d*)(?:\.\d+)?$/, 'a decimal string such as "100000"'),
  v.check((s) => Number(s) > 0, "a positive price"),
);

const MarketSchema = v.pipe(
  v.strictObject({
    name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{1,20}$/, "1 to 20 letters or digits")),
    szDecimals: Integer(0, 6),
    maxLeverage: Integer(1, 100),
    marginTableId: v.optional(
      v.pipe(
        v.number(),
        v.integer(),
        v.check(
          (id) => (id >= 1 && id < 50) || DEFAULT_MARGIN_TABLES.has(id),
          `1-49 (one tier at that leverage) or one of ${[...DEFAULT_MARGIN_TABLES.keys()].join(", ")}`,
        ),
      ),
    ),
    onlyIsolated: v.optional(v.boolean()),
    isDelisted: v.optional(v.boolean()),
    impactNotional: v.optional(Integer(1, 1_000_000_000)),
    price: v.optional(Price),
  }),
  v.forward(
    v.check((m) => m.marginTableId !== undefined || m.maxLeverage < 50, "needed when maxLeverage is 50 or more"),
    ["marginTableId"],
  ),
);

const Duration = v.pipe(
  v.union([v.number(), v.string()], 'milliseconds or a duration string such as "1h"'),
  v.check((d) => checkFundingInterval(parseDuration(d)) === undefined, 'between 5s and 7d: milliseconds or "1h"'),
);

const Usd = v.pipe(
  v.number("a number of USD such as 100000"),
  v.check((n) => parseUsd(n) !== undefined, "a number of USD >= 0 with at most 6 decimals"),
);

const CadenceMs = v.pipe(
  v.number(),
  v.check((n) => checkCadence(n) === undefined, "an integer in 10..600000 ms"),
);

const FileSchema = v.strictObject({
  port: v.optional(Integer(0, 65_535)),
  host: v.optional(v.pipe(v.string(), v.minLength(1))),
  dataDir: v.optional(v.pipe(v.string(), v.minLength(1))),
  network: v.optional(v.picklist(Object.keys(NETWORKS))),
  seed: v.optional(v.string()),
  sim: v.optional(v.boolean()),
  rateLimits: v.optional(v.picklist(["off", "hyperliquid"])),
  explainSignatures: v.optional(v.boolean()),
  logLevel: v.optional(v.picklist(LOG_LEVELS)),
  logFormat: v.optional(v.picklist(LOG_FORMATS)),
  markets: v.optional(
    v.pipe(
      v.array(MarketSchema),
      v.minLength(1, "at least one market"),
      v.check((ms) => new Set(ms.map((m) => m.name)).size === ms.length, "market names must be unique"),
    ),
  ),
  fees: v.optional(v.strictObject({ taker: v.optional(Percent), maker: v.optional(Percent) })),
  fundingInterval: v.optional(Duration),
  subAccountMinVolume: v.optional(Usd),
  cadence: v.optional(v.strictObject(Object.fromEntries(CADENCE_KEYS.map((k) => [k, v.optional(CadenceMs)])))),
});

type FileConfig = v.InferOutput<typeof FileSchema>;

/** Known keys of each object of the file, by the name of the key that holds it (`""` for the top level). */
const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  "": Object.keys(FileSchema.entries),
  markets: Object.keys((MarketSchema.pipe[0] as { entries: object }).entries),
  fees: ["taker", "maker"],
  cadence: CADENCE_KEYS,
};

/** `markets[1].szDecimals` from an issue's path. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = "";
  for (const item of issue.path ?? []) {
    const key = item.key;
    out += typeof key === "number" ? `[${key}]` : `${out === "" ? "" : "."}${String(key)}`;
  }
  return out;
}

/** A readable line for a valibot issue: the key, then what is wrong. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = pathOf(issue);
  if (issue.kind === "schema" && issue.type === "strict_object" && issue.expected === "never") {
    const parent = (issue.path ?? [])
      .slice(0, -1)
      .filter((p) => typeof p.key === "string")
      .map((p) => p.key as string)
      .pop();
    const known = KNOWN_KEYS[parent ?? ""];
    return `unknown key "${path}"${known === undefined ? "" : ` (known keys here: ${known.join(", ")})`}`;
  }
  if (issue.kind === "schema" && issue.type === "strict_object" && issue.received === "undefined") {
    return `missing key "${path}"`;
  }
  const what = issue.message.replace(/^Invalid (type|length|value|format): /, "");
  return path === "" ? `the file must hold a JSON object (${what})` : `"${path}": ${what}`;
}

/** Reads and checks a config file: its settings, or an error message naming the file and the bad key. */
export function readConfigFile(
  path: string,
  read: (path: string) => string = (p) => readFileSync(p, "utf8"),
): { file: FileConfig } | { error: string } {
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    return { error: `--config ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `--config ${path}: not valid JSON (${(e as Error).message})` };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { error: `--config ${path}: the file must hold a JSON object ({"port": 3001, ...})` };
  }
  const parsed = v.safeParse(FileSchema, json);
  if (!parsed.success) return { error: `--config ${path}: ${parsed.issues.map(describeIssue).join("; ")}` };
  return { file: parsed.output };
}

// --- flags -------------------------------------------------------------------------------------------------------

/** What the flags say: only the settings they name. */
type FlagValues = { -readonly [K in keyof ServeFlags]?: ServeFlags[K] } & {
  config?: string;
  takerFee?: number;
  makerFee?: number;
  fundingIntervalMs?: number;
  subAccountMinVolume?: number;
};

function parseFlagValues(args: readonly string[]): FlagValues | string {
  const flags: FlagValues = {};
  const cadence: { -readonly [K in keyof Cadence]?: number } = {};
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
      case "--config":
        flags.config = value;
        break;
      case "--port": {
        const port = Number(value);
        if (!/^\d+$/.test(value) || port > 65_535) return `--port: not a port: ${value}`;
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
        if (!Object.hasOwn(NETWORKS, value)) return `--network: one of both, mainnet, testnet (got ${value})`;
        flags.network = value;
        break;
      case "--rate-limits":
        if (value !== "off" && value !== "hyperliquid") return `--rate-limits: off or hyperliquid (got ${value})`;
        flags.rateLimits = value;
        break;
      case "--seed":
        flags.seed = value;
        break;
      case "--taker-fee":
      case "--maker-fee": {
        const parts = parsePercent(value);
        if (parts === undefined) return `${flag}: a percentage such as 0.045% (got ${value})`;
        if (flag === "--taker-fee") flags.takerFee = parts;
        else flags.makerFee = parts;
        break;
      }
      case "--funding-interval": {
        const ms = parseDuration(value);
        const problem = checkFundingInterval(ms);
        if (problem !== undefined || ms === undefined) return `--funding-interval: ${problem} (got ${value})`;
        flags.fundingIntervalMs = ms;
        break;
      }
      case "--sub-account-min-volume": {
        const micros = parseUsd(value);
        if (micros === undefined) {
          return `--sub-account-min-volume: a number of USD >= 0 with at most 6 decimals, such as 100000 (got ${value})`;
        }
        flags.subAccountMinVolume = micros;
        break;
      }
      case "--cadence":
        for (const pair of value.split(",")) {
          const [key, ms, ...extra] = pair.split("=");
          if (key === undefined || ms === undefined || extra.length > 0) {
            return `--cadence: KEY=MS pairs such as l2Book=1000 (got ${value})`;
          }
          if (!(CADENCE_KEYS as readonly string[]).includes(key)) {
            return `--cadence: unknown key ${key} (one of ${CADENCE_KEYS.join(", ")})`;
          }
          const problem = /^\d+$/.test(ms) ? checkCadence(Number(ms)) : "an integer number of ms";
          if (problem !== undefined) return `--cadence ${key}: ${problem} (got ${ms})`;
          cadence[key as keyof Cadence] = Number(ms);
        }
        flags.cadence = cadence;
        break;
      case "--log-level":
        if (!(LOG_LEVELS as readonly string[]).includes(value)) {
          return `--log-level: one of ${LOG_LEVELS.join(", ")} (got ${value})`;
        }
        flags.logLevel = value as LogLevelSetting;
        break;
      case "--log-format":
        if (!(LOG_FORMATS as readonly string[]).includes(value)) return `--log-format: json or pretty (got ${value})`;
        flags.logFormat = value as LogFormat;
        break;
      default:
        return `unknown option ${flag}`;
    }
  }
  return flags;
}

/** Drops the keys whose value is undefined (for `exactOptionalPropertyTypes` and for merging). */
function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/**
 * Parses serve's flags (reading `--config FILE` if given), or returns an error message. Precedence: flags, then the
 * file, then the defaults.
 */
export function parseServeFlags(args: readonly string[], read?: (path: string) => string): ServeFlags | string {
  const flags = parseFlagValues(args);
  if (typeof flags === "string") return flags;
  let file: FileConfig = {};
  if (flags.config !== undefined) {
    const r = readConfigFile(flags.config, read);
    if ("error" in r) return r.error;
    file = r.file;
  }

  const fileDataDir =
    file.dataDir === undefined || file.dataDir === ":memory:" || flags.config === undefined
      ? file.dataDir
      : resolve(dirname(flags.config), file.dataDir);

  const takerFee = flags.takerFee ?? (file.fees?.taker === undefined ? undefined : parsePercent(file.fees.taker));
  const makerFee = flags.makerFee ?? (file.fees?.maker === undefined ? undefined : parsePercent(file.fees.maker));
  if (takerFee !== undefined || makerFee !== undefined) {
    const problem = checkFees(takerFee ?? 45_000, makerFee ?? 15_000, {
      taker: flags.takerFee !== undefined ? "--taker-fee" : "fees.taker",
      maker: flags.makerFee !== undefined ? "--maker-fee" : "fees.maker",
    });
    if (problem !== undefined) return problem;
  }
  const fundingIntervalMs =
    flags.fundingIntervalMs ?? (file.fundingInterval === undefined ? undefined : parseDuration(file.fundingInterval));

  let markets: MarketConfig[] | undefined;
  const openingPrices: Record<string, string> = {};
  if (file.markets !== undefined) {
    markets = file.markets.map(({ price, ...m }) => {
      if (price !== undefined) openingPrices[m.name] = price;
      return defined({ ...m, marginTableId: m.marginTableId ?? m.maxLeverage }) as MarketConfig;
    });
  }
  for (const m of markets ?? []) {
    if (openingPrices[m.name] === undefined && OPENING_PRICES[m.name] === undefined) {
      return `--config ${flags.config}: "markets": ${m.name} needs a "price" (its opening oracle price)`;
    }
  }
  const subAccountMinVolume =
    flags.subAccountMinVolume ??
    (file.subAccountMinVolume === undefined ? undefined : parseUsd(file.subAccountMinVolume));
  const engine: ServeEngineConfig = defined({ markets, takerFee, makerFee, fundingIntervalMs, subAccountMinVolume });
  const cadence = defined({ ...(file.cadence ?? {}), ...(flags.cadence ?? {}) }) as Partial<Cadence>;

  const out: { -readonly [K in keyof ServeFlags]: ServeFlags[K] } = {
    port: flags.port ?? file.port ?? DEFAULT_PORT,
    host: flags.host ?? file.host ?? "127.0.0.1",
    dataDir: flags.dataDir ?? fileDataDir ?? DEFAULT_DATA_DIR,
    network: flags.network ?? file.network ?? "both",
    seed: flags.seed ?? file.seed ?? DEFAULT_SEED,
    explainSignatures: flags.explainSignatures ?? file.explainSignatures ?? false,
    rateLimits: flags.rateLimits ?? file.rateLimits ?? "off",
    sim: flags.sim ?? file.sim ?? true,
  };
  if (Object.keys(engine).length > 0) out.engine = engine;
  if (Object.keys(openingPrices).length > 0) out.openingPrices = openingPrices;
  if (Object.keys(cadence).length > 0) out.cadence = cadence;
  const logLevel = flags.logLevel ?? file.logLevel;
  if (logLevel !== undefined) out.logLevel = logLevel;
  const logFormat = flags.logFormat ?? file.logFormat;
  if (logFormat !== undefined) out.logFormat = logFormat;
  return out;
}

/** A market's settings with their defaults filled in, for comparison. */
function marketKey(m: MarketConfig): string {
  return JSON.stringify([
    m.name,
    m.szDecimals,
    m.maxLeverage,
    m.marginTableId,
    m.onlyIsolated ?? false,
    m.isDelisted ?? false,
    m.impactNotional ?? 6_000,
  ]);
}

/**
 * The asked engine settings that the running engine does not have (an existing data directory keeps the
 * configuration it was created with), each as `key (asked X, kept Y)`; empty when they all apply.
 */
export function engineConfigDifferences(asked: ServeEngineConfig, kept: EngineConfig): string[] {
  const out: string[] = [];
  if (asked.takerFee !== undefined && asked.takerFee !== kept.takerFee) {
    out.push(`taker fee (asked ${formatPercent(asked.takerFee)}, kept ${formatPercent(kept.takerFee)})`);
  }
  if (asked.makerFee !== undefined && asked.makerFee !== kept.makerFee) {
    out.push(`maker fee (asked ${formatPercent(asked.makerFee)}, kept ${formatPercent(kept.makerFee)})`);
  }
  if (asked.fundingIntervalMs !== undefined && asked.fundingIntervalMs !== kept.fundingIntervalMs) {
    out.push(`funding interval (asked ${asked.fundingIntervalMs} ms, kept ${kept.fundingIntervalMs} ms)`);
  }
  if (asked.subAccountMinVolume !== undefined) {
    const keptVolume = kept.subAccountMinVolume ?? SUB_ACCOUNT_MIN_VOLUME;
    if (asked.subAccountMinVolume !== keptVolume) {
      out.push(
        `sub-account minimum volume (asked $${formatUsd(asked.subAccountMinVolume)}, kept $${formatUsd(keptVolume)})`,
      );
    }
  }
  if (asked.markets !== undefined) {
    const a = asked.markets.map(marketKey);
    const k = kept.markets.map(marketKey);
    if (a.length !== k.length || a.some((x, i) => x !== k[i])) {
      const names = (ms: readonly MarketConfig[]) => ms.map((m) => m.name).join(", ");
      out.push(`markets (asked ${names(asked.markets)}; kept ${names(kept.markets)})`);
    }
  }
  return out;
}
