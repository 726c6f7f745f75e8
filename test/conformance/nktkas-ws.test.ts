/**
 * @module test/conformance/nktkas-ws
 * Every subscription type hyperlocal serves that @nktkas/hyperliquid's SubscriptionClient offers, through the real
 * SDK over its WebSocketTransport (unmodified but for its URL): each `subscribe` resolves (the SDK waits for the
 * server's ack and matches it against what it sent), then a real cross between two funded accounts (A rests an ask,
 * B rests a bid and lifts part of A's ask), A's cancel of the remainder and A's usdSend to B are seen on every
 * channel with exact values (coin, px, sz, side, user, oid, fees, volumes, positions). The SDK's listeners filter by
 * coin/user/dex/s+i, so a payload with a wrong routing field never reaches the listener and the wait times out.
 * `webData2` (served, but no longer offered by SubscriptionClient in this SDK version) goes through the transport's
 * own `subscribe`. Every `unsubscribe` resolves. Push cadences are lowered for speed and restored afterwards.
 * @see hyperliquid-api.md §1 (protocol, catalogue, payloads), §2 (aggregation), §3 (candles), §7.2
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ExchangeClient, type ISubscription, SubscriptionClient, WebSocketTransport } from "@nktkas/hyperliquid";
import WebSocket from "ws";
import { CADENCE_MS } from "../../src/feeds/index.ts";
import type { App } from "../../src/server/app.ts";
import { startServer } from "../helpers/server.ts";
import { localWallet, testKey } from "./_wallet.ts";

if (globalThis.WebSocket === undefined) {
  (globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocket;
}

const A = localWallet(testKey(21));
const B = localWallet(testKey(22));
const SOL = 5;
const NO_FUNDING = { fundingIntervalMs: 10_000_000_000_000 };
const SAVED_CADENCE = { ...CADENCE_MS };

let app: App;
let transport: WebSocketTransport;
let exA: ExchangeClient;
let exB: ExchangeClient;
let subs: SubscriptionClient;
let t2: WebSocketTransport;
let t5: WebSocketTransport;

before(async () => {
  for (const k of Object.keys(CADENCE_MS) as (keyof typeof CADENCE_MS)[]) CADENCE_MS[k] = 150;
  app = await startServer({ engine: NO_FUNDING, tickMs: 50 });
  transport = new WebSocketTransport({ url: app.wsUrl, timeout: 5_000 });
  exA = new ExchangeClient({ transport, wallet: A });
  exB = new ExchangeClient({ transport, wallet: B });
  subs = new SubscriptionClient({ transport });
  t2 = new WebSocketTransport({ url: app.wsUrl, timeout: 5_000 });
  t5 = new WebSocketTransport({ url: app.wsUrl, timeout: 5_000 });
  await app.fund(A.address, 100_000);
  await app.fund(B.address, 100_000);
  await app.setOracle({ SOL: "100", BTC: "65000" });
});
after(async () => {
  Object.assign(CADENCE_MS, SAVED_CADENCE);
  await Promise.all([transport.close(), t2.close(), t5.close()]);
  await app.close();
});

// Payloads are read loosely (`any`): the exact values below are the check, not the SDK's static types.
// biome-ignore lint/suspicious/noExplicitAny: see above.
type Any = any;

/** Collects a listener's events; `until` resolves with the first one matching (seen before or after the call). */
function collector<T = Any>() {
  const seen: T[] = [];
  const waiters: { test: (x: T) => boolean; resolve: (x: T) => void }[] = [];
  return {
    seen,
    listener: (x: T) => {
      seen.push(x);
      for (const w of [...waiters]) {
        if (w.test(x)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(x);
        }
      }
    },
    until(test: (x: T) => boolean = () => true, ms = 5_000): Promise<T> {
      const found = seen.find(test);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise<T>((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`no matching event in ${ms} ms; last: ${JSON.stringify(seen.slice(-3))}`)),
          ms,
        );
        waiters.push({
          test,
          resolve: (x) => {
            clearTimeout(t);
            resolve(x);
          },
        });
      });
    },
  };
}

describe("nktkas SubscriptionClient: every served subscription type", () => {
  it("acks, snapshots and a real trade on every channel; unsubscribe resolves", async () => {
    const c = {
      allMids: collector<Any>(),
      book: collector<Any>(),
      book2: collector<Any>(),
      book5m2: collector<Any>(),
      bbo: collector<Any>(),
      trades: collector<Any>(),
      candle: collector<Any>(),
      orderUpdates: collector<Any>(),
      userEventsB: collector<Any>(),
      userFillsB: collector<Any>(),
      userFundings: collector<Any>(),
      ledger: collector<Any>(),
      notification: collector<Any>(),
      chs: collector<Any>(),
      openOrders: collector<Any>(),
      assetCtx: collector<Any>(),
      assetData: collector<Any>(),
      assetCtxs: collector<Any>(),
      webData2: collector<Any>(),
      webData3: collector<Any>(),
      histB: collector<Any>(),
      histA: collector<Any>(),
      twapSlices: collector<Any>(),
      twapHistory: collector<Any>(),
      twapStates: collector<Any>(),
    };
    const user = A.address;
    const handles: ISubscription[] = [
      await subs.allMids(c.allMids.listener),
      await subs.l2Book({ coin: "SOL" }, c.book.listener),
      // One transport per aggregation: the SDK routes l2Book messages by coin only, and the payload does not say
      // which aggregation it is, so two l2Book subscriptions of one coin on one socket reach both listeners.
      await new SubscriptionClient({ transport: t2 }).l2Book({ coin: "SOL", nSigFigs: 2 }, c.book2.listener),
      await new SubscriptionClient({ transport: t5 }).l2Book(
        { coin: "SOL", nSigFigs: 5, mantissa: 2 },
        c.book5m2.listener,
      ),
      await subs.bbo({ coin: "SOL" }, c.bbo.listener),
      await subs.trades({ coin: "SOL" }, c.trades.listener),
      await subs.candle({ coin: "SOL", interval: "1m" }, c.candle.listener),
      await subs.orderUpdates({ user }, c.orderUpdates.listener),
      await subs.userEvents({ user: B.address }, c.userEventsB.listener),
      await subs.userFills({ user: B.address, aggregateByTime: true }, c.userFillsB.listener),
      await subs.userFundings({ user }, c.userFundings.listener),
      await subs.userNonFundingLedgerUpdates({ user }, c.ledger.listener),
      await subs.notification({ user }, c.notification.listener),
      await subs.clearinghouseState({ user }, c.chs.listener),
      await subs.openOrders({ user }, c.openOrders.listener),
      await subs.activeAssetCtx({ coin: "SOL" }, c.assetCtx.listener),
      await subs.activeAssetData({ user, coin: "SOL" }, c.assetData.listener),
      await subs.assetCtxs(c.assetCtxs.listener),
      await transport.subscribe("webData2", { type: "webData2", user }, (e: CustomEvent) =>
        c.webData2.listener(e.detail),
      ),
      await subs.webData3({ user }, c.webData3.listener),
      await subs.userHistoricalOrders({ user: B.address }, c.histB.listener),
      await subs.userHistoricalOrders({ user }, c.histA.listener),
      await subs.userTwapSliceFills({ user }, c.twapSlices.listener),
      await subs.userTwapHistory({ user }, c.twapHistory.listener),
      await subs.twapStates({ user }, c.twapStates.listener),
    ];

    // Snapshots before any trading (§1.7): isSnapshot on the user feeds, empty TWAP feeds, empty book.
    const fillsSnap = await c.userFillsB.until();
    assert.deepEqual(fillsSnap, { isSnapshot: true, user: B.address, fills: [] });
    assert.deepEqual(await c.userFundings.until(), { isSnapshot: true, user, fundings: [] });
    assert.deepEqual(await c.twapSlices.until(), { isSnapshot: true, user, twapSliceFills: [] });
    assert.deepEqual(await c.twapHistory.until(), { isSnapshot: true, user, history: [] });
    assert.deepEqual(await c.twapStates.until(), { dex: "", user, states: [] });
    assert.deepEqual(await c.histA.until(), { isSnapshot: true, user, orderHistory: [] });
    const ledgerSnap = await c.ledger.until();
    assert.equal(ledgerSnap.isSnapshot, true);
    assert.equal(ledgerSnap.user, user);
    assert.deepEqual(
      ledgerSnap.nonFundingLedgerUpdates.map((u: Any) => [u.delta.type, u.delta.usdc]),
      [["deposit", "100000.0"]],
    );
    assert.deepEqual((await c.book.until()).levels, [[], []]);

    // A rests an ask 3 @ 100, B rests bids 1 @ 98.513 and 1 @ 98, then B lifts 2 @ 100 (IOC).
    const ask = await exA.order({
      orders: [{ a: SOL, b: false, p: "100", s: "3", r: false, t: { limit: { tif: "Gtc" } } }],
      grouping: "na",
    });
    const askOid = (ask.response.data.statuses[0] as { resting: { oid: number } }).resting.oid;
    const bids = await exB.order({
      orders: [
        { a: SOL, b: true, p: "98.513", s: "1", r: false, t: { limit: { tif: "Gtc" } } },
        { a: SOL, b: true, p: "98", s: "1", r: false, t: { limit: { tif: "Gtc" } } },
      ],
      grouping: "na",
    });
    assert.deepEqual(
      bids.response.data.statuses.map((s) => Object.keys(s)),
      [["resting"], ["resting"]],
    );
    await c.book.until((b) => b.levels[0].length === 2 && b.levels[1][0]?.sz === "3.0");
    const take = await exB.order({
      orders: [{ a: SOL, b: true, p: "100", s: "2", r: false, t: { limit: { tif: "Ioc" } } }],
      grouping: "na",
    });
    const filled = (take.response.data.statuses[0] as { filled: { oid: number; totalSz: string; avgPx: string } })
      .filled;
    assert.deepEqual([filled.totalSz, filled.avgPx], ["2.0", "100.0"]);
    const takeOid = filled.oid;

    // trades: one trade, buyer B (taker side B), users [buyer, seller].
    const trade = (await c.trades.until((t) => t.length > 0))[0];
    assert.deepEqual(
      [trade.coin, trade.side, trade.px, trade.sz, trade.users],
      ["SOL", "B", "100.0", "2.0", [B.address, A.address]],
    );
    assert.ok(Number.isSafeInteger(trade.tid));

    // l2Book at full precision; nSigFigs 2 (step 1 near 100: bids floored, 98.513 and 98 share the 98 bucket); nSigFigs
    // 5 + mantissa 2 (step 0.002: 98.513 floors to 98.512) (§2).
    const ask1 = { px: "100.0", sz: "1.0", n: 1 };
    const book = await c.book.until((b) => b.levels[1][0]?.sz === "1.0");
    assert.deepEqual(book.levels, [
      [
        { px: "98.513", sz: "1.0", n: 1 },
        { px: "98.0", sz: "1.0", n: 1 },
      ],
      [ask1],
    ]);
    const book2 = await c.book2.until((b) => b.levels[1][0]?.sz === "1.0");
    assert.deepEqual(book2.levels, [[{ px: "98.0", sz: "2.0", n: 2 }], [ask1]]);
    const book5 = await c.book5m2.until((b) => b.levels[1][0]?.sz === "1.0");
    assert.deepEqual(book5.levels, [
      [
        { px: "98.512", sz: "1.0", n: 1 },
        { px: "98.0", sz: "1.0", n: 1 },
      ],
      [ask1],
    ]);

    // bbo: [best bid, best ask].
    const bbo = await c.bbo.until((b) => b.bbo[1]?.sz === "1.0");
    assert.deepEqual(bbo.bbo, [{ px: "98.513", sz: "1.0", n: 1 }, ask1]);

    // candle 1m: one trade of 2 @ 100.
    const candle = await c.candle.until((k) => k.n === 1);
    assert.deepEqual(
      [candle.s, candle.i, candle.o, candle.c, candle.h, candle.l, candle.v, candle.n, candle.T - candle.t],
      ["SOL", "1m", "100.0", "100.0", "100.0", "100.0", "2.0", 1, 59_999],
    );
    assert.equal(candle.t % 60_000, 0);

    // allMids: (98.513 + 100) / 2.
    const mids = await c.allMids.until((m) => m.mids.SOL === "99.2565");
    assert.equal("dex" in mids, false);

    // userFills (B, aggregateByTime) and userEvents (B): the taker fill, fee 4.5 bp of 200.
    const fillB = (await c.userFillsB.until((f) => f.fills.length > 0)).fills;
    assert.deepEqual(
      fillB.map((f: Any) => [f.coin, f.side, f.px, f.sz, f.oid, f.dir, f.crossed, f.fee, f.startPosition, f.tid]),
      [["SOL", "B", "100.0", "2.0", takeOid, "Open Long", true, "0.09", "0.0", trade.tid]],
    );
    const evB = await c.userEventsB.until((e) => "fills" in e);
    assert.deepEqual(
      evB.fills.map((f: Any) => [f.coin, f.side, f.px, f.sz, f.oid, f.tid]),
      [["SOL", "B", "100.0", "2.0", takeOid, trade.tid]],
    );

    // orderUpdates (A): open 3, then (after the cancel below) canceled with 1 remaining.
    const open = await c.orderUpdates.until((u) => u.some((x: Any) => x.status === "open"));
    assert.deepEqual(
      open.map((x: Any) => [x.order.coin, x.order.side, x.order.limitPx, x.order.sz, x.order.origSz, x.order.oid]),
      [["SOL", "A", "100.0", "3.0", "3.0", askOid]],
    );

    // notification (A): its resting order filled.
    assert.deepEqual(await c.notification.until(), { notification: "Resting order filled: Sold 2 SOL at $100" });

    // clearinghouseState / openOrders / webData2 / webData3 / activeAssetData (A).
    const chs = await c.chs.until((s) => s.clearinghouseState.assetPositions.length === 1);
    assert.deepEqual([chs.dex, chs.user], ["", user]);
    const pos = chs.clearinghouseState.assetPositions[0].position;
    assert.deepEqual([pos.coin, pos.szi, pos.entryPx, pos.positionValue], ["SOL", "-2.0", "100.0", "200.0"]);
    const oo = await c.openOrders.until((o) => o.orders.length === 1 && o.orders[0].sz === "1.0");
    assert.deepEqual([oo.dex, oo.user], ["", user]);
    assert.deepEqual(
      oo.orders.map((o: Any) => [o.coin, o.side, o.limitPx, o.sz, o.origSz, o.oid]),
      [["SOL", "A", "100.0", "1.0", "3.0", askOid]],
    );
    const wd2 = await c.webData2.until((w) => w.openOrders?.[0]?.sz === "1.0");
    assert.equal(wd2.user, user);
    assert.deepEqual(wd2.clearinghouseState.assetPositions[0].position.szi, "-2.0");
    assert.deepEqual(
      wd2.openOrders.map((o: Any) => o.oid),
      [askOid],
    );
    const wd3 = await c.webData3.until();
    assert.equal(wd3.userState.user, user);
    const aad = await c.assetData.until();
    assert.deepEqual([aad.user, aad.coin, aad.leverage.type], [user, "SOL", "cross"]);

    // activeAssetCtx / assetCtxs: oracle 100, open interest 2, day volume 2 SOL / 200 USDC, mid 99.2565.
    const ctx = (await c.assetCtx.until((x) => x.ctx.openInterest === "2.0")).ctx;
    assert.deepEqual(
      [ctx.oraclePx, ctx.openInterest, ctx.dayBaseVlm, ctx.dayNtlVlm, ctx.midPx],
      ["100.0", "2.0", "2.0", "200.0", "99.2565"],
    );
    const ctxs = await c.assetCtxs.until((x) => x.ctxs[SOL]?.openInterest === "2.0");
    assert.equal(ctxs.dex, "");
    assert.deepEqual(
      [ctxs.ctxs[SOL].oraclePx, ctxs.ctxs[SOL].dayNtlVlm, ctxs.ctxs[SOL].midPx],
      ["100.0", "200.0", "99.2565"],
    );

    // userHistoricalOrders (B): the IOC order filled.
    const histB = await c.histB.until((h) => h.orderHistory.some((o: Any) => o.order.oid === takeOid));
    const hb = histB.orderHistory.find((o: Any) => o.order.oid === takeOid);
    assert.deepEqual(
      [hb.status, hb.order.coin, hb.order.side, hb.order.limitPx, hb.order.origSz, hb.order.sz],
      ["filled", "SOL", "B", "100.0", "2.0", "0.0"],
    );

    // A cancels the remainder: orderUpdates and userHistoricalOrders say canceled with 1 left.
    await exA.cancel({ cancels: [{ a: SOL, o: askOid }] });
    const canceled = await c.orderUpdates.until((u) => u.some((x: Any) => x.status === "canceled"));
    assert.deepEqual(
      canceled.map((x: Any) => [x.order.oid, x.order.sz, x.order.origSz, x.status]),
      [[askOid, "1.0", "3.0", "canceled"]],
    );
    const histA = await c.histA.until((h) => h.orderHistory.some((o: Any) => o.status === "canceled"));
    assert.deepEqual(
      histA.orderHistory.map((o: Any) => [o.order.oid, o.status, o.order.sz]),
      [[askOid, "canceled", "1.0"]],
    );

    // usdSend A → B: a ledger update on A's feed.
    await exA.usdSend({ destination: B.address, amount: "10" });
    const sent = await c.ledger.until((l) => l.isSnapshot === undefined);
    assert.equal(sent.user, user);
    assert.equal(sent.nonFundingLedgerUpdates.length, 1);
    const delta = sent.nonFundingLedgerUpdates[0].delta;
    assert.equal(delta.usdc, "10.0");
    assert.equal(delta.destination, B.address);

    for (const h of handles) await h.unsubscribe();
  });
});
