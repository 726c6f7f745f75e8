/**
 * @module test/e2e/serve-sdk
 * Issue 7, end to end with a real SDK: the README's start command, exactly `npm start`, runs as a child process; the
 * test waits for its "Listening on" line, takes dev account (0)'s private key from the printed banner (not from src),
 * builds a viem-free wallet from it and drives the unmodified `@nktkas/hyperliquid` against the printed URLs. Over
 * the printed WebSocket URL it sees the simulator's market on `l2Book` (both sides non-empty) and `trades` (at least
 * one BTC trade) within 20 s; it opens a BTC long with an Ioc buy that crosses the simulator's best ask and rests a
 * Gtc buy at half the mid, and InfoClient shows the position (`clearinghouseState`) and the order (`openOrders`).
 * Then the server gets SIGTERM (the whole process group, npm and the node under it), `npm start` runs again on the
 * same data directory, and InfoClient finds the same ten dev accounts in the banner, accounts (1)–(9) still holding
 * exactly $1,000,000 (funded once, not again), and account (0)'s position (same size, same entry price) and resting
 * order (same oid).
 *
 * Isolation. `npm start` takes no flags here, so it always listens on 127.0.0.1:3001 and keeps its state in
 * ROOT/.hyperlocal, both shared with test/cli/serve.test.ts (which also runs plain `npm start`) and with a developer's
 * own server. Both files take their turn through test/helpers/npmStart.ts (a cross-process lock, then a wait for port
 * 3001, then ROOT/.hyperlocal moved aside and put back in `after`), so whichever runs second waits for the first.
 * `npm start` is still retried when it loses the port to someone outside the lock (EADDRINUSE); the directory that
 * other server wrote meanwhile is deleted before the retry, so the scenario starts from a new data directory.
 * Deadlines are generous (CI runs on two busy cores); there is no other timing assertion.
 */

import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import {
  ExchangeClient,
  HttpTransport,
  InfoClient,
  type ISubscription,
  SubscriptionClient,
  WebSocketTransport,
} from "@nktkas/hyperliquid";
import WebSocket from "ws";
import { type Hex, localWallet } from "../conformance/_wallet.ts";
import {
  claimNpmStart,
  NPM_START_DATA_DIR as DATA_DIR,
  type NpmStartSlot,
  PORT_WAIT_MS,
  type Running,
  startUntilListening,
  waitForPort,
} from "../helpers/npmStart.ts";

if (globalThis.WebSocket === undefined) {
  (globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocket;
}

const READY_MS = 30_000;
const MARKET_MS = 20_000;
const STOP_MS = 15_000;
const BTC = 0;

interface Banner {
  readonly httpUrl: string;
  readonly wsUrl: string;
  readonly accounts: readonly { address: Hex; privateKey: Hex }[];
}

/** Children still running, killed (whole process group) in `after`. */
const live = new Set<ChildProcess>();

/** Starts `npm start` in its own process group and waits for its "Listening on <url>" line. */
function startOnce(): Promise<Running> {
  return startUntilListening("npm", ["start"], live, READY_MS);
}

/**
 * `npm start`, retried while port 3001 is taken by someone else (a race lost after `waitForPort`). With `fresh`, the
 * data directory is deleted before each try: the original is already moved aside, so whatever is there now was made
 * by the other server (or by our own try, which opened it before it failed to listen) and the scenario needs a new one.
 */
async function start(fresh: boolean): Promise<Running> {
  const deadline = Date.now() + PORT_WAIT_MS;
  for (;;) {
    await waitForPort(deadline);
    if (fresh) rmSync(DATA_DIR, { recursive: true, force: true });
    try {
      return await startOnce();
    } catch (e) {
      if (!/EADDRINUSE/.test(String(e)) || Date.now() > deadline) throw e;
    }
  }
}

/** SIGTERM to the process group (npm and the server under it); resolves when its stdio closes (the server exited). */
function stop(r: Running, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (r.child.exitCode !== null && !live.has(r.child)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running ${STOP_MS} ms after ${signal}`)), STOP_MS);
    r.child.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-(r.child.pid as number), signal);
    } catch {
      // already gone
    }
  });
}

/** Reads the URLs and the dev accounts from the printed banner. */
function parseBanner(out: string): Banner {
  const http = /^ {2}HTTP {8}(http:\/\/\S+)/m.exec(out);
  const ws = /^ {2}WebSocket {3}(ws:\/\/\S+)/m.exec(out);
  assert.ok(http !== null && ws !== null, `banner URLs:\n${out}`);
  const accounts = [...out.matchAll(/^ {2}\((\d+)\) (0x[0-9a-fA-F]{40}) {2}(0x[0-9a-fA-F]{64})$/gm)].map((m, i) => {
    assert.equal(Number(m[1]), i, "dev accounts are numbered from 0 in order");
    return { address: m[2] as Hex, privateKey: m[3] as Hex };
  });
  return { httpUrl: http[1] as string, wsUrl: ws[1] as string, accounts };
}

// Payloads are read loosely: the values below are the check, not the SDK's static types.
// biome-ignore lint/suspicious/noExplicitAny: see above.
type Any = any;

/** Resolves when `test` holds, polling every 100 ms; rejects with `what()` at the deadline. */
async function until(test: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what()}`);
    await sleep(100);
  }
}

let slot: NpmStartSlot | undefined;
const transports: WebSocketTransport[] = [];

after(async () => {
  await Promise.allSettled(transports.map((t) => t.close()));
  for (const child of [...live]) {
    const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
    try {
      process.kill(-(child.pid as number), "SIGTERM");
    } catch {
      // gone
    }
    const done = await Promise.race([closed.then(() => true), sleep(STOP_MS).then(() => false)]);
    if (!done) {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // gone
      }
      await Promise.race([closed, sleep(5_000)]);
    }
  }
  slot?.release();
});

describe("npm start driven by @nktkas/hyperliquid", () => {
  it("live market on l2Book and trades, a position and a resting order that survive a restart", {
    timeout: 360_000, // up to 240 s of it waiting for serve.test.ts's turn
  }, async () => {
    // Wait our turn (serve.test.ts, other runs of this file, a developer's server); ROOT/.hyperlocal is moved aside.
    slot = await claimNpmStart("serve-sdk");

    // 1. The README's command, exactly.
    const first = await start(true);
    const banner = parseBanner(first.output());
    assert.equal(first.url, "http://127.0.0.1:3001");
    assert.equal(banner.httpUrl, first.url);
    assert.equal(banner.wsUrl, "ws://127.0.0.1:3001/ws");
    assert.match(first.output(), /Data {8}\.hyperlocal/);
    assert.doesNotMatch(first.output(), /recovered \d+ journal entries/, "a new data directory");
    assert.match(first.output(), /Simulator {3}on: /);
    assert.equal(banner.accounts.length, 10, first.output());
    const dev0 = banner.accounts[0] as { address: Hex; privateKey: Hex };
    const wallet = localWallet(dev0.privateKey);
    assert.equal(wallet.address, dev0.address.toLowerCase(), "the printed key is the printed address's");

    const http = new HttpTransport({ apiUrl: banner.httpUrl });
    const info = new InfoClient({ transport: http });
    const exchange = new ExchangeClient({ transport: http, wallet });

    // 2. The simulator's market, over the printed WebSocket URL.
    const ws = new WebSocketTransport({ url: banner.wsUrl, timeout: 10_000 });
    transports.push(ws);
    const subs = new SubscriptionClient({ transport: ws });
    const books: Any[] = [];
    const trades: Any[] = [];
    const handles: ISubscription[] = [
      await subs.l2Book({ coin: "BTC" }, (e: Any) => books.push(e)),
      await subs.trades({ coin: "BTC" }, (e: Any) => trades.push(...e)),
    ];
    const liveBook = () =>
      books.find((b) => b.coin === "BTC" && b.levels[0].length > 0 && b.levels[1].length > 0) !== undefined;
    await until(
      () => liveBook() && trades.length > 0,
      MARKET_MS,
      () => `${books.length} l2Book pushes (last ${JSON.stringify(books.at(-1))}), ${trades.length} trades`,
    );
    for (const t of trades) {
      assert.equal(t.coin, "BTC");
      assert.ok(Number(t.px) > 0 && Number(t.sz) > 0, JSON.stringify(t));
      assert.ok(t.side === "A" || t.side === "B", JSON.stringify(t));
    }
    const book = books.findLast((b) => b.levels[0].length > 0 && b.levels[1].length > 0);
    const bestBid = Number(book.levels[0][0].px);
    const bestAsk = Number(book.levels[1][0].px);
    assert.ok(bestBid > 0 && bestAsk > bestBid, `a sane BTC book: ${bestBid} / ${bestAsk}`);

    const before = await info.clearinghouseState({ user: dev0.address });
    assert.equal(Number(before.marginSummary.accountValue), 1_000_000, "a new dev account holds $1,000,000");
    assert.deepEqual(before.assetPositions, []);

    // 3. Open a long: an Ioc buy 2% through the best ask (the book moves; the makers quote ten levels).
    const size = "0.01";
    const taken = await exchange.order({
      orders: [
        { a: BTC, b: true, p: String(Math.round(bestAsk * 1.02)), s: size, r: false, t: { limit: { tif: "Ioc" } } },
      ],
      grouping: "na",
    });
    const filled = (taken.response.data.statuses[0] as Any).filled;
    assert.ok(filled !== undefined, JSON.stringify(taken));
    assert.equal(Number(filled.totalSz), Number(size), JSON.stringify(taken));

    // 4. A Gtc buy at half the mid rests (the oracle walk does not halve BTC in a minute).
    const farPx = String(Math.round((bestBid + bestAsk) / 4));
    const rested = await exchange.order({
      orders: [{ a: BTC, b: true, p: farPx, s: size, r: false, t: { limit: { tif: "Gtc" } } }],
      grouping: "na",
    });
    const oid = (rested.response.data.statuses[0] as Any).resting?.oid;
    assert.ok(Number.isSafeInteger(oid), JSON.stringify(rested));

    const state = await info.clearinghouseState({ user: dev0.address });
    assert.equal(state.assetPositions.length, 1, JSON.stringify(state.assetPositions));
    const position = (state.assetPositions[0] as Any).position;
    assert.equal(position.coin, "BTC");
    assert.equal(Number(position.szi), Number(size));
    assert.equal(Number(position.entryPx), Number(filled.avgPx), "entry price = the fill's average price");
    const open = await info.openOrders({ user: dev0.address });
    assert.deepEqual(
      open.map((o) => ({ coin: o.coin, oid: o.oid, side: o.side, px: Number(o.limitPx), sz: Number(o.sz) })),
      [{ coin: "BTC", oid, side: "B", px: Number(farPx), sz: Number(size) }],
    );
    const othersBefore = await Promise.all(
      banner.accounts.slice(1).map((a) => info.clearinghouseState({ user: a.address })),
    );
    for (const s of othersBefore) assert.equal(Number(s.marginSummary.accountValue), 1_000_000);

    // 5. Stop (SIGTERM to npm and the server) and start `npm start` again on the same data directory.
    await Promise.all(handles.map((h) => h.unsubscribe()));
    await ws.close();
    await stop(first);
    assert.match(first.output(), /hyperlocal: stopped \(state saved\)\./);
    const second = await start(false);
    assert.equal(second.url, "http://127.0.0.1:3001");
    assert.match(second.output(), /Data {8}\.hyperlocal {2}\(recovered \d+ journal entries\)/);
    const banner2 = parseBanner(second.output());
    assert.deepEqual(banner2.accounts, banner.accounts, "the same dev accounts");

    const info2 = new InfoClient({ transport: new HttpTransport({ apiUrl: banner2.httpUrl }) });
    const state2 = await info2.clearinghouseState({ user: dev0.address });
    assert.equal(state2.assetPositions.length, 1, JSON.stringify(state2.assetPositions));
    const position2 = (state2.assetPositions[0] as Any).position;
    assert.equal(position2.coin, "BTC");
    assert.equal(position2.szi, position.szi, "same size");
    assert.equal(position2.entryPx, position.entryPx, "same entry price");
    const open2 = await info2.openOrders({ user: dev0.address });
    assert.deepEqual(
      open2.map((o) => ({ coin: o.coin, oid: o.oid, px: o.limitPx, sz: o.sz })),
      open.map((o) => ({ coin: o.coin, oid: o.oid, px: o.limitPx, sz: o.sz })),
      "the same resting order, same oid",
    );
    const othersAfter = await Promise.all(
      banner2.accounts.slice(1).map((a) => info2.clearinghouseState({ user: a.address })),
    );
    for (const s of othersAfter) {
      assert.equal(Number(s.marginSummary.accountValue), 1_000_000, "funded once, not again on restart");
    }
    // And the restarted server still trades: the same key places and cancels through the SDK.
    const exchange2 = new ExchangeClient({ transport: new HttpTransport({ apiUrl: banner2.httpUrl }), wallet });
    const cancel = await exchange2.cancel({ cancels: [{ a: BTC, o: oid }] });
    assert.deepEqual(cancel.response.data.statuses, ["success"]);
    assert.deepEqual(await info2.openOrders({ user: dev0.address }), []);

    await stop(second);
    assert.match(second.output(), /hyperlocal: stopped \(state saved\)\./);
  });
});
