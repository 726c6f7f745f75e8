/**
 * @module test/conformance/ccxt
 * The real ccxt `hyperliquid` exchange class against the real server, with only `urls.api` pointed at it: market
 * loading with its default options (spot, swap, hip3) and its client initialisation (approveBuilderFee, setReferrer,
 * userAbstraction), tickers and the book, the order life cycle (create with a clientOrderId, open orders, fetchOrder,
 * editOrder, cancel), ccxt's typed exceptions for Hyperliquid's error strings, a cross between two accounts, and
 * fetchMyTrades / fetchPositions / fetchBalance with exact numbers, the 1 bp builder fee ccxt attaches included.
 * @see hyperliquid-api.md §4.5, §5.2–§5.4, §6.4, §7.4; hyperliquid-mechanics.md §1.3, §1.4, §5
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import ccxt from "ccxt";
import type { App } from "../../src/server/app.ts";
import { post, startServer } from "../helpers/server.ts";
import { addressOf, type Hex, testKey } from "./_wallet.ts";

const KEY_A = testKey(11);
const KEY_B = testKey(12);
const KEY_D = testKey(13);
const KEY_U = testKey(14);
const ADDR_A = addressOf(KEY_A);
const ADDR_B = addressOf(KEY_B);
const ADDR_D = addressOf(KEY_D);
const ADDR_U = addressOf(KEY_U);

/** ccxt's builder address, as it signs it in approveBuilderFee and as it puts it (lowercase) on orders. */
const BUILDER = "0x6530512A6c89C7cfCEbC3BA7fcD9aDa5f30827a6";
const BUILDER_LOWER = BUILDER.toLowerCase();
const CID: Hex = "0x0123456789abcdef0123456789abcdef";
const BTC = "BTC/USDC:USDC";

/** Funding boundaries pushed past the test's lifetime so every balance is exact. */
const NO_FUNDING = { fundingIntervalMs: 10_000_000_000_000 };

interface Recorded {
  path: string;
  body: Record<string, unknown>;
  response: unknown;
}

type Hyperliquid = InstanceType<typeof ccxt.hyperliquid>;

let app: App;
const clients = new Map<string, { ex: Hyperliquid; log: Recorded[] }>();

/** A ccxt client whose requests go to the local server, with every request and answer recorded. */
function client(key: Hex, { sandbox = false }: { sandbox?: boolean } = {}): { ex: Hyperliquid; log: Recorded[] } {
  // enableRateLimit off: ccxt's throttle weighs most info requests at 20 × 50 ms, which only slows the test down.
  const ex = new ccxt.hyperliquid({ walletAddress: addressOf(key), privateKey: key, enableRateLimit: false });
  const urls = { public: app.url, private: app.url };
  ex.urls.api = urls;
  if (sandbox) {
    ex.urls.test = urls;
    ex.setSandboxMode(true);
  }
  const log: Recorded[] = [];
  ex.fetchImplementation = async (url: string, init: RequestInit) => {
    const res = await fetch(url, init);
    const text = await res.clone().text();
    let response: unknown = text;
    try {
      response = JSON.parse(text);
    } catch {}
    log.push({ path: new URL(url).pathname, body: JSON.parse(String(init.body)), response });
    return res;
  };
  return { ex, log };
}

function get(name: string): { ex: Hyperliquid; log: Recorded[] } {
  const c = clients.get(name);
  assert.ok(c !== undefined);
  return c;
}

function lastExchange(log: readonly Recorded[]): Recorded {
  const r = log.filter((x) => x.path === "/exchange").at(-1);
  assert.ok(r !== undefined, "an /exchange request was sent");
  return r;
}

async function raises<T extends abstract new (...args: never[]) => Error>(
  p: Promise<unknown>,
  type: T,
  includes: string,
): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok(
      e instanceof type,
      `expected ${type.name}, got ${(e as Error).constructor.name}: ${(e as Error).message}`,
    );
    assert.ok((e as Error).message.includes(includes), `${(e as Error).message} includes ${includes}`);
    return;
  }
  assert.fail(`expected ${type.name} (${includes})`);
}

before(async () => {
  app = await startServer({ engine: NO_FUNDING });
  for (const addr of [ADDR_A, ADDR_B, ADDR_D]) await app.fund(addr, 100_000);
  await app.setOracle({ BTC: "65000", ETH: "3500" });
  clients.set("A", client(KEY_A));
  clients.set("B", client(KEY_B));
});
after(() => app.close());

describe("ccxt hyperliquid against hyperlocal", () => {
  let firstId = "";
  let editedId = "";
  let makerId = "";
  let takerId = "";

  it("loadMarkets with default options: swap markets, and the client initialisation succeeds (§4.5, §7.4)", async () => {
    const { ex, log } = get("A");
    const markets = await ex.loadMarkets();
    const swaps = Object.values(markets).filter((m) => m?.swap === true);
    assert.equal(swaps.length, 14);
    const btc = markets[BTC];
    assert.ok(btc !== undefined);
    assert.deepEqual(
      {
        id: btc.id,
        baseName: (btc as { baseName?: string }).baseName,
        base: btc.base,
        quote: btc.quote,
        settle: btc.settle,
        type: btc.type,
        linear: btc.linear,
        active: btc.active,
        precision: btc.precision,
        leverage: btc.limits.leverage?.max,
        minCost: btc.limits.cost?.min,
      },
      {
        id: "0",
        baseName: "BTC",
        base: "BTC",
        quote: "USDC",
        settle: "USDC",
        type: "swap",
        linear: true,
        active: true,
        // szDecimals 5; markPx 65000 has 5 integer digits ⇒ integer prices.
        precision: { amount: 0.00001, price: 1 },
        leverage: 40,
        minCost: 10,
      },
    );
    assert.equal(markets["SOL/USDC:USDC"]?.id, "5");
    assert.equal(markets["MATIC/USDC:USDC"]?.active, false);

    // What ccxt asked for at start-up (§4.5), and that every answer was a success.
    const infoTypes = new Set(log.filter((r) => r.path === "/info").map((r) => r.body.type));
    for (const t of ["spotMeta", "metaAndAssetCtxs", "spotMetaAndAssetCtxs", "perpDexs", "userAbstraction"]) {
      assert.ok(infoTypes.has(t), `ccxt requested ${t}`);
    }
    const actions = log.filter((r) => r.path === "/exchange");
    const approve = actions.find((r) => (r.body.action as { type: string }).type === "approveBuilderFee");
    const referrer = actions.find((r) => (r.body.action as { type: string }).type === "setReferrer");
    assert.ok(approve !== undefined && referrer !== undefined);
    assert.deepEqual(
      { ...(approve.body.action as object), nonce: 0 },
      {
        hyperliquidChain: "Mainnet",
        signatureChainId: "0x66eee",
        maxFeeRate: "0.01%",
        builder: BUILDER,
        nonce: 0,
        type: "approveBuilderFee",
      },
    );
    assert.deepEqual(approve.response, { status: "ok", response: { type: "default" } });
    assert.deepEqual(referrer.body.action, { type: "setReferrer", code: "CCXT1" });
    assert.deepEqual(referrer.response, { status: "ok", response: { type: "default" } });
    const abstraction = log.find((r) => r.body.type === "userAbstraction");
    assert.equal(typeof abstraction?.response, "string", "userAbstraction answers a JSON string");
    assert.equal(ex.options.approvedBuilderFee, true);
    assert.equal(ex.options.builderFee, true);

    // The approval is visible: 0.01% = 10 tenths of a basis point (§4.4 maxBuilderFee).
    const max = await post(app, "/info", { type: "maxBuilderFee", user: ADDR_A, builder: BUILDER_LOWER });
    assert.equal(max.status, 200);
    assert.equal(max.body, 10);

    await get("B").ex.loadMarkets();
    assert.equal(get("B").ex.options.approvedBuilderFee, true);
  });

  it("fetchTicker and fetchOrderBook", async () => {
    const { ex } = get("A");
    const ticker = await ex.fetchTicker(BTC);
    assert.equal(ticker.symbol, BTC);
    assert.equal(ticker.info.markPx, "65000.0");
    assert.equal(ticker.info.oraclePx, "65000.0");
    const book = await ex.fetchOrderBook(BTC);
    assert.equal(book.symbol, BTC);
    assert.deepEqual([book.bids, book.asks], [[], []]);
    assert.equal(typeof book.timestamp, "number");
  });

  it("createOrder (limit, clientOrderId) sends the builder fee and rests", async () => {
    const { ex, log } = get("A");
    const order = await ex.createOrder(BTC, "limit", "buy", 0.01, 64000, { clientOrderId: CID });
    const sent = lastExchange(log);
    assert.deepEqual(sent.body.action, {
      type: "order",
      orders: [{ a: 0, b: true, p: "64000", s: "0.01", r: false, t: { limit: { tif: "Gtc" } }, c: CID }],
      grouping: "na",
      builder: { b: BUILDER_LOWER, f: 10 },
    });
    assert.ok(order.id !== undefined && /^\d+$/.test(order.id));
    firstId = order.id;
    assert.deepEqual(sent.response, {
      status: "ok",
      response: { type: "order", data: { statuses: [{ resting: { oid: Number(firstId), cloid: CID } }] } },
    });
    assert.equal(order.clientOrderId, CID);

    const book = await ex.fetchOrderBook(BTC);
    assert.deepEqual([book.bids, book.asks], [[[64000, 0.01]], []]);
  });

  it("fetchOpenOrders and fetchOrder (by id and by clientOrderId)", async () => {
    const { ex } = get("A");
    const expected = {
      id: firstId,
      clientOrderId: CID,
      symbol: BTC,
      type: "limit",
      side: "buy",
      price: 64000,
      amount: 0.01,
      remaining: 0.01,
      filled: 0,
      status: "open",
      timeInForce: "GTC",
      postOnly: false,
      reduceOnly: false,
    };
    const keys = Object.keys(expected) as (keyof typeof expected)[];
    const view = (o: object) => Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
    const open = await ex.fetchOpenOrders(BTC);
    assert.equal(open.length, 1);
    assert.deepEqual(view(open[0] as object), expected);
    assert.deepEqual(view(await ex.fetchOrder(firstId, BTC)), expected);
    assert.deepEqual(view(await ex.fetchOrder(CID, BTC)), expected);
  });

  it("editOrder → batchModify: a new id, the old order canceled", async () => {
    const { ex, log } = get("A");
    const edited = await ex.editOrder(firstId, BTC, "limit", "buy", 0.01, 64100, { clientOrderId: CID });
    const sent = lastExchange(log);
    assert.deepEqual(sent.body.action, {
      type: "batchModify",
      modifies: [
        {
          oid: Number(firstId),
          order: { a: 0, b: true, p: "64100", s: "0.01", r: false, t: { limit: { tif: "Gtc" } }, c: CID },
        },
      ],
    });
    assert.ok(edited.id !== undefined && /^\d+$/.test(edited.id));
    editedId = edited.id;
    assert.notEqual(editedId, firstId);
    assert.deepEqual(sent.response, {
      status: "ok",
      response: { type: "order", data: { statuses: [{ resting: { oid: Number(editedId), cloid: CID } }] } },
    });
    const open = await ex.fetchOpenOrders(BTC);
    assert.deepEqual(
      open.map((o) => [o.id, o.price, o.clientOrderId]),
      [[editedId, 64100, CID]],
    );
    assert.equal((await ex.fetchOrder(firstId, BTC)).status, "canceled");
  });

  it("cancelOrder; a second cancel raises OrderNotFound; unknown ids raise OrderNotFound", async () => {
    const { ex, log } = get("A");
    const canceled = await ex.cancelOrder(editedId, BTC);
    assert.equal(canceled.info, "success");
    assert.deepEqual(lastExchange(log).body.action, { type: "cancel", cancels: [{ a: 0, o: Number(editedId) }] });
    assert.deepEqual(await ex.fetchOpenOrders(BTC), []);
    assert.equal((await ex.fetchOrder(editedId, BTC)).status, "canceled");
    await raises(
      ex.cancelOrder(editedId, BTC),
      ccxt.OrderNotFound,
      "Order was never placed, already canceled, or filled.",
    );
    await raises(ex.fetchOrder("424242424242", BTC), ccxt.OrderNotFound, "unknownOid");
  });

  it("Hyperliquid's error strings become ccxt's typed exceptions (§5.3)", async () => {
    const { ex } = get("A");
    // ccxt rounds prices to the tick itself, so an off-tick price goes through its own signer and error mapping.
    const action = {
      type: "order",
      orders: [{ a: 0, b: true, p: "64000.55", s: "0.01", r: false, t: { limit: { tif: "Gtc" } } }],
      grouping: "na",
    };
    const nonce = ex.milliseconds();
    const signature = ex.signL1Action(action, nonce);
    await raises(
      ex.privatePostExchange({ action, nonce, signature }),
      ccxt.InvalidOrder,
      "Price must be divisible by tick size. asset=0",
    );
    // $6.40 notional.
    await raises(
      ex.createOrder(BTC, "limit", "buy", 0.0001, 64000),
      ccxt.InvalidOrder,
      "Order must have minimum value of $10",
    );
    // 40 BTC at 64000 = 2,560,000 of notional; at 20x it needs 128,000 of margin > 100,000.
    await raises(
      ex.createOrder(BTC, "limit", "buy", 40, 64000),
      ccxt.InsufficientFunds,
      "Insufficient margin to place order.",
    );
    // An IOC with nothing to meet.
    await raises(
      ex.createOrder(BTC, "limit", "buy", 0.01, 64000, { timeInForce: "IOC" }),
      ccxt.InvalidOrder,
      "Order could not immediately match against any resting orders.",
    );
    assert.deepEqual(await ex.fetchOpenOrders(BTC), []);
  });

  it("a cross: A's resting limit buy, B's market sell (IOC at 5% slippage)", async () => {
    const a = get("A");
    const b = get("B");
    const rest = await a.ex.createOrder(BTC, "limit", "buy", 0.01234, 64500);
    assert.ok(rest.id !== undefined);
    makerId = rest.id;
    const take = await b.ex.createOrder(BTC, "market", "sell", 0.01234, 64500);
    const sent = lastExchange(b.log);
    // 64500 × (1 − 0.05) = 61275.
    assert.deepEqual(sent.body.action, {
      type: "order",
      orders: [{ a: 0, b: false, p: "61275", s: "0.01234", r: false, t: { limit: { tif: "Ioc" } } }],
      grouping: "na",
      builder: { b: BUILDER_LOWER, f: 10 },
    });
    assert.ok(take.id !== undefined);
    takerId = take.id;
    assert.deepEqual(sent.response, {
      status: "ok",
      response: {
        type: "order",
        data: { statuses: [{ filled: { totalSz: "0.01234", avgPx: "64500.0", oid: Number(takerId) } }] },
      },
    });
    assert.equal(take.average, 64500);
    assert.equal(take.filled, 0.01234);
    assert.equal((await a.ex.fetchOrder(makerId, BTC)).status, "closed");
  });

  it("fetchMyTrades: fees include the 1 bp builder fee, to the digit (§4.3 UserFill, mechanics §5)", async () => {
    // Notional 795.93. Builder fee f=10 (1 bp) on both legs: 0.079593.
    // Maker: 0.015% = 0.1193895 → 0.11939 (charges round up) + 0.079593 = 0.198983.
    // Taker: 0.045% = 0.3581685 → 0.358169 + 0.079593 = 0.437762.
    const [ta] = await get("A").ex.fetchMyTrades(BTC);
    const [tb] = await get("B").ex.fetchMyTrades(BTC);
    assert.ok(ta !== undefined && tb !== undefined);
    // builderFee is checked on its own in the next test.
    const { builderFee: _ba, ...fa } = ta.info as Record<string, unknown>;
    const { builderFee: _bb, ...fb } = tb.info as Record<string, unknown>;
    assert.equal(fa.tid, fb.tid);
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
      oid: Number(makerId),
      crossed: false,
      fee: "0.198983",
    });
    assert.deepEqual(fb, {
      ...common,
      side: "A",
      startPosition: "0.0",
      dir: "Open Short",
      closedPnl: "0.0",
      hash: fb.hash,
      oid: Number(takerId),
      crossed: true,
      fee: "0.437762",
    });
    const unified = (t: typeof ta) => ({
      symbol: t.symbol,
      side: t.side,
      takerOrMaker: t.takerOrMaker,
      price: t.price,
      amount: t.amount,
      order: t.order,
      feeCurrency: t.fee?.currency,
    });
    assert.deepEqual(unified(ta), {
      symbol: BTC,
      side: "buy",
      takerOrMaker: "maker",
      price: 64500,
      amount: 0.01234,
      order: makerId,
      feeCurrency: "USDC",
    });
    assert.deepEqual(unified(tb), {
      symbol: BTC,
      side: "sell",
      takerOrMaker: "taker",
      price: 64500,
      amount: 0.01234,
      order: takerId,
      feeCurrency: "USDC",
    });
  });

  it("UserFill.builderFee names the builder part of the fee when one was charged (§4.3)", async () => {
    const [ta] = await get("A").ex.fetchMyTrades(BTC);
    const [tb] = await get("B").ex.fetchMyTrades(BTC);
    assert.ok(ta !== undefined && tb !== undefined);
    assert.equal((ta.info as Record<string, unknown>).builderFee, "0.079593", "maker leg builderFee");
    assert.equal((tb.info as Record<string, unknown>).builderFee, "0.079593", "taker leg builderFee");
    // ccxt 4.5.x adds builderFee on top of fee although Hyperliquid's fee already includes it (an SDK quirk):
    // 0.198983 + 0.079593.
    assert.equal(ta.fee?.cost, 0.278576);
  });

  it("fetchPositions, to the digit", async () => {
    // Mark 65000; both at the default 20x cross: positionValue 802.1, marginUsed 40.105, uPnL ±6.17.
    const [pa] = await get("A").ex.fetchPositions([BTC]);
    const [pb] = await get("B").ex.fetchPositions([BTC]);
    assert.ok(pa !== undefined && pb !== undefined);
    const view = (p: typeof pa) => ({
      symbol: p.symbol,
      side: p.side,
      contracts: p.contracts,
      entryPrice: p.entryPrice,
      notional: p.notional,
      leverage: p.leverage,
      unrealizedPnl: p.unrealizedPnl,
      collateral: p.collateral,
      marginMode: p.marginMode,
    });
    const common = { symbol: BTC, entryPrice: 64500, notional: 802.1, leverage: 20, collateral: 40.105 };
    assert.deepEqual(view(pa), {
      ...common,
      side: "long",
      contracts: 0.01234,
      unrealizedPnl: 6.17,
      marginMode: "cross",
    });
    assert.deepEqual(view(pb), {
      ...common,
      side: "short",
      contracts: 0.01234,
      unrealizedPnl: -6.17,
      marginMode: "cross",
    });
    assert.equal(pa.liquidationPrice, undefined);
    // mechanics §4.1: 65000 + (accountValue − maintenance) / 0.01234 / (1 + 0.0125).
    const liq = 65000 + (99993.392238 - 10.02625) / 0.01234 / 1.0125;
    assert.ok(Math.abs((pb.liquidationPrice ?? 0) - liq) <= liq * 1e-6, `liquidationPrice ${pb.liquidationPrice}`);
  });

  it("fetchBalance, to the digit (mechanics §1.3, §1.4)", async () => {
    // A: totalRawUsd = 100000 − 0.198983 − 795.93 = 99203.871017; accountValue = + 802.1 = 100005.971017;
    //    withdrawable = 100005.971017 − max(40.105, 80.21) = 99925.761017.
    // B: totalRawUsd = 100000 − 0.437762 + 795.93 = 100795.492238; accountValue = − 802.1 = 99993.392238;
    //    withdrawable = 99993.392238 − 80.21 = 99913.182238.
    const cases = [
      ["A", "100005.971017", "99203.871017", "99925.761017"],
      ["B", "99993.392238", "100795.492238", "99913.182238"],
    ] as const;
    for (const [name, accountValue, totalRawUsd, withdrawable] of cases) {
      const balance = await get(name).ex.fetchBalance();
      const summary = { accountValue, totalNtlPos: "802.1", totalRawUsd, totalMarginUsed: "40.105" };
      const info = balance.info as Record<string, unknown>;
      assert.deepEqual(info.marginSummary, summary, name);
      assert.deepEqual(info.crossMarginSummary, summary, name);
      assert.equal(info.withdrawable, withdrawable, name);
      assert.equal(info.crossMaintenanceMarginUsed, "10.02625", name);
      const usdc = balance.USDC;
      assert.ok(usdc !== undefined);
      assert.equal(usdc.total, Number(accountValue), name);
      assert.equal(usdc.used, 40.105, name);
      assert.ok(Math.abs((usdc.free ?? 0) - (Number(accountValue) - 40.105)) < 1e-6, name);
    }
  });

  it("sandbox mode (testnet signing, source 'b' / 'Testnet') works against the same server (§6.4)", async () => {
    const d = client(KEY_D, { sandbox: true });
    await d.ex.loadMarkets();
    const approve = d.log.find((r) => (r.body.action as { type?: string } | undefined)?.type === "approveBuilderFee");
    assert.ok(approve !== undefined, "approveBuilderFee was sent");
    assert.equal((approve.body.action as { hyperliquidChain: string }).hyperliquidChain, "Testnet");
    assert.deepEqual(approve.response, { status: "ok", response: { type: "default" } });
    const order = await d.ex.createOrder(BTC, "limit", "sell", 0.001, 70000);
    assert.ok(order.id !== undefined);
    const open = await d.ex.fetchOpenOrders(BTC);
    assert.deepEqual(
      open.map((o) => [o.id, o.side, o.price, o.amount]),
      [[order.id, "sell", 70000, 0.001]],
    );
    await d.ex.cancelOrder(order.id, BTC);
    assert.deepEqual(await d.ex.fetchOpenOrders(BTC), []);
    assert.equal(ADDR_D, d.ex.walletAddress);
  });

  it("an unfunded wallet: initialisation failures are swallowed, the order raises InvalidOrder (User or API Wallet)", async () => {
    const u = client(KEY_U);
    await u.ex.loadMarkets();
    assert.equal(u.ex.options.approvedBuilderFee, undefined);
    await raises(
      u.ex.createOrder(BTC, "limit", "buy", 0.01, 64000),
      ccxt.InvalidOrder,
      `User or API Wallet ${ADDR_U} does not exist.`,
    );
    // Without an approval ccxt sends no builder.
    assert.equal("builder" in (lastExchange(u.log).body.action as object), false);
  });
});
