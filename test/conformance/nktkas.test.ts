/**
 * @module test/conformance/nktkas
 * The real @nktkas/hyperliquid SDK (HTTP transport, InfoClient, ExchangeClient, SymbolConverter) against the real
 * server, unmodified but for its base URL. One scenario with two funded private-key accounts: start-up requests, a
 * resting order seen by every order query and the book, modify, cancel, a tick error, a cross (open) and a partial
 * close with fills and account figures checked to the digit, usdSend, an API wallet trading for its master, nonce
 * replay, an unknown signer, and testnet signing. Expected numbers are worked out by hand from the docs in comments.
 * @see hyperliquid-api.md §4.3–§4.5, §5, §6.4, §7.2; hyperliquid-mechanics.md §1.3, §1.4, §4.1, §5, §8
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ApiRequestError, ExchangeClient, HttpTransport, InfoClient } from "@nktkas/hyperliquid";
import { signL1Action } from "@nktkas/hyperliquid/signing";
import { SymbolConverter } from "@nktkas/hyperliquid/utils";
import type { App } from "../../src/server/app.ts";
import { post, startServer } from "../helpers/server.ts";
import { type Hex, localWallet, testKey } from "./_wallet.ts";

const A = localWallet(testKey(1));
const B = localWallet(testKey(2));
/** Receives a usdSend; never funded by the faucet. */
const C = localWallet(testKey(3));
/** API wallet of A. */
const G = localWallet(testKey(4));
/** Never funded. */
const U = localWallet(testKey(5));

const C1: Hex = "0x1234567890abcdef1234567890abcdef";
const C2: Hex = "0x0000000000000000000000000000c0de";

/** Funding boundaries pushed past the test's lifetime so every balance is exact (no hourly payment mid-test). */
const NO_FUNDING = { fundingIntervalMs: 10_000_000_000_000 };

let app: App;
let info: InfoClient;
let exA: ExchangeClient;
let exB: ExchangeClient;

before(async () => {
  app = await startServer({ engine: NO_FUNDING });
  const transport = new HttpTransport({ apiUrl: app.url });
  info = new InfoClient({ transport });
  exA = new ExchangeClient({ transport, wallet: A });
  exB = new ExchangeClient({ transport, wallet: B });
  await app.fund(A.address, 100_000);
  await app.fund(B.address, 100_000);
  await app.setOracle({ BTC: "65000", ETH: "3500" });
});
after(() => app.close());

const OK_DEFAULT = { status: "ok", response: { type: "default" } };
const ZERO_FUNDING = { allTime: "0.0", sinceOpen: "0.0", sinceChange: "0.0" };

function isOid(x: unknown): x is number {
  return typeof x === "number" && Number.isSafeInteger(x) && x > 0;
}

function assertBetween(t: unknown, lo: number, hi: number, what: string): asserts t is number {
  assert.equal(typeof t, "number", `${what} is a number`);
  assert.ok((t as number) >= lo && (t as number) <= hi, `${what} ${t} within [${lo}, ${hi}]`);
}

function pick(o: unknown, keys: readonly string[]): Record<string, unknown> {
  const src = o as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => k in src).map((k) => [k, src[k]]));
}

/** Relative closeness, for fields whose decimal formatting the docs leave open (liquidationPx, returnOnEquity). */
function assertClose(actual: unknown, expected: number, rel: number, what: string): void {
  assert.equal(typeof actual, "string", `${what} is a decimal string`);
  const x = Number(actual);
  assert.ok(Math.abs(x - expected) <= Math.abs(expected) * rel, `${what}: ${actual} ≈ ${expected}`);
}

async function rejects(p: Promise<unknown>, includes: string): Promise<ApiRequestError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiRequestError, `expected ApiRequestError, got ${String(e)}`);
    assert.ok(
      e.message.includes(includes),
      `message ${JSON.stringify(e.message)} includes ${JSON.stringify(includes)}`,
    );
    return e;
  }
  assert.fail(`expected an ApiRequestError containing ${JSON.stringify(includes)}`);
}

/** A Gtc/Ioc limit order on BTC (asset 0). */
function btc(isBuy: boolean, px: string, sz: string, tif: "Gtc" | "Ioc", cloid?: Hex) {
  return {
    orders: [
      {
        a: 0,
        b: isBuy,
        p: px,
        s: sz,
        r: false,
        t: { limit: { tif } },
        ...(cloid === undefined ? {} : { c: cloid }),
      },
    ],
    grouping: "na" as const,
  };
}

const META_UNIVERSE = [
  { name: "BTC", szDecimals: 5, maxLeverage: 40, marginTableId: 56 },
  { name: "ETH", szDecimals: 4, maxLeverage: 25, marginTableId: 55 },
  { name: "ATOM", szDecimals: 2, maxLeverage: 5, marginTableId: 5 },
  { name: "MATIC", szDecimals: 1, maxLeverage: 20, marginTableId: 20, isDelisted: true },
  { name: "DYDX", szDecimals: 1, maxLeverage: 5, marginTableId: 5 },
  { name: "SOL", szDecimals: 2, maxLeverage: 20, marginTableId: 54 },
  { name: "AVAX", szDecimals: 2, maxLeverage: 10, marginTableId: 52 },
  { name: "BNB", szDecimals: 3, maxLeverage: 10, marginTableId: 51 },
  { name: "APE", szDecimals: 1, maxLeverage: 5, marginTableId: 5 },
  { name: "OP", szDecimals: 1, maxLeverage: 5, marginTableId: 5 },
  { name: "LTC", szDecimals: 2, maxLeverage: 10, marginTableId: 52 },
  { name: "ARB", szDecimals: 1, maxLeverage: 10, marginTableId: 51 },
  { name: "DOGE", szDecimals: 0, maxLeverage: 10, marginTableId: 52 },
  { name: "INJ", szDecimals: 1, maxLeverage: 5, marginTableId: 5 },
];

describe("@nktkas/hyperliquid against hyperlocal", () => {
  // State carried from step to step.
  let restingOid = 0;
  let modifiedOid = 0;
  let makerOid = 0;
  let takerOid = 0;
  let closeMakerOid = 0;
  let closeTakerOid = 0;

  it("start-up: meta, metaAndAssetCtxs, allMids, spotMeta and SymbolConverter.create (§4.5)", async () => {
    const meta = await info.meta();
    assert.deepEqual(meta.universe, META_UNIVERSE);
    assert.equal(meta.collateralToken, 0);
    const table56 = meta.marginTables.find(([id]) => id === 56);
    assert.deepEqual(table56, [
      56,
      {
        description: "tiered 40x",
        marginTiers: [
          { lowerBound: "0.0", maxLeverage: 40 },
          { lowerBound: "150000000.0", maxLeverage: 20 },
        ],
      },
    ]);

    const [meta2, ctxs] = await info.metaAndAssetCtxs();
    assert.deepEqual(meta2, meta);
    assert.equal(ctxs.length, 14);
    // Oracle set once on an empty book: the mark is the oracle (mechanics §2: only input 1 exists).
    assert.deepEqual(pick(ctxs[0], ["markPx", "oraclePx", "midPx", "openInterest", "dayNtlVlm", "dayBaseVlm"]), {
      markPx: "65000.0",
      oraclePx: "65000.0",
      midPx: null,
      openInterest: "0.0",
      dayNtlVlm: "0.0",
      dayBaseVlm: "0.0",
    });
    assert.deepEqual(pick(ctxs[1], ["markPx", "oraclePx"]), { markPx: "3500.0", oraclePx: "3500.0" });

    const mids = await info.allMids();
    assert.equal(typeof mids, "object");
    assert.ok(mids !== null && !Array.isArray(mids));

    const spot = await info.spotMeta();
    assert.ok(Array.isArray(spot.universe));
    assert.ok(Array.isArray(spot.tokens));

    const converter = await SymbolConverter.create({ transport: new HttpTransport({ apiUrl: app.url }) });
    assert.equal(converter.getAssetId("BTC"), 0);
    assert.equal(converter.getAssetId("SOL"), 5);
    assert.equal(converter.getAssetId("INJ"), 13);
    assert.equal(converter.getSzDecimals("BTC"), 5);
    assert.equal(converter.getSzDecimals("ETH"), 4);
    assert.equal(converter.getSzDecimals("DOGE"), 0);
  });

  it("updateLeverage: BTC 5x cross for A", async () => {
    assert.deepEqual(await exA.updateLeverage({ asset: 0, isCross: true, leverage: 5 }), OK_DEFAULT);
  });

  it("a resting Gtc buy with a cloid answers {resting: {oid, cloid}}", async () => {
    const res = await exA.order(btc(true, "64000", "0.01", "Gtc", C1));
    const status = res.response.data.statuses[0] as { resting: { oid: number } };
    assert.ok(isOid(status.resting?.oid), JSON.stringify(res));
    restingOid = status.resting.oid;
    assert.deepEqual(res, {
      status: "ok",
      response: { type: "order", data: { statuses: [{ resting: { oid: restingOid, cloid: C1 } }] } },
    });
  });

  it("the resting order in openOrders, frontendOpenOrders, orderStatus (oid and cloid) and l2Book", async () => {
    const open = await info.openOrders({ user: A.address });
    assert.equal(open.length, 1);
    const ts = open[0]?.timestamp;
    assertBetween(ts, Date.now() - 60_000, Date.now(), "timestamp");
    assert.deepEqual(open, [
      {
        coin: "BTC",
        side: "B",
        limitPx: "64000.0",
        sz: "0.01",
        oid: restingOid,
        timestamp: ts,
        origSz: "0.01",
        cloid: C1,
      },
    ]);

    const frontend = {
      coin: "BTC",
      side: "B",
      limitPx: "64000.0",
      sz: "0.01",
      oid: restingOid,
      timestamp: ts,
      origSz: "0.01",
      cloid: C1,
      triggerCondition: "N/A",
      isTrigger: false,
      triggerPx: "0.0",
      children: [],
      isPositionTpsl: false,
      reduceOnly: false,
      orderType: "Limit",
      tif: "Gtc",
    };
    assert.deepEqual(await info.frontendOpenOrders({ user: A.address }), [frontend]);

    for (const oid of [restingOid, C1] as const) {
      const st = await info.orderStatus({ user: A.address, oid });
      assert.equal(st.status, "order", `orderStatus(${oid})`);
      const statusTimestamp = (st as { order: { statusTimestamp: number } }).order.statusTimestamp;
      assert.equal(typeof statusTimestamp, "number");
      assert.deepEqual(st, { status: "order", order: { order: frontend, status: "open", statusTimestamp } });
    }
    assert.deepEqual(await info.orderStatus({ user: A.address, oid: 987654321 }), { status: "unknownOid" });
    // Other users see nothing of A's orders.
    assert.deepEqual(await info.openOrders({ user: B.address }), []);

    const book = await info.l2Book({ coin: "BTC" });
    assert.ok(book !== null);
    assert.equal(typeof book.time, "number");
    assert.deepEqual(book, { coin: "BTC", time: book.time, levels: [[{ px: "64000.0", sz: "0.01", n: 1 }], []] });
  });

  it("modify: a new oid for the new price; the old order is canceled (§5.4)", async () => {
    const res = await exA.modify({
      oid: restingOid,
      order: { a: 0, b: true, p: "64100", s: "0.01", r: false, t: { limit: { tif: "Gtc" } }, c: C1 },
    });
    assert.deepEqual(res, OK_DEFAULT);

    const open = await info.openOrders({ user: A.address });
    assert.equal(open.length, 1);
    const now = open[0];
    assert.ok(now !== undefined && isOid(now.oid));
    modifiedOid = now.oid;
    assert.notEqual(modifiedOid, restingOid);
    assert.deepEqual(now, {
      coin: "BTC",
      side: "B",
      limitPx: "64100.0",
      sz: "0.01",
      oid: modifiedOid,
      timestamp: now.timestamp,
      origSz: "0.01",
      cloid: C1,
    });

    const old = await info.orderStatus({ user: A.address, oid: restingOid });
    assert.equal(old.status, "order");
    assert.equal((old as { order: { status: string } }).order.status, "canceled");
    const byCloid = await info.orderStatus({ user: A.address, oid: C1 });
    assert.equal((byCloid as { order: { order: { oid: number } } }).order.order.oid, modifiedOid);
    assert.equal((byCloid as { order: { status: string } }).order.status, "open");

    const book = await info.l2Book({ coin: "BTC" });
    assert.deepEqual(book?.levels, [[{ px: "64100.0", sz: "0.01", n: 1 }], []]);
  });

  it("cancel: success; canceled in orderStatus and historicalOrders", async () => {
    const res = await exA.cancel({ cancels: [{ a: 0, o: modifiedOid }] });
    assert.deepEqual(res, { status: "ok", response: { type: "cancel", data: { statuses: ["success"] } } });

    assert.deepEqual(await info.openOrders({ user: A.address }), []);
    assert.deepEqual(await info.frontendOpenOrders({ user: A.address }), []);
    const book = await info.l2Book({ coin: "BTC" });
    assert.deepEqual(book?.levels, [[], []]);

    const st = await info.orderStatus({ user: A.address, oid: modifiedOid });
    assert.equal(st.status, "order");
    const entry = (st as { order: { order: unknown; status: string } }).order;
    assert.equal(entry.status, "canceled");
    const keys = ["coin", "side", "limitPx", "oid", "origSz", "cloid", "orderType", "tif", "isTrigger", "reduceOnly"];
    assert.deepEqual(pick(entry.order, keys), {
      coin: "BTC",
      side: "B",
      limitPx: "64100.0",
      oid: modifiedOid,
      origSz: "0.01",
      cloid: C1,
      orderType: "Limit",
      tif: "Gtc",
      isTrigger: false,
      reduceOnly: false,
    });

    // Cancelling again: the per-cancel error (§5.3), thrown by the SDK.
    await rejects(
      exA.cancel({ cancels: [{ a: 0, o: modifiedOid }] }),
      "Order was never placed, already canceled, or filled.",
    );

    const history = await info.historicalOrders({ user: A.address });
    const byOid = new Map(history.map((h) => [h.order.oid, h]));
    assert.equal(byOid.get(restingOid)?.status, "canceled");
    assert.equal(byOid.get(modifiedOid)?.status, "canceled");
    assert.equal(byOid.get(restingOid)?.order.limitPx, "64000.0");
    assert.equal(byOid.get(modifiedOid)?.order.limitPx, "64100.0");
    for (const h of history) assert.equal(typeof h.statusTimestamp, "number");
  });

  it("an order off the tick → ApiRequestError 'Price must be divisible by tick size. asset=0'", async () => {
    // BTC: szDecimals 5 ⇒ at most 6 − 5 = 1 decimal (§5.4).
    const e = await rejects(
      exA.order(btc(true, "64000.55", "0.01", "Gtc")),
      "Price must be divisible by tick size. asset=0",
    );
    // Either the per-order form or the top-level form is acceptable (§5.2 pre-validation).
    const body = e.response as { status: string; response: unknown };
    const perOrder = {
      status: "ok",
      response: { type: "order", data: { statuses: [{ error: "Price must be divisible by tick size. asset=0" }] } },
    };
    if (body.status === "ok") assert.deepEqual(body, perOrder);
    else assert.equal(body.status, "err");
    // Six significant figures is off the tick too, and so is a size finer than szDecimals.
    await rejects(exA.order(btc(true, "64000.5", "0.01", "Gtc")), "Price must be divisible by tick size. asset=0");
    await rejects(exA.order(btc(true, "64000", "0.000001", "Gtc")), "Order has invalid size.");
    // Below $10 notional (§5.4): 0.0001 × 64000 = 6.4.
    await rejects(exA.order(btc(true, "64000", "0.0001", "Gtc")), "Order must have minimum value of $10. asset=0");
    assert.deepEqual(await info.openOrders({ user: A.address }), []);
  });

  it("the cross: A's resting buy (maker) filled by B's Ioc sell (taker): response shapes", async () => {
    const rest = await exA.order(btc(true, "64500", "0.01234", "Gtc", C2));
    makerOid = (rest.response.data.statuses[0] as { resting: { oid: number } }).resting.oid;
    assert.ok(isOid(makerOid));
    assert.deepEqual(rest.response.data.statuses, [{ resting: { oid: makerOid, cloid: C2 } }]);

    const take = await exB.order(btc(false, "64000", "0.01234", "Ioc"));
    const filled = (take.response.data.statuses[0] as { filled: { oid: number } }).filled;
    assert.ok(filled !== undefined && isOid(filled.oid), JSON.stringify(take));
    takerOid = filled.oid;
    assert.deepEqual(take, {
      status: "ok",
      response: {
        type: "order",
        data: { statuses: [{ filled: { totalSz: "0.01234", avgPx: "64500.0", oid: takerOid } }] },
      },
    });
    assert.ok(takerOid > makerOid);

    const st = await info.orderStatus({ user: A.address, oid: makerOid });
    const entry = (st as { order: { order: unknown; status: string } }).order;
    assert.equal(entry.status, "filled");
    assert.deepEqual(pick(entry.order, ["oid", "sz", "origSz", "limitPx", "cloid"]), {
      oid: makerOid,
      sz: "0.0",
      origSz: "0.01234",
      limitPx: "64500.0",
      cloid: C2,
    });
    const book = await info.l2Book({ coin: "BTC" });
    assert.deepEqual(book?.levels, [[], []]);
    // An empty book: allMids falls back to the last trade (§4.4).
    const mids = await info.allMids();
    assert.equal(mids.BTC, "64500.0");
  });

  it("userFills of both sides: px, sz, side, dir, startPosition, closedPnl, fee to the digit (§4.3, mechanics §5)", async () => {
    // Notional 0.01234 × 64500 = 795.93. Maker 0.015%: 0.1193895 → charge rounded up to 10^-6 = 0.11939.
    // Taker 0.045%: 0.3581685 → 0.358169.
    const [fa] = await info.userFills({ user: A.address });
    const [fb] = await info.userFills({ user: B.address });
    assert.ok(fa !== undefined && fb !== undefined);
    for (const f of [fa, fb]) {
      assert.match(f.hash, /^0x[0-9a-f]{64}$/);
      assert.ok(isOid(f.tid));
      assertBetween(f.time, Date.now() - 60_000, Date.now(), "fill time");
    }
    assert.equal(fa.tid, fb.tid, "both legs share the trade id");
    assert.equal(fa.time, fb.time);
    const common = {
      coin: "BTC",
      px: "64500.0",
      sz: "0.01234",
      time: fa.time,
      tid: fa.tid,
      feeToken: "USDC",
      twapId: null,
    };
    assert.deepEqual(fa, {
      ...common,
      side: "B",
      startPosition: "0.0",
      dir: "Open Long",
      closedPnl: "0.0",
      hash: fa.hash,
      oid: makerOid,
      crossed: false,
      fee: "0.11939",
      cloid: C2,
    });
    assert.deepEqual(fb, {
      ...common,
      side: "A",
      startPosition: "0.0",
      dir: "Open Short",
      closedPnl: "0.0",
      hash: fb.hash,
      oid: takerOid,
      crossed: true,
      fee: "0.358169",
    });
  });

  it("clearinghouseState of both after the open, to the digit (mechanics §1.3, §1.4)", async () => {
    // Mark 65000 (the oracle). A: long 0.01234 @ 64500, cross 5x.
    //   positionValue = 0.01234 × 65000 = 802.1; uPnL = 0.01234 × 500 = 6.17; marginUsed = 802.1 / 5 = 160.42
    //   totalRawUsd = 100000 − 0.11939 − 795.93 = 99203.95061; accountValue = 99203.95061 + 802.1 = 100006.05061
    //   maintenance (table 56, tier 40x: 1.25%) = 10.02625
    //   withdrawable = 100006.05061 − max(160.42, 80.21) = 99845.63061
    // B: short 0.01234 @ 64500, cross 20x (default min(20, 40)).
    //   marginUsed = 802.1 / 20 = 40.105; totalRawUsd = 100000 − 0.358169 + 795.93 = 100795.571831
    //   accountValue = 100795.571831 − 802.1 = 99993.471831; withdrawable = 99993.471831 − max(40.105, 80.21) = 99913.261831
    const a = await info.clearinghouseState({ user: A.address });
    const b = await info.clearinghouseState({ user: B.address });
    checkState(a, {
      accountValue: "100006.05061",
      totalNtlPos: "802.1",
      totalRawUsd: "99203.95061",
      totalMarginUsed: "160.42",
      maintenance: "10.02625",
      withdrawable: "99845.63061",
      position: {
        coin: "BTC",
        szi: "0.01234",
        leverage: { type: "cross", value: 5 },
        entryPx: "64500.0",
        positionValue: "802.1",
        unrealizedPnl: "6.17",
        marginUsed: "160.42",
        maxLeverage: 40,
        cumFunding: ZERO_FUNDING,
      },
      // 6.17 / (0.01234 × 64500 / 5)
      roe: 6.17 / 159.186,
      // A long whose equity far exceeds its notional has no finite liquidation price.
      liq: null,
    });
    checkState(b, {
      accountValue: "99993.471831",
      totalNtlPos: "802.1",
      totalRawUsd: "100795.571831",
      totalMarginUsed: "40.105",
      maintenance: "10.02625",
      withdrawable: "99913.261831",
      position: {
        coin: "BTC",
        szi: "-0.01234",
        leverage: { type: "cross", value: 20 },
        entryPx: "64500.0",
        positionValue: "802.1",
        unrealizedPnl: "-6.17",
        marginUsed: "40.105",
        maxLeverage: 40,
        cumFunding: ZERO_FUNDING,
      },
      roe: -6.17 / 39.7965,
      // mechanics §4.1: 65000 − (−1) × (99993.471831 − 10.02625) / 0.01234 / (1 − 0.0125 × (−1))
      liq: 65000 + (99993.471831 - 10.02625) / 0.01234 / 1.0125,
    });

    const [, ctxs] = await info.metaAndAssetCtxs();
    assert.equal(ctxs[0]?.openInterest, "0.01234");
  });

  it("a partial close: closedPnl, startPosition and Close Long / Close Short (mechanics §8)", async () => {
    const rest = await exA.order(btc(false, "65500", "0.005", "Gtc"));
    closeMakerOid = (rest.response.data.statuses[0] as { resting: { oid: number } }).resting.oid;
    assert.deepEqual(rest.response.data.statuses, [{ resting: { oid: closeMakerOid } }]);
    const take = await exB.order(btc(true, "66000", "0.005", "Ioc"));
    closeTakerOid = (take.response.data.statuses[0] as { filled: { oid: number } }).filled.oid;
    assert.deepEqual(take.response.data.statuses, [
      { filled: { totalSz: "0.005", avgPx: "65500.0", oid: closeTakerOid } },
    ]);

    // Notional 0.005 × 65500 = 327.5; maker fee 0.049125, taker fee 0.147375 (exact).
    // closedPnl = side × (65500 − 64500) × 0.005 = ±5 (fees excluded).
    const fillsA = await info.userFills({ user: A.address });
    const fillsB = await info.userFills({ user: B.address });
    assert.equal(fillsA.length, 2);
    assert.equal(fillsB.length, 2);
    const fa = fillsA.find((f) => f.oid === closeMakerOid);
    const fb = fillsB.find((f) => f.oid === closeTakerOid);
    assert.ok(fa !== undefined && fb !== undefined);
    const common = {
      coin: "BTC",
      px: "65500.0",
      sz: "0.005",
      time: fa.time,
      tid: fa.tid,
      feeToken: "USDC",
      twapId: null,
    };
    assert.equal(fb.tid, fa.tid);
    assert.deepEqual(fa, {
      ...common,
      side: "A",
      startPosition: "0.01234",
      dir: "Close Long",
      closedPnl: "5.0",
      hash: fa.hash,
      oid: closeMakerOid,
      crossed: false,
      fee: "0.049125",
    });
    assert.deepEqual(fb, {
      ...common,
      side: "B",
      startPosition: "-0.01234",
      dir: "Close Short",
      closedPnl: "-5.0",
      hash: fb.hash,
      oid: closeTakerOid,
      crossed: true,
      fee: "0.147375",
    });
  });

  it("clearinghouseState of both after the close, to the digit", async () => {
    // A: long 0.00734 @ 64500 (entry unchanged on a close). totalRawUsd = 99203.95061 + 327.5 − 0.049125 = 99531.401485
    //   positionValue 0.00734 × 65000 = 477.1; accountValue = 100008.501485 (= 100000 − 0.168515 fees + 5 + 3.67)
    //   marginUsed 95.42; maintenance 5.96375; withdrawable = 100008.501485 − 95.42 = 99913.081485
    // B: short 0.00734. totalRawUsd = 100795.571831 − 327.5 − 0.147375 = 100467.924456; accountValue = 99990.824456
    //   marginUsed 23.855; withdrawable = 99990.824456 − 47.71 = 99943.114456
    checkState(await info.clearinghouseState({ user: A.address }), {
      accountValue: "100008.501485",
      totalNtlPos: "477.1",
      totalRawUsd: "99531.401485",
      totalMarginUsed: "95.42",
      maintenance: "5.96375",
      withdrawable: "99913.081485",
      position: {
        coin: "BTC",
        szi: "0.00734",
        leverage: { type: "cross", value: 5 },
        entryPx: "64500.0",
        positionValue: "477.1",
        unrealizedPnl: "3.67",
        marginUsed: "95.42",
        maxLeverage: 40,
        cumFunding: ZERO_FUNDING,
      },
      roe: 3.67 / 94.686,
      liq: null,
    });
    checkState(await info.clearinghouseState({ user: B.address }), {
      accountValue: "99990.824456",
      totalNtlPos: "477.1",
      totalRawUsd: "100467.924456",
      totalMarginUsed: "23.855",
      maintenance: "5.96375",
      withdrawable: "99943.114456",
      position: {
        coin: "BTC",
        szi: "-0.00734",
        leverage: { type: "cross", value: 20 },
        entryPx: "64500.0",
        positionValue: "477.1",
        unrealizedPnl: "-3.67",
        marginUsed: "23.855",
        maxLeverage: 40,
        cumFunding: ZERO_FUNDING,
      },
      roe: -3.67 / 23.6715,
      liq: 65000 + (99990.824456 - 5.96375) / 0.00734 / 1.0125,
    });
    const [, ctxs] = await info.metaAndAssetCtxs();
    assert.equal(ctxs[0]?.openInterest, "0.00734");
  });

  it("usdSend from A to a new address: $1 activation fee, balances to the digit (mechanics §5)", async () => {
    assert.deepEqual(await exA.usdSend({ destination: C.address, amount: "100" }), OK_DEFAULT);
    // A: totalRawUsd 99531.401485 − 100 − 1 = 99430.401485; accountValue 99907.501485; withdrawable 99812.081485.
    const a = await info.clearinghouseState({ user: A.address });
    assert.deepEqual(a.marginSummary, {
      accountValue: "99907.501485",
      totalNtlPos: "477.1",
      totalRawUsd: "99430.401485",
      totalMarginUsed: "95.42",
    });
    assert.equal(a.withdrawable, "99812.081485");
    const c = await info.clearinghouseState({ user: C.address });
    const flat = { accountValue: "100.0", totalNtlPos: "0.0", totalRawUsd: "100.0", totalMarginUsed: "0.0" };
    assert.deepEqual(c, {
      marginSummary: flat,
      crossMarginSummary: flat,
      crossMaintenanceMarginUsed: "0.0",
      withdrawable: "100.0",
      assetPositions: [],
      time: c.time,
    });
    // More than withdrawable: refused.
    await rejects(exA.usdSend({ destination: C.address, amount: "99900" }), "Insufficient balance");
  });

  it("approveAgent, then the agent trades and cancels for its master (§5.7)", async () => {
    assert.deepEqual(await exA.approveAgent({ agentAddress: G.address, agentName: "bot" }), OK_DEFAULT);
    assert.deepEqual(await info.userRole({ user: G.address }), { role: "agent", data: { user: A.address } });

    const exG = new ExchangeClient({ transport: new HttpTransport({ apiUrl: app.url }), wallet: G });
    const res = await exG.order(btc(true, "60000", "0.001", "Gtc"));
    const oid = (res.response.data.statuses[0] as { resting: { oid: number } }).resting.oid;
    assert.deepEqual(res.response.data.statuses, [{ resting: { oid } }]);
    const open = await info.openOrders({ user: A.address });
    assert.deepEqual(open, [
      { coin: "BTC", side: "B", limitPx: "60000.0", sz: "0.001", oid, timestamp: open[0]?.timestamp, origSz: "0.001" },
    ]);
    // Info queries with the agent address show nothing (§4.1).
    assert.deepEqual(await info.openOrders({ user: G.address }), []);
    assert.deepEqual(await exG.cancel({ cancels: [{ a: 0, o: oid }] }), {
      status: "ok",
      response: { type: "cancel", data: { statuses: ["success"] } },
    });
    assert.deepEqual(await info.openOrders({ user: A.address }), []);
  });

  it("a replayed signed request → 'Invalid nonce: duplicate nonce N' (§5.6)", async () => {
    const nonce = Date.now() + 5_000;
    const action = { type: "noop" };
    const signature = await signL1Action({ wallet: A, action, nonce });
    const envelope = { action, nonce, signature };
    const first = await post(app, "/exchange", envelope);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, OK_DEFAULT);
    const second = await post(app, "/exchange", envelope);
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, { status: "err", response: `Invalid nonce: duplicate nonce ${nonce}` });
  });

  it("an unfunded wallet → 'User or API Wallet 0x… does not exist.' (L1 and user-signed)", async () => {
    const exU = new ExchangeClient({ transport: new HttpTransport({ apiUrl: app.url }), wallet: U });
    const text = `User or API Wallet ${U.address} does not exist.`;
    const e = await rejects(exU.order(btc(true, "64000", "0.01", "Gtc")), text);
    assert.deepEqual(e.response, { status: "err", response: text });
    await rejects(exU.usdSend({ destination: A.address, amount: "1" }), text);
    await rejects(exU.updateLeverage({ asset: 0, isCross: true, leverage: 3 }), text);
    // An unknown user is not an error for info (§4.1): zeroed state, empty lists, role "missing".
    assert.deepEqual(await info.userRole({ user: U.address }), { role: "missing" });
    assert.deepEqual(await info.userRole({ user: A.address }), { role: "user" });
    assert.deepEqual(await info.openOrders({ user: U.address }), []);
    assert.deepEqual(await info.userFills({ user: U.address }), []);
    const zero = { accountValue: "0.0", totalNtlPos: "0.0", totalRawUsd: "0.0", totalMarginUsed: "0.0" };
    const state = await info.clearinghouseState({ user: U.address });
    assert.deepEqual(state, {
      marginSummary: zero,
      crossMarginSummary: zero,
      crossMaintenanceMarginUsed: "0.0",
      withdrawable: "0.0",
      assetPositions: [],
      time: state.time,
    });
  });

  it("isTestnet: true signs with source 'b' / hyperliquidChain 'Testnet' and is accepted too (§6.4)", async () => {
    const seen: { action: Record<string, unknown>; nonce: number; signature: unknown }[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).endsWith("/exchange") && typeof init?.body === "string") seen.push(JSON.parse(init.body));
      return realFetch(input, init);
    };
    try {
      const exT = new ExchangeClient({ transport: new HttpTransport({ apiUrl: app.url, isTestnet: true }), wallet: A });
      assert.deepEqual(await exT.updateLeverage({ asset: 1, isCross: true, leverage: 3 }), OK_DEFAULT);
      assert.deepEqual(await exT.usdSend({ destination: C.address, amount: "1" }), OK_DEFAULT);
    } finally {
      globalThis.fetch = realFetch;
    }
    assert.equal(seen.length, 2);
    const [l1, user] = seen as [(typeof seen)[0], (typeof seen)[0]];
    // RFC 6979 signatures are deterministic: re-signing with source "b" gives the bytes the SDK sent.
    assert.deepEqual(
      l1.signature,
      await signL1Action({ wallet: A, action: l1.action, nonce: l1.nonce, isTestnet: true }),
    );
    assert.equal(user.action.hyperliquidChain, "Testnet");
    const c = await info.clearinghouseState({ user: C.address });
    assert.equal(c.marginSummary.accountValue, "101.0");
  });
});

interface ExpectedState {
  accountValue: string;
  totalNtlPos: string;
  totalRawUsd: string;
  totalMarginUsed: string;
  maintenance: string;
  withdrawable: string;
  position: Record<string, unknown>;
  roe: number;
  liq: number | null;
}

function checkState(state: unknown, x: ExpectedState): void {
  const s = state as {
    time: number;
    assetPositions: { type: string; position: Record<string, unknown> }[];
  };
  const summary = {
    accountValue: x.accountValue,
    totalNtlPos: x.totalNtlPos,
    totalRawUsd: x.totalRawUsd,
    totalMarginUsed: x.totalMarginUsed,
  };
  assert.equal(s.assetPositions.length, 1, JSON.stringify(s.assetPositions));
  const p = s.assetPositions[0]?.position ?? {};
  assert.deepEqual(state, {
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: x.maintenance,
    withdrawable: x.withdrawable,
    time: s.time,
    assetPositions: [
      {
        type: "oneWay",
        position: { ...x.position, returnOnEquity: p.returnOnEquity, liquidationPx: p.liquidationPx },
      },
    ],
  });
  assert.equal(typeof s.time, "number");
  assertClose(p.returnOnEquity, x.roe, 1e-6, "returnOnEquity");
  if (x.liq === null) assert.equal(p.liquidationPx, null);
  else assertClose(p.liquidationPx, x.liq, 1e-6, "liquidationPx");
}
