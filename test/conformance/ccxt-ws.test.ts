/**
 * @module test/conformance/ccxt-ws
 * The real ccxt.pro `hyperliquid` class against the real server over `/ws`, pointed at it through `urls.api` (REST
 * `public`/`private` for loadMarkets, `ws.public` for every watch and WS post): watchOrderBook, watchTrades,
 * watchOHLCV, watchOrders and watchMyTrades see a real cross between two funded accounts whose orders are placed
 * with createOrderWs (a signed `post` action), with exact prices, amounts, sides, order ids, trade ids and fees
 * (loadMarkets → fetchCurrencies runs ccxt's client initialisation, which approves its builder, so createOrderWs
 * attaches the 1 bp builder fee: 1.5 bp maker / 4.5 bp taker + 1 bp each). cancelOrderWs cancels the remainder over WS post. Exchanges are closed at the end so the process exits.
 * @see hyperliquid-api.md §1.3, §1.6, §1.7, §3, §7.4
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import ccxt from "ccxt";
import { CADENCE_MS } from "../../src/feeds/index.ts";
import type { App } from "../../src/server/app.ts";
import { startServer } from "../helpers/server.ts";
import { addressOf, type Hex, testKey } from "./_wallet.ts";

const KEY_A = testKey(31);
const KEY_B = testKey(32);
const ADDR_A = addressOf(KEY_A);
const ADDR_B = addressOf(KEY_B);
const SOL = "SOL/USDC:USDC";
const NO_FUNDING = { fundingIntervalMs: 10_000_000_000_000 };
const SAVED_CADENCE = { ...CADENCE_MS };

type Pro = InstanceType<typeof ccxt.pro.hyperliquid>;

let app: App;
let exA: Pro;
let exB: Pro;

function pro(key: Hex): Pro {
  const ex = new ccxt.pro.hyperliquid({ walletAddress: addressOf(key), privateKey: key, enableRateLimit: false });
  ex.urls.api = { public: app.url, private: app.url, ws: { public: app.wsUrl } };
  return ex;
}

/** Awaits a watch call until its result satisfies `test` (each call resolves on the next update). */
async function watchUntil<T>(watch: () => Promise<T>, test: (x: T) => boolean, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < deadline) {
    const left = deadline - Date.now();
    const next = await Promise.race([
      watch(),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), left).unref()),
    ]);
    if (next === undefined) break;
    last = next;
    if (test(next)) return next;
  }
  throw new Error(`watch: no matching update in ${ms} ms; last ${JSON.stringify(last)?.slice(0, 2000)}`);
}

before(async () => {
  CADENCE_MS.l2Book = 150;
  app = await startServer({ engine: NO_FUNDING, tickMs: 50 });
  await app.fund(ADDR_A, 100_000);
  await app.fund(ADDR_B, 100_000);
  await app.setOracle({ SOL: "100", BTC: "65000" });
  exA = pro(KEY_A);
  exB = pro(KEY_B);
  // ccxt.pro on Node refuses a plain ws:// URL ("NotSupported: … to use proxy with non-ssl ws:// urls") until its
  // http agent is loaded.
  await Promise.all([exA.loadHttpProxyAgent(), exB.loadHttpProxyAgent()]);
  await Promise.all([exA.loadMarkets(), exB.loadMarkets()]);
});
after(async () => {
  Object.assign(CADENCE_MS, SAVED_CADENCE);
  await Promise.all([exA?.close(), exB?.close()]);
  await app.close();
});

describe("ccxt.pro hyperliquid over /ws", () => {
  it("createOrderWs places a cross; every watch sees it to the digit", async () => {
    // Subscribe first (each first call resolves on the snapshot / first data).
    const book0 = await exA.watchOrderBook(SOL);
    assert.deepEqual([book0.symbol, [...book0.bids], [...book0.asks]], [SOL, [], []]);
    const tradesP = exA.watchTrades(SOL);
    const ohlcvP = exA.watchOHLCV(SOL, "1m");
    const ordersP = exA.watchOrders();
    const myTradesP = exA.watchMyTrades();
    const myTradesBP = exB.watchMyTrades();
    // Give the subscribe frames time to be acked before trading (ccxt does not wait for acks).
    await new Promise((r) => setTimeout(r, 300));

    // createOrdersWs parses the statuses without their market, so only id and info are filled in.
    const ask = await exA.createOrderWs(SOL, "limit", "sell", 3, 100);
    const askId = String(ask.id);
    assert.match(askId, /^\d+$/);
    assert.deepEqual(ask.info, { resting: { oid: Number(askId) } });

    // watchOrders: the open order with its numbers.
    const orders = await ordersP;
    const open = orders.find((o) => o.id === askId);
    assert.deepEqual(
      [open?.symbol, open?.side, open?.price, open?.amount, open?.remaining, open?.status],
      [SOL, "sell", 100, 3, 3, "open"],
    );

    const book1 = await watchUntil(
      () => exA.watchOrderBook(SOL),
      (b) => b.asks.length === 1,
    );
    assert.deepEqual([[...book1.bids], [...book1.asks]], [[], [[100, 3]]]);

    const take = await exB.createOrderWs(SOL, "limit", "buy", 2, 100, { timeInForce: "Ioc" });
    const takeId = String(take.id);
    assert.match(takeId, /^\d+$/);
    assert.deepEqual(take.info, { filled: { totalSz: "2.0", avgPx: "100.0", oid: Number(takeId) } });

    // watchTrades: one public trade, taker side buy.
    const trades = await tradesP;
    const t = trades.at(-1);
    assert.deepEqual([trades.length, t?.symbol, t?.side, t?.price, t?.amount, t?.cost], [1, SOL, "buy", 100, 2, 200]);
    assert.match(String(t?.id), /^\d+$/);

    // watchMyTrades: A is the maker seller (1.5 bp of 200 + 1 bp builder), B the taker buyer (4.5 bp + 1 bp), same
    // trade id. (Over WS ccxt reports fee.cost = the fill's fee, builder part included, unlike its REST parser.)
    const mineA = (await myTradesP).at(-1);
    const infoA = mineA?.info as Record<string, unknown>;
    assert.deepEqual(
      [mineA?.symbol, mineA?.side, mineA?.price, mineA?.amount, mineA?.order, mineA?.fee?.cost, mineA?.fee?.currency],
      [SOL, "sell", 100, 2, askId, 0.05, "USDC"],
    );
    assert.deepEqual([infoA.fee, infoA.builderFee, infoA.crossed, infoA.dir], ["0.05", "0.02", false, "Open Short"]);
    const mineB = (await myTradesBP).at(-1);
    const infoB = mineB?.info as Record<string, unknown>;
    assert.deepEqual(
      [mineB?.symbol, mineB?.side, mineB?.price, mineB?.amount, mineB?.order, mineB?.fee?.cost],
      [SOL, "buy", 100, 2, takeId, 0.11],
    );
    assert.deepEqual([infoB.fee, infoB.builderFee, infoB.crossed, infoB.dir], ["0.11", "0.02", true, "Open Long"]);
    assert.equal(mineA?.id, t?.id);
    assert.equal(mineB?.id, t?.id);

    // watchOHLCV: the current 1m candle [t, o, h, l, c, v].
    const candles = await ohlcvP;
    const k = candles.at(-1);
    assert.deepEqual(k?.slice(1), [100, 100, 100, 100, 2]);
    assert.equal((k?.[0] ?? 1) % 60_000, 0);

    // watchOrderBook: 1 left at 100.
    const book2 = await watchUntil(
      () => exA.watchOrderBook(SOL),
      (b) => b.asks[0]?.[1] === 1,
    );
    assert.deepEqual([[...book2.bids], [...book2.asks]], [[], [[100, 1]]]);

    // cancelOrderWs over post; watchOrders sees it canceled with 1 remaining.
    // The next watchOrders future is created before the cancel: ccxt resolves only updates arriving after the call.
    let pending: ReturnType<Pro["watchOrders"]> | undefined = exA.watchOrders();
    const canceled = await exA.cancelOrderWs(askId, SOL);
    assert.equal(canceled.info, "success");
    const after = await watchUntil(
      () => {
        const p = pending ?? exA.watchOrders();
        pending = undefined;
        return p;
      },
      (os) => os.some((o) => o.id === askId && o.status === "canceled"),
    );
    const c = after.filter((o) => o.id === askId).at(-1);
    assert.deepEqual([c?.status, c?.amount, c?.remaining, c?.price], ["canceled", 3, 1, 100]);
  });

  it("an order error over WS post rejects with the server's text (§1.6, §5.3)", async () => {
    // 0.05 SOL at 90 is $4.5 of notional.
    await assert.rejects(exA.createOrderWs(SOL, "limit", "buy", 0.05, 90), /Order must have minimum value of \$10/);
  });
});
