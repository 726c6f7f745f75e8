/**
 * @module test/cli/serveConfig
 * `hyperlocal serve`'s settings: the config file (valid, unknown key, bad value), flags over the file, the units
 * (percentages, durations), `--help` naming every flag and key, and the comparison that warns when an existing data
 * directory keeps its own engine configuration. End to end, as child processes: the file's markets, fees and cadence
 * reach /info and /ws, logs are JSON lines in a pipe, and a restart with other engine settings warns.
 */

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { WebSocket } from "ws";
import { main } from "../../src/cli/main.ts";
import {
  engineConfigDifferences,
  formatPercent,
  formatUsd,
  parseDuration,
  parsePercent,
  parseServeFlags,
  parseUsd,
  SERVE_HELP,
  type ServeFlags,
} from "../../src/cli/serveConfig.ts";
import { startServe } from "../../src/cli/serve.ts";
import { makeConfig } from "../../src/core/config.ts";

/** Parses flags with an in-memory config file at `/cfg/hyperlocal.json`. */
function parse(file: unknown, ...args: string[]): ServeFlags | string {
  const read = (path: string) => {
    if (path !== "/cfg/hyperlocal.json") throw Object.assign(new Error("no such file"), { code: "ENOENT" });
    return typeof file === "string" ? file : JSON.stringify(file);
  };
  return parseServeFlags(["--config", "/cfg/hyperlocal.json", ...args], read);
}

function ok(result: ServeFlags | string): ServeFlags {
  assert.equal(typeof result, "object", String(result));
  return result as ServeFlags;
}

const VALID = {
  port: 4000,
  host: "0.0.0.0",
  dataDir: "state",
  network: "testnet",
  seed: "s1",
  sim: false,
  rateLimits: "hyperliquid",
  explainSignatures: true,
  logLevel: "warn",
  logFormat: "json",
  markets: [
    { name: "BTC", szDecimals: 5, maxLeverage: 40, marginTableId: 56, impactNotional: 20_000 },
    { name: "HYPE", szDecimals: 2, maxLeverage: 10, price: "25.5", onlyIsolated: true },
  ],
  fees: { taker: "0.05%", maker: "-0.001%" },
  fundingInterval: "1m",
  subAccountMinVolume: 2500.5,
  cadence: { l2Book: 1000, userState: 250 },
};

describe("serve config file", () => {
  it("reads every key of a valid file, in the units documented", () => {
    const f = ok(parse(VALID));
    assert.equal(f.port, 4000);
    assert.equal(f.host, "0.0.0.0");
    assert.equal(f.dataDir, resolve("/cfg", "state"), "a relative dataDir is relative to the file");
    assert.equal(f.network, "testnet");
    assert.equal(f.seed, "s1");
    assert.equal(f.sim, false);
    assert.equal(f.rateLimits, "hyperliquid");
    assert.equal(f.explainSignatures, true);
    assert.equal(f.logLevel, "warn");
    assert.equal(f.logFormat, "json");
    assert.deepEqual(f.engine, {
      markets: [
        { name: "BTC", szDecimals: 5, maxLeverage: 40, marginTableId: 56, impactNotional: 20_000 },
        { name: "HYPE", szDecimals: 2, maxLeverage: 10, marginTableId: 10, onlyIsolated: true },
      ],
      takerFee: 50_000,
      makerFee: -1_000,
      fundingIntervalMs: 60_000,
      subAccountMinVolume: 2_500_500_000,
    });
    assert.deepEqual(f.openingPrices, { HYPE: "25.5" });
    assert.deepEqual(f.cadence, { l2Book: 1000, userState: 250 });
  });

  it("an empty file and no flags give the defaults, with no engine, cadence or log settings", () => {
    const f = ok(parse({}));
    assert.deepEqual(f, {
      port: 3001,
      host: "127.0.0.1",
      dataDir: ".hyperlocal",
      network: "both",
      seed: "hyperlocal",
      explainSignatures: false,
      rateLimits: "off",
      sim: true,
    });
    assert.equal(ok(parseServeFlags([])).port, 3001);
  });

  it("an unknown key is an error naming it, at any depth", () => {
    assert.match(String(parse({ prot: 3000 })), /unknown key "prot" \(known keys here: port, host/);
    assert.match(
      String(parse({ fees: { takr: "0.1%" } })),
      /unknown key "fees\.takr" \(known keys here: taker, maker\)/,
    );
    assert.match(
      String(parse({ markets: [{ name: "BTC", szDecimals: 5, maxLeverage: 40, marginTableId: 56, tick: 1 }] })),
      /unknown key "markets\[0\]\.tick"/,
    );
    assert.match(String(parse({ cadence: { l2book: 100 } })), /unknown key "cadence\.l2book".*l2Book/);
  });

  it("a bad value is an error naming its key", () => {
    assert.match(String(parse({ port: "80" })), /"port": Expected number/);
    assert.match(String(parse({ fees: { taker: 0.045 } })), /"fees\.taker": a percentage string such as "0\.045%"/);
    assert.match(String(parse({ fees: { taker: "0.045" } })), /"fees\.taker": a percentage string/);
    assert.match(String(parse({ fees: { taker: "2%" } })), /fees\.taker: between 0% and 1% \(got 2%\)/);
    assert.match(String(parse({ fees: { maker: "-0.05%" } })), /fees\.maker: between minus the taker fee \(-0\.045%\)/);
    assert.match(String(parse({ fundingInterval: "1 hour" })), /"fundingInterval": between 5s and 7d/);
    assert.match(String(parse({ fundingInterval: 1000 })), /"fundingInterval": between 5s and 7d/);
    assert.match(String(parse({ cadence: { allMids: 1 } })), /"cadence\.allMids": an integer in 10\.\.600000 ms/);
    assert.match(String(parse({ rateLimits: "on" })), /"rateLimits": Expected \("off" \| "hyperliquid"\)/);
    assert.match(String(parse({ markets: [] })), /"markets": at least one market/);
    assert.match(
      String(parse({ markets: [{ name: "BTC", szDecimals: 7, maxLeverage: 40, marginTableId: 56 }] })),
      /"markets\[0\]\.szDecimals": Expected <=6/,
    );
    assert.match(
      String(parse({ markets: [{ name: "BTC", szDecimals: 5, maxLeverage: 50 }] })),
      /"markets\[0\]\.marginTableId": needed when maxLeverage is 50 or more/,
    );
    assert.match(
      String(parse({ markets: [{ name: "BTC", szDecimals: 5, maxLeverage: 10, marginTableId: 77 }] })),
      /"markets\[0\]\.marginTableId": 1-49/,
    );
    assert.match(
      String(
        parse({
          markets: [
            { name: "SOL", szDecimals: 2, maxLeverage: 20 },
            { name: "SOL", szDecimals: 2, maxLeverage: 20 },
          ],
        }),
      ),
      /market names must be unique/,
    );
    assert.match(
      String(parse({ markets: [{ name: "NEWCOIN", szDecimals: 2, maxLeverage: 5 }] })),
      /NEWCOIN needs a "price"/,
    );
    assert.match(String(parse("{ not json")), /not valid JSON/);
    assert.match(String(parse([1, 2])), /must hold a JSON object/);
    assert.match(
      String(parseServeFlags(["--config", "/nowhere/x.json"])),
      /--config \/nowhere\/x\.json: cannot read it/,
    );
  });

  it("flags override the file, key by key", () => {
    const f = ok(
      parse(
        VALID,
        "--port",
        "0",
        "--data-dir",
        ":memory:",
        "--taker-fee",
        "0.07%",
        "--funding-interval",
        "8h",
        "--cadence",
        "l2Book=200,allMids=300",
        "--log-format",
        "pretty",
      ),
    );
    assert.equal(f.port, 0);
    assert.equal(f.dataDir, ":memory:");
    assert.equal(f.engine?.takerFee, 70_000);
    assert.equal(f.engine?.makerFee, -1_000, "the file's maker fee stays");
    assert.equal(f.engine?.fundingIntervalMs, 8 * 3_600_000);
    assert.equal(f.engine?.markets?.length, 2);
    assert.deepEqual(f.cadence, { l2Book: 200, allMids: 300, userState: 250 });
    assert.equal(f.logFormat, "pretty");
    assert.equal(f.logLevel, "warn");
    assert.equal(f.host, "0.0.0.0");
  });

  it("flags alone set fees, funding interval, cadence and logs; bad or unknown flags are errors", () => {
    const f = ok(parseServeFlags(["--maker-fee", "0%", "--cadence", "userState=5000", "--log-level", "debug"]));
    assert.deepEqual(f.engine, { makerFee: 0 });
    assert.deepEqual(f.cadence, { userState: 5000 });
    assert.equal(f.logLevel, "debug");
    assert.match(String(parseServeFlags(["--taker-fee", "0.045"])), /--taker-fee: a percentage such as 0\.045%/);
    assert.match(String(parseServeFlags(["--funding-interval", "1s"])), /--funding-interval: between 5s and 7d/);
    assert.match(String(parseServeFlags(["--cadence", "books=100"])), /--cadence: unknown key books/);
    assert.match(String(parseServeFlags(["--cadence", "l2Book"])), /--cadence: KEY=MS pairs/);
    assert.match(String(parseServeFlags(["--log-level", "loud"])), /--log-level: one of debug, info, warn, error/);
    assert.match(String(parseServeFlags(["--log-format", "xml"])), /--log-format: json or pretty/);
    assert.match(String(parseServeFlags(["--port", "-1"])), /--port: not a port/);
    assert.equal(parseServeFlags(["--fee", "1%"]), "unknown option --fee");
    assert.equal(parseServeFlags(["--config"]), "--config needs a value");
  });

  it("a bad config file exits 2 with the message, as a bad flag does", async () => {
    let err = "";
    const code = await main(["serve", "--config", "/nowhere/hyperlocal.json"], {
      out: () => {},
      err: (t) => {
        err += t;
      },
    });
    assert.equal(code, 2);
    assert.match(err, /^hyperlocal serve: --config \/nowhere\/hyperlocal\.json: cannot read it/);
  });

  it("--help documents every flag and every config key", () => {
    const flags = [
      "--config",
      "--port",
      "--host",
      "--data-dir",
      "--network",
      "--seed",
      "--no-sim",
      "--rate-limits",
      "--explain-signatures",
      "--taker-fee",
      "--maker-fee",
      "--funding-interval",
      "--sub-account-min-volume",
      "--cadence",
      "--log-level",
      "--log-format",
    ];
    for (const flag of flags) assert.ok(SERVE_HELP.includes(`  ${flag} `), `help lacks ${flag}`);
    for (const key of Object.keys(VALID)) assert.ok(SERVE_HELP.includes(key), `help lacks the key ${key}`);
    for (const key of ["marginTableId", "onlyIsolated", "isDelisted", "impactNotional", "price", "l2BookFast"]) {
      assert.ok(SERVE_HELP.includes(key), `help lacks ${key}`);
    }
    // Every flag the parser knows is in the help, and the parser knows every flag in the help.
    for (const flag of SERVE_HELP.match(/^ {2}--[a-z-]+/gm) ?? []) {
      assert.notEqual(parseServeFlags([flag.trim()]), `unknown option ${flag.trim()}`);
    }
  });
});

describe("serve subAccountMinVolume", () => {
  it("the file's USD amount and the flag set the engine's gate in 10^-6 USD; the flag wins", () => {
    assert.deepEqual(ok(parse({ subAccountMinVolume: 0 })).engine, { subAccountMinVolume: 0 });
    assert.deepEqual(ok(parse({ subAccountMinVolume: 100_000 })).engine, { subAccountMinVolume: 100_000_000_000 });
    assert.deepEqual(ok(parse({ subAccountMinVolume: 100_000 }, "--sub-account-min-volume", "0")).engine, {
      subAccountMinVolume: 0,
    });
    assert.deepEqual(ok(parseServeFlags(["--sub-account-min-volume", "12.25"])).engine, {
      subAccountMinVolume: 12_250_000,
    });
    assert.equal(ok(parse({})).engine, undefined, "absent: the engine keeps Hyperliquid's $100,000");
  });

  it("a negative, non-numeric or too precise amount is an error naming the key or flag", () => {
    const file = /"subAccountMinVolume": a number of USD >= 0 with at most 6 decimals/;
    assert.match(String(parse({ subAccountMinVolume: -1 })), file);
    assert.match(String(parse({ subAccountMinVolume: 0.0000001 })), file);
    assert.match(String(parse({ subAccountMinVolume: "100000" })), /"subAccountMinVolume": a number of USD such as/);
    assert.equal(
      parseServeFlags(["--sub-account-min-volume", "-5"]),
      "--sub-account-min-volume: a number of USD >= 0 with at most 6 decimals, such as 100000 (got -5)",
    );
    assert.match(String(parseServeFlags(["--sub-account-min-volume", "1e5"])), /\(got 1e5\)$/);
    assert.equal(parseServeFlags(["--sub-account-min-volume"]), "--sub-account-min-volume needs a value");
  });

  it("parseUsd and formatUsd", () => {
    assert.equal(parseUsd(100_000), 100_000_000_000);
    assert.equal(parseUsd("0.000001"), 1);
    assert.equal(parseUsd("0.0000001"), undefined);
    assert.equal(parseUsd(-1), undefined);
    assert.equal(parseUsd(Number.NaN), undefined);
    assert.equal(formatUsd(100_000_000_000), "100000");
    assert.equal(formatUsd(2_500_500_000), "2500.5");
  });

  it("an existing data directory keeps its gate, and the warning names it", () => {
    const kept = makeConfig();
    assert.deepEqual(engineConfigDifferences({ subAccountMinVolume: 100_000_000_000 }, kept), []);
    assert.deepEqual(engineConfigDifferences({ subAccountMinVolume: 0 }, kept), [
      "sub-account minimum volume (asked $0, kept $100000)",
    ]);
    assert.deepEqual(engineConfigDifferences({ subAccountMinVolume: 0 }, makeConfig({ subAccountMinVolume: 0 })), []);
  });

  it("reaches the engine of a new data directory: createSubAccount with no volume traded", async () => {
    const serving = await startServe(
      {
        ...ok(parseServeFlags(["--port", "0", "--data-dir", ":memory:", "--no-sim", "--sub-account-min-volume", "0"])),
        logLevel: "silent",
      },
      { out: () => {}, err: () => {} },
    );
    try {
      assert.equal(serving.app.engine.state.config.subAccountMinVolume, 0);
    } finally {
      await serving.stop();
    }
  });
});

describe("serve config units", () => {
  it("percentages and durations", () => {
    assert.equal(parsePercent("0.045%"), 45_000);
    assert.equal(parsePercent("-0.001%"), -1_000);
    assert.equal(parsePercent("1%"), 1_000_000);
    assert.equal(parsePercent("0.0000001%"), undefined);
    assert.equal(parsePercent("0.045"), undefined);
    assert.equal(formatPercent(45_000), "0.045%");
    assert.equal(formatPercent(-1_000), "-0.001%");
    assert.equal(formatPercent(1_000_000), "1%");
    assert.equal(parseDuration("1h"), 3_600_000);
    assert.equal(parseDuration("30m"), 1_800_000);
    assert.equal(parseDuration("10s"), 10_000);
    assert.equal(parseDuration("250ms"), 250);
    assert.equal(parseDuration("5000"), 5000);
    assert.equal(parseDuration(60_000), 60_000);
    assert.equal(parseDuration("1.5h"), undefined);
  });

  it("engineConfigDifferences names what an existing data directory keeps", () => {
    const kept = makeConfig();
    assert.deepEqual(engineConfigDifferences({}, kept), []);
    assert.deepEqual(engineConfigDifferences({ takerFee: 45_000, markets: kept.markets }, kept), []);
    const diff = engineConfigDifferences(
      { takerFee: 50_000, makerFee: 15_000, fundingIntervalMs: 60_000, markets: kept.markets.slice(0, 2) },
      kept,
    );
    assert.equal(diff.length, 3, diff.join("\n"));
    assert.equal(diff[0], "taker fee (asked 0.05%, kept 0.045%)");
    assert.equal(diff[1], "funding interval (asked 60000 ms, kept 3600000 ms)");
    assert.match(diff[2] as string, /^markets \(asked BTC, ETH; kept BTC, ETH, ATOM/);
  });
});

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const READY_MS = 30_000;

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** Starts `hyperlocal serve` with stdout and stderr piped (not a terminal) and waits for its "Listening on" line. */
function serve(args: readonly string[]): Promise<Running> {
  const child = spawn(process.execPath, ["bin/hyperlocal.js", "serve", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after ${READY_MS} ms:\n${out}${err}`)), READY_MS);
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Listening on (http:\/\/[^\s]+)\./.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, stdout: () => out, stderr: () => err });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready:\n${out}${err}`));
    });
  });
}

function stop(r: Running): Promise<number | null> {
  return new Promise((resolve) => {
    r.child.once("close", (code) => resolve(code));
    r.child.kill("SIGTERM");
  });
}

async function info(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${url}/info`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200);
  return res.json();
}

/** Counts the l2Book pushes of one coin received over `ms` after the snapshot. */
async function countBookPushes(wsUrl: string, coin: string, ms: number): Promise<number> {
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let frames = 0;
  let counting = false;
  ws.on("message", (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as { channel: string; data: { coin?: string } };
    if (frame.channel !== "l2Book" || frame.data.coin !== coin) return;
    if (counting) frames++;
    else counting = true; // the first frame is the snapshot on subscribe
  });
  ws.send(JSON.stringify({ method: "subscribe", subscription: { type: "l2Book", coin } }));
  const deadline = Date.now() + READY_MS;
  while (!counting && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, ms));
  ws.close();
  return frames;
}

describe("serve --config, end to end", () => {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-config-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const config = join(dir, "hyperlocal.json");
  writeFileSync(
    config,
    JSON.stringify({
      markets: [
        { name: "BTC", szDecimals: 5, maxLeverage: 40, marginTableId: 56 },
        { name: "HYPE", szDecimals: 2, maxLeverage: 10, price: "25" },
      ],
      fees: { taker: "0.05%", maker: "0.01%" },
      fundingInterval: "1m",
      cadence: { l2Book: 50 },
      sim: false,
      port: 0,
      dataDir: "data",
    }),
  );

  it("the file's markets, fees and cadence reach /info and /ws; logs are JSON lines when stdout is a pipe", async () => {
    const r = await serve(["--config", config]);
    try {
      const meta = (await info(r.url, { type: "meta" })) as {
        universe: { name: string; szDecimals: number; maxLeverage: number }[];
      };
      assert.deepEqual(
        meta.universe.map((u) => [u.name, u.szDecimals, u.maxLeverage]),
        [
          ["BTC", 5, 40],
          ["HYPE", 2, 10],
        ],
      );
      const ctxs = (await info(r.url, { type: "metaAndAssetCtxs" })) as [unknown, { oraclePx: string }[]];
      assert.equal(ctxs[1][1]?.oraclePx, "25.0", "the configured opening price");
      const fees = (await info(r.url, { type: "userFees", user: `0x${"11".repeat(20)}` })) as {
        userCrossRate: string;
        userAddRate: string;
      };
      assert.deepEqual([fees.userCrossRate, fees.userAddRate], ["0.0005", "0.0001"]);
      // cadence l2Book = 50 ms: about 20 pushes a second, where the default (500 ms) gives 2.
      const pushes = await countBookPushes(`${r.url.replace("http", "ws")}/ws`, "HYPE", 1000);
      assert.ok(pushes >= 8 && pushes <= 25, `${pushes} l2Book pushes in 1 s at a 50 ms cadence`);
    } finally {
      assert.equal(await stop(r), 0);
    }
    const out = r.stdout();
    assert.ok(out.includes(`Data        ${join(dir, "data")}`), out);
    assert.match(out, /hyperlocal: stopped \(state saved\)\./);
    const logs = out
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: number; time: number; msg: string });
    assert.ok(logs.length >= 3, out);
    for (const l of logs) assert.ok(typeof l.level === "number" && typeof l.time === "number" && l.msg !== "");
    assert.deepEqual(
      logs.map((l) => l.msg).filter((m) => m === "recovered" || m === "listening" || m === "closed"),
      ["recovered", "listening", "closed"],
    );
    assert.equal(r.stderr(), "");
  });

  it("a restart with other engine settings keeps the directory's own and says so", async () => {
    const r = await serve(["--config", config, "--taker-fee", "0.07%", "--log-level", "silent"]);
    try {
      const fees = (await info(r.url, { type: "userFees", user: `0x${"11".repeat(20)}` })) as { userCrossRate: string };
      assert.equal(fees.userCrossRate, "0.0005");
    } finally {
      await stop(r);
    }
    assert.match(
      r.stderr(),
      /hyperlocal serve: warning: .*data keeps the engine configuration it was created with, so these settings are ignored: taker fee \(asked 0\.07%, kept 0\.05%\)\. Use a new --data-dir to apply them\./,
    );
    assert.ok(!r.stdout().includes('{"level"'), "--log-level silent logs nothing");
  });
});
