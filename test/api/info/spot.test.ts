/**
 * @module test/api/info/spot
 * The coin-keyed /info types on a spot pair (`PURR/USDC`, asset 10000): `l2Book`, `recentTrades`, `candleSnapshot`,
 * the order views (`openOrders`, `frontendOpenOrders`, `orderStatus`, `historicalOrders`) and the fills
 * (`userFills`, `userFillsByTime`) with spot's `dir`, `feeToken`, fee units and start position.
 *
 * Hand check: B rests a sell of 100 PURR at 0.2; A buys 60 (Ioc). A pays 60 × 0.2 = 12 USDC and its taker fee
 * 0.07% in PURR: 60 × 0.0007 = 0.042 PURR. B receives 12 USDC less its maker fee 0.04%: 0.0048 USDC; B's PURR came
 * from genesis (no cost basis), so its closedPnl is the whole 12 USDC.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { T0 } from "../../helpers/engine.ts";
import { A, B, harness, orderAction, wireOrder } from "../../helpers/exchange.ts";
import type { UserFill } from "../../../src/api/info/_shapes.ts";
import { candleSnapshot } from "../../../src/api/info/candleSnapshot.ts";
import { frontendOpenOrders } from "../../../src/api/info/frontendOpenOrders.ts";
import { historicalOrders } from "../../../src/api/info/historicalOrders.ts";
import { l2Book } from "../../../src/api/info/l2Book.ts";
import { openOrders } from "../../../src/api/info/openOrders.ts";
import { orderStatus } from "../../../src/api/info/orderStatus.ts";
import { recentTrades } from "../../../src/api/info/recentTrades.ts";
import { userFills } from "../../../src/api/info/userFills.ts";
import { userFillsByTime } from "../../../src/api/info/userFillsByTime.ts";

const TESTNET = { signatureChainId: "0x66eee", hyperliquidChain: "Testnet" };

async function traded() {
  const h = await harness();
  await h.ctx.submit({ type: "spotGenesis", user: B.address, token: 1, amount: 100_000_000 });
  await h.user(A, { type: "usdClassTransfer", ...TESTNET, amount: "100", toPerp: false, nonce: T0 + 10 }, T0 + 10);
  await h.l1(B, orderAction(wireOrder(10000, false, "0.2", "100")));
  await h.l1(A, orderAction(wireOrder(10000, true, "0.2", "60", "Ioc")));
  return h;
}

test("l2Book, recentTrades and candleSnapshot answer by spot coin name", async () => {
  const h = await traded();
  const book = l2Book(h.ctx, { type: "l2Book", coin: "PURR/USDC", nSigFigs: undefined, mantissa: undefined });
  assert.deepEqual(book && "levels" in book ? book.levels : book, [[], [{ px: "0.2", sz: "40.0", n: 1 }]]);
  const hype = l2Book(h.ctx, { type: "l2Book", coin: "@1", nSigFigs: undefined, mantissa: undefined });
  assert.equal(hype !== null && "coin" in hype ? hype.coin : undefined, "@1");
  assert.equal(l2Book(h.ctx, { type: "l2Book", coin: "@9", nSigFigs: undefined, mantissa: undefined }), null);
  const trades = recentTrades(h.ctx, { type: "recentTrades", coin: "PURR/USDC" });
  assert.deepEqual(
    trades.map((t) => [t.coin, t.side, t.px, t.sz, t.users]),
    [["PURR/USDC", "B", "0.2", "60.0", [A.address, B.address]]],
  );
  const candles = candleSnapshot(h.ctx, {
    type: "candleSnapshot",
    req: { coin: "PURR/USDC", interval: "1m", startTime: 0, endTime: undefined },
  });
  assert.deepEqual(
    candles.map((c) => [c.s, c.o, c.c, c.v, c.n]),
    [["PURR/USDC", "0.2", "0.2", "60.0", 1]],
  );
});

test("order views list spot orders under their coin", async () => {
  const h = await traded();
  const open = openOrders(h.ctx, { type: "openOrders", user: B.address, dex: "" });
  assert.ok(Array.isArray(open));
  assert.deepEqual(
    open.map((o) => [o.coin, o.side, o.limitPx, o.sz, o.origSz]),
    [["PURR/USDC", "A", "0.2", "40.0", "100.0"]],
  );
  const oid = open[0]?.oid as number;
  const front = frontendOpenOrders(h.ctx, { type: "frontendOpenOrders", user: B.address, dex: "" });
  assert.ok(Array.isArray(front));
  assert.equal(front[0]?.coin, "PURR/USDC");
  assert.equal(front[0]?.orderType, "Limit");
  const status = orderStatus(h.ctx, { type: "orderStatus", user: B.address, oid });
  assert.equal(status.status, "order");
  assert.equal(status.status === "order" ? status.order.order.coin : "", "PURR/USDC");
  assert.equal(status.status === "order" ? status.order.order.sz : "", "40.0");
  const history = historicalOrders(h.ctx, { type: "historicalOrders", user: A.address });
  assert.deepEqual(
    history.map((r) => [r.order.coin, r.status]),
    [["PURR/USDC", "filled"]],
  );
});

test("userFills and userFillsByTime format spot fills: dir Buy/Sell, fee in the token received", async () => {
  const h = await traded();
  const pick = (f: UserFill) => {
    const { hash: _h, time: _t, tid: _i, oid: _o, ...rest } = f;
    return rest;
  };
  const buyer = userFills(h.ctx, { type: "userFills", user: A.address, aggregateByTime: undefined });
  assert.deepEqual(buyer.map(pick), [
    {
      coin: "PURR/USDC",
      px: "0.2",
      sz: "60.0",
      side: "B",
      startPosition: "0.0",
      dir: "Buy",
      closedPnl: "0.0",
      crossed: true,
      fee: "0.042",
      feeToken: "PURR",
      twapId: null,
    },
  ]);
  const seller = userFillsByTime(h.ctx, {
    type: "userFillsByTime",
    user: B.address,
    startTime: 0,
    endTime: undefined,
    aggregateByTime: undefined,
  });
  assert.deepEqual(seller.map(pick), [
    {
      coin: "PURR/USDC",
      px: "0.2",
      sz: "60.0",
      side: "A",
      startPosition: "1000.0",
      dir: "Sell",
      closedPnl: "12.0",
      crossed: false,
      fee: "0.0048",
      feeToken: "USDC",
      twapId: null,
    },
  ]);
});
