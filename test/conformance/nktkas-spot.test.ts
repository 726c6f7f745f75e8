/**
 * @module test/conformance/nktkas-spot
 * Spot through the real @nktkas/hyperliquid SDK against the real server: `spotMeta`, `usdClassTransfer` (perp →
 * spot), an order on PURR/USDC by asset 10000 resting and another wallet's order crossing it, then
 * `spotClearinghouseState`, `userFills` (spot formatting: `dir` Buy/Sell, `feeToken` the received token), `l2Book`
 * for `PURR/USDC`, `spotSend` and `usdClassTransfer` back to perp; and a SubscriptionClient on `spotState`, on
 * `l2Book` for the spot coin and on `activeSpotAssetCtx`, seeing the trade.
 * Hand check: the seller (B) rests 100 PURR at 0.2; the buyer (A) takes 60: A pays 12 USDC and 0.07% of 60 PURR
 * (0.042 PURR) in fee, B receives 12 USDC less 0.04% (0.0048 USDC).
 * @see hyperliquid-api.md §1.7, §4.4 (spotMeta, spotClearinghouseState, userFills, l2Book), §5 (spotSend,
 * usdClassTransfer); hyperliquid-mechanics.md §5, §9
 */

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  ExchangeClient,
  HttpTransport,
  InfoClient,
  type ISubscription,
  SubscriptionClient,
  WebSocketTransport,
} from "@nktkas/hyperliquid";
import WebSocket from "ws";
import type { App } from "../../src/server/app.ts";
import { startServer } from "../helpers/server.ts";
import { localWallet, testKey } from "./_wallet.ts";

if (globalThis.WebSocket === undefined) {
  (globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocket;
}

const A = localWallet(testKey(31));
const B = localWallet(testKey(32));
const PURR = "PURR:0xc1fb593aeffbeb02f85e0308e9956a90";

let app: App;
let transport: HttpTransport;
let ws: WebSocketTransport;
let info: InfoClient;

before(async () => {
  app = await startServer({ engine: { fundingIntervalMs: 10_000_000_000_000 }, tickMs: 50 });
  transport = new HttpTransport({ apiUrl: app.url });
  ws = new WebSocketTransport({ url: app.wsUrl, timeout: 5_000 });
  info = new InfoClient({ transport });
  await app.fund(A.address, 10_000);
  await app.fund(B.address, 10_000);
  await app.submit({
    type: "spotGenesis",
    user: B.address.toLowerCase() as `0x${string}`,
    token: 1,
    amount: 1000 * 100_000,
  });
});
after(async () => {
  await ws.close();
  await app.close();
});

/** Resolves with the first event a listener sees that passes `test`. */
function firstEvent<T>(test: (x: T) => boolean): { listener: (x: T) => void; seen: Promise<T> } {
  let resolve: (x: T) => void = () => {};
  const seen = new Promise<T>((r) => {
    resolve = r;
  });
  return { listener: (x: T) => (test(x) ? resolve(x) : undefined), seen };
}

test("spotMeta lists PURR/USDC (index 0) and the tokens", async () => {
  const meta = await info.spotMeta();
  assert.deepEqual(
    meta.universe.map((u) => [u.name, u.index, u.tokens]),
    [
      ["PURR/USDC", 0, [1, 0]],
      ["@1", 1, [2, 0]],
    ],
  );
  assert.deepEqual(
    meta.tokens.map((t) => [t.name, t.index, t.szDecimals, t.weiDecimals]),
    [
      ["USDC", 0, 8, 8],
      ["PURR", 1, 0, 5],
      ["HYPE", 2, 2, 8],
    ],
  );
});

test("a spot trade, balances, fills, book, spotSend and usdClassTransfer; spotState and l2Book subscriptions", async () => {
  const subs = new SubscriptionClient({ transport: ws });
  const exA = new ExchangeClient({ transport, wallet: A });
  const exB = new ExchangeClient({ transport, wallet: B });
  const a = A.address.toLowerCase();
  const b = B.address.toLowerCase();

  assert.deepEqual(await exA.usdClassTransfer({ amount: "100", toPerp: false }), {
    status: "ok",
    response: { type: "default" },
  });
  // biome-ignore lint/suspicious/noExplicitAny: payloads are checked by value below.
  const state = firstEvent<any>((e) => e.spotState.balances.some((x: { coin: string }) => x.coin === "PURR"));
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  const book = firstEvent<any>((e) => e.levels[1].length > 0 && e.levels[1][0].sz === "40.0");
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  const ctx = firstEvent<any>((e) => e.ctx.dayBaseVlm === "60.0");
  const subscriptions: ISubscription[] = [
    await subs.spotState({ user: A.address }, state.listener),
    await subs.l2Book({ coin: "PURR/USDC" }, book.listener),
    await subs.activeSpotAssetCtx({ coin: "PURR/USDC" }, ctx.listener),
  ];

  const rest = await exB.order({
    orders: [{ a: 10000, b: false, p: "0.2", s: "100", r: false, t: { limit: { tif: "Gtc" } } }],
    grouping: "na",
  });
  const resting = rest.response.data.statuses[0];
  assert.ok(resting !== undefined && typeof resting === "object" && "resting" in resting);
  const cross = await exA.order({
    orders: [{ a: 10000, b: true, p: "0.2", s: "60", r: false, t: { limit: { tif: "Ioc" } } }],
    grouping: "na",
  });
  const filled = cross.response.data.statuses[0];
  assert.ok(filled !== undefined && typeof filled === "object" && "filled" in filled);
  assert.deepEqual([filled.filled.totalSz, filled.filled.avgPx], ["60.0", "0.2"]);

  assert.deepEqual((await info.spotClearinghouseState({ user: A.address })).balances, [
    { coin: "USDC", token: 0, total: "88.0", hold: "0.0", entryNtl: "0.0" },
    { coin: "PURR", token: 1, total: "59.958", hold: "0.0", entryNtl: "12.0" },
  ]);
  assert.deepEqual((await info.spotClearinghouseState({ user: B.address })).balances, [
    { coin: "USDC", token: 0, total: "11.9952", hold: "0.0", entryNtl: "0.0" },
    { coin: "PURR", token: 1, total: "940.0", hold: "40.0", entryNtl: "0.0" },
  ]);

  const pick = (f: { coin: string; px: string; sz: string; side: string; dir: string; fee: string }) => [
    f.coin,
    f.px,
    f.sz,
    f.side,
    f.dir,
    f.fee,
  ];
  const fillsA = await info.userFills({ user: A.address });
  assert.deepEqual(fillsA.map(pick), [["PURR/USDC", "0.2", "60.0", "B", "Buy", "0.042"]]);
  assert.deepEqual(
    fillsA.map((f) => [f.feeToken, f.startPosition, f.closedPnl]),
    [["PURR", "0.0", "0.0"]],
  );
  const fillsB = await info.userFills({ user: B.address });
  assert.deepEqual(fillsB.map(pick), [["PURR/USDC", "0.2", "60.0", "A", "Sell", "0.0048"]]);
  assert.deepEqual(
    fillsB.map((f) => [f.feeToken, f.startPosition, f.closedPnl]),
    [["USDC", "1000.0", "12.0"]],
  );

  const l2 = await info.l2Book({ coin: "PURR/USDC" });
  assert.ok(l2 !== null);
  assert.deepEqual(l2.levels, [[], [{ px: "0.2", sz: "40.0", n: 1 }]]);

  assert.deepEqual(await exB.spotSend({ destination: A.address, token: PURR, amount: "10" }), {
    status: "ok",
    response: { type: "default" },
  });
  assert.deepEqual(await exA.usdClassTransfer({ amount: "8", toPerp: true }), {
    status: "ok",
    response: { type: "default" },
  });
  assert.deepEqual(
    (await info.spotClearinghouseState({ user: A.address })).balances.map((x) => [x.coin, x.total]),
    [
      ["USDC", "80.0"],
      ["PURR", "69.958"],
    ],
  );
  assert.equal((await info.clearinghouseState({ user: A.address })).withdrawable, "9908.0");

  const pushedState = await state.seen;
  assert.equal(pushedState.user, a);
  const pushedBook = await book.seen;
  assert.equal(pushedBook.coin, "PURR/USDC");
  const pushedCtx = await ctx.seen;
  assert.deepEqual([pushedCtx.coin, pushedCtx.ctx.markPx, pushedCtx.ctx.dayNtlVlm], ["PURR/USDC", "0.2", "12.0"]);
  assert.notEqual(a, b);
  for (const s of subscriptions) await s.unsubscribe();
});
