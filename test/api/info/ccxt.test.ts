/**
 * @module test/api/info/ccxt
 * ccxt's `hyperliquid` class reading the catalogue in process (its `fetch` answered by `handleInfo`): market loading
 * with its default types (swap, spot, hip3), and the read methods that parse /info answers into ccxt structures,
 * checked on the fixture's numbers.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import ccxt from "ccxt";
import { handleInfo } from "../../../src/api/info/index.ts";
import { BOB, buildFixture, T0 } from "./_fixture.ts";

const SOL = "SOL/USDC:USDC";
const BTC = "BTC/USDC:USDC";

function exchangeFor(user: string) {
  const f = buildFixture();
  const types: string[] = [];
  const ex = new ccxt.hyperliquid({ walletAddress: user });
  // ccxt's own HTTP layer ends in fetch(url, method, headers, body) returning the parsed JSON.
  Object.assign(ex, {
    fetch: async (url: string, _method: string, _headers: unknown, body: string) => {
      assert.ok(url.endsWith("/info"), url);
      const request = JSON.parse(body) as { type: string };
      types.push(request.type);
      const answer = handleInfo(f.ctx, request);
      if (answer.status !== 200) throw new Error(`${body} → ${answer.text}`);
      return JSON.parse(JSON.stringify(answer.json));
    },
  });
  return { ex, f, types };
}

test("loadMarkets (currencies from spotMeta): the fourteen perps with precision and limits, two spot pairs, no HIP-3", async () => {
  const { ex, types } = exchangeFor(BOB);
  const markets = await ex.loadMarkets();
  assert.deepEqual(types.sort(), ["metaAndAssetCtxs", "perpDexs", "spotMeta", "spotMetaAndAssetCtxs"]);
  assert.equal(Object.keys(markets).length, 16);
  const sol = markets[SOL];
  assert.equal(sol?.id, "5");
  assert.equal(sol?.type, "swap");
  assert.deepEqual(sol?.precision, { amount: 0.01, price: 0.01 });
  assert.equal(sol?.limits.leverage?.max, 20);
  assert.equal(markets[BTC]?.id, "0");
});

test("balance, positions, open orders, book, trades, candles, funding, order status, fee, ledger", async () => {
  const { ex, f } = exchangeFor(BOB);
  const balance = await ex.fetchBalance();
  assert.equal(balance.USDC?.total, 99902.53185);
  assert.equal(balance.USDC?.used, 515.4);

  const positions = await ex.fetchPositions();
  assert.deepEqual(
    positions.map((p) => [p.symbol, p.side, p.contracts, p.entryPrice, p.unrealizedPnl, p.liquidationPrice]),
    [
      [BTC, "short", 0.1, 100000, -100, 1086393.4],
      [SOL, "long", 2, 102, 4, undefined],
    ],
  );

  const [stop] = await ex.fetchOpenOrders();
  assert.deepEqual(
    [stop?.id, stop?.symbol, stop?.side, stop?.amount, stop?.price, stop?.triggerPrice, stop?.reduceOnly, stop?.status],
    [String(f.ids.bobStop), SOL, "sell", 2, 85, 90, true, "open"],
  );

  const book = await ex.fetchOrderBook(SOL);
  assert.deepEqual(
    [book.bids, book.asks],
    [
      [
        [99, 10],
        [95, 1],
      ],
      [[102, 3]],
    ],
  );

  const trades = await ex.fetchMyTrades();
  assert.deepEqual(
    trades.map((t) => [t.symbol, t.side, t.price, t.amount, t.takerOrMaker, t.fee?.cost]),
    [
      [SOL, "buy", 102, 2, "taker", 0.0918],
      [BTC, "sell", 100000, 0.1, "maker", 1.5],
    ],
  );

  assert.deepEqual(await ex.fetchOHLCV(SOL, "1h", 0), [[T0, 102, 102, 102, 102, 2]]);

  const rates = await ex.fetchFundingRateHistory(SOL, 0);
  assert.deepEqual(
    rates.map((r) => [r.fundingRate, r.timestamp]),
    [[0.0000125, f.ids.fundingTime]],
  );
  const payments = await ex.fetchFundingHistory();
  assert.deepEqual(
    payments.map((p) => [p.symbol, p.amount]),
    [
      [BTC, 0.12625],
      [SOL, -0.0026],
    ],
  );

  const order = await ex.fetchOrder(String(f.ids.bobSolBuy), SOL);
  assert.deepEqual([order.status, order.filled, order.remaining, order.price], ["closed", 2, 0, 102]);

  const fee = await ex.fetchTradingFee(SOL);
  assert.deepEqual([fee.maker, fee.taker], [0.00015, 0.00045]);

  const ledger = await ex.fetchLedger();
  assert.deepEqual(
    ledger.map((l) => [l.type, l.amount]),
    [["deposit", 100000]],
  );

  assert.equal((await ex.fetchStatus()).status, "ok");
});
