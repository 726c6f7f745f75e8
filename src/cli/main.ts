/**
 * @module cli/main
 * The `hyperlocal` command line: parses the arguments and runs a command. A shell: it may import src/core, never the
 * reverse.
 */

import { readFileSync } from "node:fs";
import type { Io } from "./io.ts";
import { accountsCommand, fundCommand } from "./accounts.ts";
import { recoverCommand } from "./recover.ts";
import { SERVE_HELP, serveCommand } from "./serve.ts";

export type { Io } from "./io.ts";

const STD_IO: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  outIsTTY: process.stdout.isTTY === true,
};

/** Exit code of a wrong invocation (unknown command or option). */
const USAGE_ERROR = 2;

/** Commands of the target design that do not exist yet. */
const PLANNED = new Set(["sim", "replay", "snapshot"]);

const HELP = `hyperlocal: a local, faithful copy of the Hyperliquid exchange for bot developers.

Usage: hyperlocal <command>

Commands:
  serve      Starts the exchange: HTTP POST /info, POST /exchange and WebSocket /ws on port 3001, durable in
             ./.hyperlocal, with ten funded dev accounts. \`hyperlocal serve --help\` lists its options.
  accounts   [--seed S] [--json]: prints the ten dev accounts (address and private key) serve funds.
  fund       ADDRESS AMOUNT [--url URL]: credits USDC to any address on a running server.
  recover    --data-dir DIR [--truncate-after N] [--drop-snapshot N]: checks that a data directory
             recovers (snapshot + journal), and repairs a damaged one after copying its file.
  help       Shows this text (also --help, -h).
  version    Prints the version (also --version, -v).

Built recently:
  TWAP orders (twapOrder, twapCancel, twapHistory, userTwapSliceFills and their feeds);
  sub-accounts (create, rename, USDC transfer, trading through vaultAddress, subAccounts,
  subAccounts2, userRole).

Not built yet:
  Spot (markets, balances, subAccountSpotTransfer), vaults, triggered TWAPs; some WebSocket feeds
  (spotState, spotAssetCtxs, allDexs*, outcomeMetaUpdates, fastAssetCtxs);
  the \`sim\`, \`replay\` and \`snapshot\` commands.
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
    case "accounts":
      return accountsCommand(rest, io);
    case "fund":
      return fundCommand(rest, io);
    case "serve":
      if (rest.includes("--help") || rest.includes("-h")) {
        io.out(SERVE_HELP);
        return 0;
      }
      return serveCommand(rest, io);
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
