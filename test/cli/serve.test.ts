/**
 * @module test/cli/serve
 * `hyperlocal serve` end to end, as real child processes: the README's `npm start` starts the exchange on port 3001
 * with the market simulator trading (books fill, trades print);
 * a signed order from a dev account rests, survives SIGTERM and a restart on the same data directory, and the
 * banner shows the URL, the data directory and the dev accounts. A new data directory's dev account also holds spot
 * USDC, PURR and HYPE (`spotClearinghouseState`), each created by a `spotGenesis` ledger update, once: a restart on
 * the same directory does not fund it again.
 * `npm start` (port 3001, ROOT/.hyperlocal) is shared with test/e2e/serve-sdk.test.ts and a developer's own server:
 * the test takes its turn through test/helpers/npmStart.ts (lock, wait for the port, ROOT/.hyperlocal moved aside
 * and put back).
 */

import assert from "node:assert/strict";
import { type ChildProcess, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DEV_BALANCE, DEV_SPOT_BALANCES, devAccounts } from "../../src/cli/serve.ts";
import { claimNpmStart, ROOT, type Running, startUntilListening } from "../helpers/npmStart.ts";
import { signL1, type Wallet } from "../helpers/wallet.ts";
import { hexToBytes } from "../../src/api/signing/eip712.ts";

const READY_MS = 30_000;

/** Starts a command and waits for its "Listening on <url>" line. */
function start(command: string, args: readonly string[]): Promise<Running> {
  return startUntilListening(command, args, live, READY_MS);
}

/** Children still running (their stdio open). */
const live = new Set<ChildProcess>();

/** SIGKILLs the process groups of the children still running and waits for them. */
async function killLive(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once("close", () => resolve());
          try {
            process.kill(-(child.pid as number), "SIGKILL");
          } catch {
            resolve(); // gone
          }
        }),
    ),
  );
}

/** Sends a signal to the process group (npm's children too) and waits for the exit code. */
function stop(r: Running, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  return new Promise((resolve) => {
    r.child.once("close", (code) => resolve(code));
    process.kill(-(r.child.pid as number), signal);
  });
}

async function post(url: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200);
  return res.json();
}

/** A user's spot balances as `[coin, total, hold]`, amounts as numbers. */
async function spotBalances(url: string, user: string): Promise<[string, number, number][]> {
  const state = (await post(url, "/info", { type: "spotClearinghouseState", user })) as {
    balances: { coin: string; total: string; hold: string }[];
  };
  return state.balances.map((b) => [b.coin, Number(b.total), Number(b.hold)]);
}

/** The spot balances every dev account gets on a new data directory. */
const DEV_SPOT: [string, number, number][] = [
  ["USDC", 100_000, 0],
  ["PURR", 100_000, 0],
  ["HYPE", 1_000, 0],
];

function walletOf(privateKey: string, address: string): Wallet {
  return { key: hexToBytes(privateKey), address: address as `0x${string}`, privateKey: privateKey as `0x${string}` };
}

describe("hyperlocal serve", () => {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-serve-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("npm start (the README's command) serves on port 3001 and stops cleanly on SIGINT", async () => {
    const slot = await claimNpmStart("serve-test");
    try {
      const r = await start("npm", ["start"]);
      assert.equal(r.url, "http://127.0.0.1:3001");
      const meta = (await post(r.url, "/info", { type: "meta" })) as { universe: { name: string }[] };
      assert.equal(meta.universe[0]?.name, "BTC");
      assert.match(r.output(), /Simulator {3}on: seed "hyperlocal"/);
      // The simulator makes a living market within seconds: deep books and printed trades.
      const deadline = Date.now() + 20_000;
      let depth = [0, 0];
      let trades = 0;
      while (Date.now() < deadline && (Math.min(...depth) < 5 || trades === 0)) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const book = (await post(r.url, "/info", { type: "l2Book", coin: "BTC" })) as { levels: unknown[][] };
        depth = book.levels.map((side) => side.length);
        trades = ((await post(r.url, "/info", { type: "recentTrades", coin: "BTC" })) as unknown[]).length;
      }
      assert.ok(Math.min(...depth) >= 5, `BTC book depth ${depth.join("/")}`);
      assert.ok(trades > 0, "BTC trades printed");
      // Pause and resume the simulator through its dev control.
      const pause = await fetch(`${r.url}/hyperlocal/sim`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ paused: true }),
      });
      assert.equal(pause.status, 200);
      assert.equal(((await pause.json()) as { paused: boolean }).paused, true);
      const bad = await fetch(`${r.url}/hyperlocal/sim`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ paused: "yes" }),
      });
      assert.equal(bad.status, 422);
      // npm itself dies of the SIGINT (as on a Ctrl-C); the server under it finishes and says so.
      await stop(r, "SIGINT");
      assert.match(r.output(), /hyperlocal: stopped \(state saved\)\./);
    } finally {
      await killLive(); // only when an assertion failed before the stop
      slot.release();
    }
  });

  it("an acknowledged order of a dev account survives SIGTERM and a restart", async () => {
    const args = ["bin/hyperlocal.js", "serve", "--port", "0", "--data-dir", dir, "--no-sim"];
    const first = await start(process.execPath, args);
    const [dev] = devAccounts("hyperlocal");
    assert.ok(dev !== undefined);
    assert.ok(first.output().includes(`(0) ${dev.address}  ${dev.privateKey}`), first.output());
    assert.ok(first.output().includes(`Data        ${dir}`));
    assert.match(first.output(), /WebSocket {3}ws:\/\/127\.0\.0\.1:\d+\/ws /);
    assert.ok(first.output().includes("  Each also holds 100,000 USDC, 100,000 PURR, 1,000 HYPE on spot.\n"));
    // Spot balances of a new data directory's dev account, created by spotGenesis (not taken from its perp USDC).
    assert.deepEqual(
      Object.entries(DEV_SPOT_BALANCES).map(([coin, amount]) => [coin, Number(amount), 0]),
      DEV_SPOT,
    );
    assert.deepEqual(await spotBalances(first.url, dev.address), DEV_SPOT);
    const perp = (await post(first.url, "/info", { type: "clearinghouseState", user: dev.address })) as {
      marginSummary: { accountValue: string };
    };
    assert.equal(Number(perp.marginSummary.accountValue), DEV_BALANCE);
    const ledger = (await post(first.url, "/info", {
      type: "userNonFundingLedgerUpdates",
      user: dev.address,
      startTime: 0,
    })) as { delta: { type: string; token?: string; amount?: string } }[];
    assert.deepEqual(
      ledger.filter((u) => u.delta.type === "spotGenesis").map((u) => [u.delta.token, Number(u.delta.amount)]),
      DEV_SPOT.map(([coin, total]) => [coin, total]),
    );
    const ninth = devAccounts("hyperlocal")[9];
    assert.ok(ninth !== undefined);
    assert.deepEqual(await spotBalances(first.url, ninth.address), DEV_SPOT, "every dev account, (9) too");
    const wallet = walletOf(dev.privateKey, dev.address);
    const action = {
      type: "order",
      orders: [{ a: 5, b: true, p: "150", s: "1", r: false, t: { limit: { tif: "Gtc" } } }],
      grouping: "na",
    };
    const placed = await post(first.url, "/exchange", signL1(wallet, action, Date.now()));
    assert.deepEqual(placed, {
      status: "ok",
      response: { type: "order", data: { statuses: [{ resting: { oid: 1_000_000 } }] } },
    });
    // `hyperlocal fund` credits any address on the running server.
    const newcomer = `0x${"5e".repeat(20)}`;
    const funded = spawnSync(process.execPath, ["bin/hyperlocal.js", "fund", newcomer, "25.5", "--url", first.url], {
      cwd: ROOT,
      encoding: "utf8",
    });
    assert.equal(funded.status, 0, funded.stderr);
    assert.equal(funded.stdout, `Funded ${newcomer} with $25.5; withdrawable now $25.5.\n`);
    const state = (await post(first.url, "/info", { type: "clearinghouseState", user: newcomer })) as {
      withdrawable: string;
    };
    assert.equal(state.withdrawable, "25.5");
    const noSim = await fetch(`${first.url}/hyperlocal/sim`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ paused: true }),
    });
    assert.equal(noSim.status, 404, "no simulator control with --no-sim");
    assert.equal(await stop(first), 0);

    const second = await start(process.execPath, args);
    assert.match(second.output(), /recovered \d+ journal entries/);
    const open = (await post(second.url, "/info", { type: "openOrders", user: dev.address })) as { oid: number }[];
    assert.deepEqual(
      open.map((o) => o.oid),
      [1_000_000],
    );
    assert.deepEqual(await spotBalances(second.url, dev.address), DEV_SPOT, "a restart does not fund spot again");
    assert.equal(await stop(second), 0);
  });
});
