/**
 * @module cli/accounts
 * `hyperlocal accounts [--seed S] [--json]` prints the dev accounts `serve` funds; `hyperlocal fund ADDRESS AMOUNT
 * [--url URL]` credits any address on a running server through its dev control `/hyperlocal/fund`.
 */

import type { Io } from "./io.ts";
import { DEFAULT_PORT, DEFAULT_SEED, DEV_BALANCE, devAccounts } from "./serve.ts";

export function accountsCommand(args: readonly string[], io: Io): number {
  let seed = DEFAULT_SEED;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") json = true;
    else if (a === "--seed" && args[i + 1] !== undefined) seed = args[++i] as string;
    else {
      io.err(`hyperlocal accounts: unknown option ${a}\nUsage: hyperlocal accounts [--seed S] [--json]\n`);
      return 2;
    }
  }
  const accounts = devAccounts(seed);
  if (json) {
    io.out(
      `${JSON.stringify(
        accounts.map((a, i) => ({ index: i, ...a, balance: String(DEV_BALANCE) })),
        null,
        2,
      )}\n`,
    );
  } else {
    io.out(`Dev accounts (seed "${seed}", $${DEV_BALANCE.toLocaleString("en-US")} each on a new data directory):\n`);
    accounts.forEach((a, i) => {
      io.out(`  (${i}) ${a.address}  ${a.privateKey}\n`);
    });
  }
  return 0;
}

export async function fundCommand(args: readonly string[], io: Io): Promise<number> {
  let url = `http://127.0.0.1:${DEFAULT_PORT}`;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--url" && args[i + 1] !== undefined) url = args[++i] as string;
    else positional.push(a);
  }
  const [address, amount] = positional;
  if (positional.length !== 2 || address === undefined || amount === undefined) {
    io.err("Usage: hyperlocal fund ADDRESS AMOUNT [--url http://127.0.0.1:3001]\n");
    return 2;
  }
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/$/, "")}/hyperlocal/fund`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ address, amount }),
    });
  } catch (e) {
    io.err(`hyperlocal fund: no server at ${url} (${(e as Error).message}). Start one with \`hyperlocal serve\`.\n`);
    return 1;
  }
  const text = await res.text();
  if (res.status !== 200) {
    io.err(`hyperlocal fund: ${text}\n`);
    return 1;
  }
  const body = JSON.parse(text) as { address: string; usd: number };
  io.out(
    `Funded ${body.address} with $${amount}; withdrawable now $${(body.usd / 1_000_000).toLocaleString("en-US")}.\n`,
  );
  return 0;
}
