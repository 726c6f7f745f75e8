/**
 * @module cli/main
 * The `hyperlocal` command line: parses the arguments and runs a command. A shell: it may import src/core, never the
 * reverse. The server (/info, /exchange, /ws) is not built yet, so `serve` says so and shows what exists instead: the
 * perp universe and a short deterministic run of the engine.
 */

import { readFileSync } from "node:fs";
import {
  type Command,
  DEFAULT_PERPS,
  Engine,
  type Event,
  formatUnits,
  type Market,
  type OrderRequest,
  type OrderResult,
  rejectText,
} from "../core/index.ts";
import type { Io } from "./io.ts";
import { recoverCommand } from "./recover.ts";

export type { Io } from "./io.ts";

const STD_IO: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Exit code of a wrong invocation (unknown command or option). */
const USAGE_ERROR = 2;

/** Commands of the target design that do not exist yet. */
const PLANNED = new Set(["sim", "replay", "snapshot"]);

const HELP = `hyperlocal: a local, faithful copy of the Hyperliquid exchange for bot developers.

Usage: hyperlocal <command>

Commands:
  serve      Today: says that the server is not built yet, prints the perp markets and runs a
             short deterministic demo of the matching engine, then exits.
  recover    --data-dir DIR [--truncate-after N] [--drop-snapshot N]: checks that a data directory
             recovers (snapshot + journal), and repairs a damaged one after copying its file.
  help       Shows this text (also --help, -h).
  version    Prints the version (also --version, -v).

Not built yet:
  The HTTP server (POST /info, POST /exchange) and the WebSocket (/ws) that \`serve\` will start;
  nonces (signature recovery exists); durable serving (--data-dir: the journal exists, serve does not use it
  yet); spot and TWAP; the \`sim\`, \`replay\` and \`snapshot\` commands.
`;

/** Runs the command line and returns the process exit code. */
export async function main(argv: readonly string[], io: Io = STD_IO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.out(HELP);
      return 0;
    case "version":
    case "--version":
    case "-v":
      io.out(`${readVersion()}\n`);
      return 0;
    case "recover":
      return recoverCommand(rest, io);
    case "serve":
      if (rest.length > 0) {
        io.err(`hyperlocal serve: takes no options yet (got ${rest.join(" ")})\n`);
        return USAGE_ERROR;
      }
      serve(io);
      return 0;
    default:
      if (PLANNED.has(command)) io.err(`hyperlocal: "${command}" is planned but not built yet.\n`);
      else io.err(`hyperlocal: unknown command "${command}". Run "hyperlocal help" for the list of commands.\n`);
      return USAGE_ERROR;
  }
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

// ===== serve (today: markets and an engine demo)

function serve(io: Io): void {
  io.out(
    "hyperlocal serve: the server is not built yet. Nothing is listening: there is no HTTP /info or /exchange\n" +
      "and no WebSocket /ws. They come in later work. What exists today is the deterministic engine:\n\n",
  );
  const engine = Engine.create({ markets: DEFAULT_PERPS });
  const markets = engine.state.universe.markets;
  io.out(`Perp universe (the first ${markets.length} perps of Hyperliquid mainnet, same asset indices):\n`);
  io.out(
    table(
      ["asset", "name", "szDecimals", "maxLeverage", "priceDecimals", "status"],
      markets.map((m) => [
        String(m.asset),
        m.name,
        String(m.szDecimals),
        String(m.maxLeverage),
        String(m.priceDecimals),
        m.isDelisted === true ? "delisted" : "listed",
      ]),
    ),
  );
  io.out("\n");
  demo(io, engine);
}

/** Fixed time of the demo, so that every run prints the same oids, fills and state hash. */
const DEMO_TIME = 1_700_000_000_000;
const ALICE = `0x${"a".repeat(40)}`;
const BOB = `0x${"b".repeat(40)}`;

function limit(isBuy: boolean, price: string, size: string, tif: "Gtc" | "Ioc" | "Alo"): OrderRequest {
  return { asset: 0, isBuy, price, size, reduceOnly: false, kind: { limit: { tif } } };
}

/** Two users trade on BTC: Alice makes both sides, Bob crosses her asks, rests a bid and sends a bad price. */
function demo(io: Io, engine: Engine): void {
  const btc = engine.state.universe.get(0) as Market;
  const names = new Map([
    [ALICE, "alice"],
    [BOB, "bob"],
  ]);
  const who = (user: string) => names.get(user) ?? user;
  const steps: { say: string; cmd: Command }[] = [
    {
      say: "faucet: alice and bob receive $100,000 each",
      cmd: { type: "deposit", time: DEMO_TIME - 2, user: ALICE, usd: 100_000_000_000 },
    },
    { say: "", cmd: { type: "deposit", time: DEMO_TIME - 1, user: BOB, usd: 100_000_000_000 } },
    {
      say: "alice: bid 0.05 @ 99990, ask 0.01 @ 100000, ask 0.02 @ 100010 (Gtc)",
      cmd: {
        type: "order",
        time: DEMO_TIME,
        user: ALICE,
        grouping: "na",
        orders: [
          limit(true, "99990", "0.05", "Gtc"),
          limit(false, "100000", "0.01", "Gtc"),
          limit(false, "100010", "0.02", "Gtc"),
        ],
      },
    },
    {
      say: "bob: buy 0.025 @ 100010 (Gtc, crosses), bid 0.03 @ 99995 (Alo), bid 0.001 @ 99999.55 (bad tick)",
      cmd: {
        type: "order",
        time: DEMO_TIME + 1_000,
        user: BOB,
        grouping: "na",
        orders: [
          limit(true, "100010", "0.025", "Gtc"),
          limit(true, "99995", "0.03", "Alo"),
          limit(true, "99999.55", "0.001", "Gtc"),
        ],
      },
    },
  ];

  io.out(`Engine demo on ${btc.name} (asset ${btc.asset}); the same output on every run:\n`);
  const fills: Extract<Event, { type: "fill" }>[] = [];
  for (const { say, cmd } of steps) {
    if (say !== "") io.out(`  ${say}\n`);
    for (const event of engine.apply(cmd)) {
      if (event.type === "fill") fills.push(event);
      if (event.type === "reply" && event.reply.kind === "order") {
        for (const status of event.reply.statuses) io.out(`    -> ${describeResult(status, btc)}\n`);
      }
    }
  }
  engine.checkInvariants();

  io.out("\nFills:\n");
  io.out(
    table(
      ["tid", "price", "size", "taker", "maker"],
      fills.map((f) => [
        String(f.tid),
        formatUnits(f.price, btc.priceDecimals),
        formatUnits(f.size, btc.szDecimals),
        `${who(f.taker.user)} ${f.takerIsBuy ? "buy" : "sell"} (oid ${f.taker.oid})`,
        `${who(f.maker.user)} (oid ${f.maker.oid})`,
      ]),
    ),
  );

  const levels = engine.depth(btc.asset);
  if (levels === undefined) throw new Error("demo: BTC has no book");
  const [bids, asks] = levels;
  io.out(`\nl2Book ${btc.name} (asks above, bids below, best nearest the line):\n`);
  const row = (side: string) => (l: { price: number; size: number; count: number }) => [
    side,
    formatUnits(l.price, btc.priceDecimals),
    formatUnits(l.size, btc.szDecimals),
    String(l.count),
  ];
  io.out(table(["side", "px", "sz", "n"], [...[...asks].reverse().map(row("ask")), ["---"], ...bids.map(row("bid"))]));

  io.out("\nPositions:\n");
  for (const [user, account] of [...engine.state.accounts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    io.out(`  ${who(user)}: ${formatUnits(account.position(btc.asset), btc.szDecimals)} ${btc.name}\n`);
  }
  io.out(`\nState hash: ${engine.stateHash()}\n`);
}

function describeResult(result: OrderResult, market: Market): string {
  if (typeof result === "string") return result;
  if ("resting" in result) return `resting (oid ${result.resting.oid})`;
  if ("filled" in result) {
    return `filled ${formatUnits(result.filled.totalSize, market.szDecimals)} (oid ${result.filled.oid})`;
  }
  return `error: ${rejectText(result.error)}`;
}

/** A plain text table: columns padded to their widest cell, two spaces apart, indented by two. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const lines = all.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  ")}`.trimEnd());
  return `${lines.join("\n")}\n`;
}
