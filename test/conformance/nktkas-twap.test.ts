/**
 * @module test/conformance/nktkas-twap
 * TWAP orders through the real @nktkas/hyperliquid SDK against the real server, unmodified but for its base URL:
 * `ExchangeClient.twapOrder` (the SDK parses `{"running":{"twapId":N}}`), the slices run by the server's own timer as
 * a controlled clock passes 30 s at a time, `InfoClient.twapHistory` and `userTwapSliceFills` as the SDK's schemas
 * read them, `SubscriptionClient.userTwapHistory` and `twapStates` receiving the TWAP's changes, and `twapCancel`
 * (`success`, then the SDK's error for a TWAP no longer running).
 * @see hyperliquid-api.md §1.7, §4.3, §4.4, §5.2, §5.5; hyperliquid-mechanics.md §7
 */

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  ApiRequestError,
  ExchangeClient,
  HttpTransport,
  InfoClient,
  SubscriptionClient,
  WebSocketTransport,
} from "@nktkas/hyperliquid";
import WebSocket from "ws";
import type { App } from "../../src/server/app.ts";
import { startServer } from "../helpers/server.ts";
import { localWallet, testKey } from "./_wallet.ts";

// Node 20 has no global WebSocket; the SDK's transport takes the `ws` package's.
if (globalThis.WebSocket === undefined) {
  (globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocket;
}

const A = localWallet(testKey(21));
const B = localWallet(testKey(22));
const ZERO_HASH = `0x${"0".repeat(64)}`;
/** SOL's asset index. */
const SOL = 5;

/** The server's clock: real time when the test starts, then moved by hand. */
let now = Date.now();
let app: App;
let info: InfoClient;
let exA: ExchangeClient;
let exB: ExchangeClient;
let ws: WebSocketTransport;
let subs: SubscriptionClient;

before(async () => {
  app = await startServer({ engine: { fundingIntervalMs: 10_000_000_000_000 }, clock: () => now, tickMs: 20 });
  const transport = new HttpTransport({ apiUrl: app.url });
  info = new InfoClient({ transport });
  exA = new ExchangeClient({ transport, wallet: A });
  exB = new ExchangeClient({ transport, wallet: B });
  ws = new WebSocketTransport({ url: app.wsUrl, timeout: 5_000 });
  subs = new SubscriptionClient({ transport: ws });
  await app.fund(A.address, 100_000);
  await app.fund(B.address, 100_000);
  await app.setOracle({ SOL: "100" });
});
after(async () => {
  await ws.close();
  await app.close();
});

/** Resolves once `check` returns true, polling (the server's timer runs the due slices on its own). */
async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// Payloads are read loosely: the exact values below are the check, not the SDK's static types.
// biome-ignore lint/suspicious/noExplicitAny: see above.
type Any = any;

test("twapOrder runs its slices as time passes; info and subscriptions show it; twapCancel", async () => {
  const user = A.address.toLowerCase();
  const history: Any[] = [];
  const states: Any[] = [];
  const hSub = await subs.userTwapHistory({ user: A.address }, (e) => history.push(e));
  const sSub = await subs.twapStates({ user: A.address }, (e) => states.push(e));
  await until(() => history.length > 0 && states.length > 0, "the snapshots");
  assert.deepEqual(history[0], { isSnapshot: true, user, history: [] });
  assert.deepEqual(states[0], { dex: "", user, states: [] });

  // Bob rests 100 SOL at 100; Alice buys 5.5 SOL over 5 minutes: 11 slices of 0.5, the first at once.
  await exB.order({
    orders: [{ a: SOL, b: false, p: "100", s: "100", r: false, t: { limit: { tif: "Gtc" } } }],
    grouping: "na",
  });
  const placedAt = now;
  const placed = await exA.twapOrder({ twap: { a: SOL, b: true, s: "5.5", r: false, m: 5, t: false } });
  assert.deepEqual(placed, {
    status: "ok",
    response: { type: "twapOrder", data: { status: { running: { twapId: 1 } } } },
  });
  assert.equal((await info.userTwapSliceFills({ user: A.address })).length, 1);
  await until(
    () => states.some((e) => e.states.length === 1 && e.states[0][1].executedSz === "0.5"),
    "twapStates with the first slice",
  );
  const running = states.find((e) => e.states.length === 1)?.states[0];
  assert.deepEqual(running, [
    1,
    {
      coin: "SOL",
      executedNtl: "50.0",
      executedSz: "0.5",
      minutes: 5,
      randomize: false,
      reduceOnly: false,
      side: "B",
      stopPx: null,
      sz: "5.5",
      timestamp: placedAt,
      trigger: null,
      user,
    },
  ]);

  for (let k = 1; k < 11; k++) {
    now += 30_000;
    await until(async () => (await info.userTwapSliceFills({ user: A.address })).length === k + 1, `slice ${k + 1}`);
  }
  const fills = await info.userTwapSliceFills({ user: A.address });
  assert.deepEqual(
    fills.map((f) => [f.twapId, f.fill.twapId, f.fill.hash, f.fill.px, f.fill.sz, f.fill.side, f.fill.time]),
    Array.from({ length: 11 }, (_, i) => [1, 1, ZERO_HASH, "100.0", "0.5", "B", placedAt + (10 - i) * 30_000]),
  );
  const finishedAt = placedAt + 300_000;
  const h = await info.twapHistory({ user: A.address });
  assert.deepEqual(
    h.map((e) => [e.twapId, e.status.status, e.time, e.state.executedSz, e.state.executedNtl, e.state.sz]),
    [
      [1, "activated", Math.floor(placedAt / 1000), "0.0", "0.0", "5.5"],
      [1, "finished", Math.floor(finishedAt / 1000), "5.5", "550.0", "5.5"],
    ],
  );
  const userFills = await info.userFills({ user: A.address });
  assert.deepEqual(
    userFills.map((f) => f.twapId),
    Array(11).fill(1),
  );

  await until(() => history.some((e) => e.history.some((x: Any) => x.status.status === "finished")), "finished");
  assert.deepEqual(
    history.slice(1).flatMap((e) => e.history.map((x: Any) => [x.twapId, x.status.status, x.time])),
    [
      [1, "activated", Math.floor(placedAt / 1000)],
      [1, "finished", Math.floor(finishedAt / 1000)],
    ],
  );
  assert.ok(history.slice(1).every((e) => e.isSnapshot === undefined && e.user === user));
  await until(() => states.at(-1)?.states.length === 0, "twapStates empty after the finish");

  // A second TWAP, canceled after its first slice: success, then the SDK's error.
  const second = await exA.twapOrder({ twap: { a: SOL, b: true, s: "5.5", r: false, m: 5, t: false } });
  assert.deepEqual(second.response.data.status, { running: { twapId: 2 } });
  await until(() => states.at(-1)?.states[0]?.[0] === 2, "twapStates with TWAP 2");
  assert.deepEqual(await exA.twapCancel({ a: SOL, t: 2 }), {
    status: "ok",
    response: { type: "twapCancel", data: { status: "success" } },
  });
  await assert.rejects(
    exA.twapCancel({ a: SOL, t: 2 }),
    (e) => e instanceof ApiRequestError && e.message.includes("TWAP was never placed, already canceled, or filled."),
  );
  await until(
    () => history.some((e) => e.history.some((x: Any) => x.twapId === 2 && x.status.status === "terminated")),
    "terminated",
  );
  await until(() => states.at(-1)?.states.length === 0, "twapStates empty after the cancel");
  const last = (await info.twapHistory({ user: A.address })).at(-1);
  assert.deepEqual([last?.twapId, last?.status.status, last?.state.executedSz], [2, "terminated", "0.5"]);
  await hSub.unsubscribe();
  await sSub.unsubscribe();
});
