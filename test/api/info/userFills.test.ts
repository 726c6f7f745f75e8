/**
 * @module test/api/info/userFills
 * `userFills`: both legs of the fixture's trades to the digit (maker/taker fees, cloid, dir, hash), newest first;
 * `aggregateByTime` merges the partial fills of one crossing order and leaves the makers alone; a liquidation tag.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { tradeHash, userFill } from "../../../src/api/info/_shapes.ts";
import type { Market } from "../../../src/core/index.ts";
import { Harness, limit } from "../../helpers/engine.ts";
import {
  ALICE,
  ASK_CLOID,
  BOB,
  BUILDER,
  buildFixture,
  CAROL,
  contextOf,
  DAVE,
  historyOf,
  ok,
  SOL,
  T0,
} from "./_fixture.ts";

test("BOB: the BTC maker fill (newest), then the SOL taker fill", () => {
  const f = buildFixture();
  const common = { startPosition: "0.0", closedPnl: "0.0", feeToken: "USDC", twapId: null };
  assert.deepEqual(ok(f.ctx, { type: "userFills", user: BOB }), [
    {
      coin: "BTC",
      px: "100000.0",
      sz: "0.1",
      side: "A",
      time: f.ids.btcTradeTime,
      startPosition: "0.0",
      dir: "Open Short",
      closedPnl: "0.0",
      hash: tradeHash(1_000_001),
      oid: f.ids.bobBtcAsk,
      crossed: false,
      fee: "1.5", // 10000 × 0.015%
      tid: 1_000_001,
      feeToken: "USDC",
      twapId: null,
    },
    {
      coin: "SOL",
      px: "102.0",
      sz: "2.0",
      side: "B",
      time: f.ids.solTradeTime,
      ...common,
      dir: "Open Long",
      hash: tradeHash(1_000_000),
      oid: f.ids.bobSolBuy,
      crossed: true,
      fee: "0.0918", // 204 × 0.045%
      tid: 1_000_000,
    },
  ]);
  assert.deepEqual(ok(f.ctx, { type: "userFills", user: ALICE }), [
    {
      coin: "SOL",
      px: "102.0",
      sz: "2.0",
      side: "A",
      time: f.ids.solTradeTime,
      startPosition: "0.0",
      dir: "Open Short",
      closedPnl: "0.0",
      hash: tradeHash(1_000_000),
      oid: f.ids.aliceAsk,
      crossed: false,
      fee: "0.0306",
      tid: 1_000_000,
      cloid: ASK_CLOID,
      feeToken: "USDC",
      twapId: null,
    },
  ]);
  const [carol] = ok(f.ctx, { type: "userFills", user: CAROL }) as Record<string, unknown>[];
  assert.deepEqual([carol?.dir, carol?.fee, carol?.crossed], ["Open Long", "4.5", true]);
  assert.deepEqual(ok(f.ctx, { type: "userFills", user: DAVE }), []);
});

test("aggregateByTime merges one crossing order's fills: sizes, fees and pnl summed, average price", () => {
  const h = new Harness();
  h.order(ALICE, [limit(SOL, false, "101", "1")]);
  h.order(ALICE, [limit(SOL, false, "101", "2")]);
  h.order(ALICE, [limit(SOL, false, "102", "3")]);
  h.order(BOB, [limit(SOL, true, "102", "6", "Ioc")]);
  const ctx = contextOf(h, historyOf(h), 0);
  const plain = ok(ctx, { type: "userFills", user: BOB, aggregateByTime: false }) as { tid: number; fee: string }[];
  assert.deepEqual(
    plain.map((x) => [x.tid, x.fee]),
    [
      [1_000_002, "0.1377"], // 306 × 0.045%
      [1_000_001, "0.0909"],
      [1_000_000, "0.04545"],
    ],
  );
  assert.deepEqual(ok(ctx, { type: "userFills", user: BOB, aggregateByTime: true }), [
    {
      coin: "SOL",
      px: "101.5", // (101 + 202 + 306) / 6
      sz: "6.0",
      side: "B",
      time: T0 + 7,
      startPosition: "0.0",
      dir: "Open Long",
      closedPnl: "0.0",
      hash: tradeHash(1_000_000),
      oid: 1_000_003,
      crossed: true,
      fee: "0.27405",
      tid: 1_000_000,
      feeToken: "USDC",
      twapId: null,
    },
  ]);
  const makers = ok(ctx, { type: "userFills", user: ALICE, aggregateByTime: true }) as unknown[];
  assert.equal(makers.length, 3, "resting orders are never merged");
});

test("a merged fill that flips the position gets the dir of the whole move", () => {
  const h = new Harness();
  h.order(ALICE, [limit(SOL, false, "100", "1")]);
  h.order(BOB, [limit(SOL, true, "100", "1", "Ioc")]); // BOB long 1
  h.order(CAROL, [limit(SOL, true, "99", "1")]);
  h.order(CAROL, [limit(SOL, true, "98", "2")]);
  h.order(BOB, [limit(SOL, false, "98", "3", "Ioc")]); // closes 1, opens 2 short: two fills at one instant
  const [merged] = ok(contextOf(h, historyOf(h), 0), { type: "userFills", user: BOB, aggregateByTime: true }) as {
    dir: string;
    startPosition: string;
    sz: string;
    px: string;
    closedPnl: string;
  }[];
  assert.deepEqual(merged, {
    ...merged,
    dir: "Long > Short",
    startPosition: "1.0",
    sz: "3.0",
    px: "98.333333",
    closedPnl: "-1.0",
  });
});

test("a liquidation fill carries the liquidated user, the mark and the method", () => {
  const h = new Harness();
  const market = h.engine.state.universe.get(SOL) as Market;
  const fill = userFill(market, {
    user: BOB,
    asset: SOL,
    time: 5,
    tid: 7,
    oid: 9,
    cloid: undefined,
    price: 1_000_000,
    size: 100,
    isBuy: false,
    startPosition: 100,
    fee: 45_000,
    closedPnl: -2_000_000,
    builderFee: 0,
    dir: "Liquidated Cross Long",
    crossed: true,
    liquidation: { liquidatedUser: BOB, markPrice: 1_005_000, method: "market" },
  });
  assert.deepEqual(fill.liquidation, { liquidatedUser: BOB, markPx: "100.5", method: "market" });
  assert.deepEqual(Object.keys(fill).slice(-4), ["tid", "feeToken", "twapId", "liquidation"]);
  assert.equal(fill.closedPnl, "-2.0");
});

test("an order that pays a builder: builderFee after twapId, and included in fee", () => {
  const f = buildFixture();
  f.h.run({
    type: "order",
    time: ++f.h.time,
    user: BOB,
    orders: [limit(SOL, true, "102", "1", "Ioc")],
    grouping: "na",
    builder: { builder: BUILDER, fee: 10 },
  });
  const [fill] = ok(contextOf(f.h, historyOf(f.h), 0), { type: "userFills", user: BOB }) as Record<string, unknown>[];
  // 102 × 0.045% = 0.0459 to the exchange, 102 × 0.01% = 0.0102 to the builder.
  assert.deepEqual([fill?.fee, fill?.builderFee], ["0.0561", "0.0102"]);
  assert.deepEqual(Object.keys(fill ?? {}).slice(-4), ["tid", "feeToken", "twapId", "builderFee"]);
});
