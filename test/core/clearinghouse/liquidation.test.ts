/**
 * @module test/core/clearinghouse/liquidation
 * Liquidations by market order, partial then whole, the backstop liquidator, isolated positions, and the maker
 * margin re-check at match (`marginCanceled`).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_CONFIG } from "../../../src/core/config.ts";
import { ALICE, BOB, CAROL, Harness, limit, SOL, statusTrail } from "../../helpers/engine.ts";

const LIQUIDATOR = DEFAULT_CONFIG.liquidator;

/** Alice: $60, long 10 SOL at 100 on 20x cross (IM $50, fee $0.45). */
function aliceLong(): Harness {
  const h = new Harness({ markRule: "oracle" }, [BOB, CAROL]);
  h.deposit(ALICE, 60);
  h.order(BOB, [limit(SOL, false, "100", "10")]);
  h.order(ALICE, [limit(SOL, true, "100", "10")]);
  assert.equal(h.position(ALICE, SOL), 1000);
  return h;
}

test("above maintenance nothing happens; below it the position is sold into the book", () => {
  const h = aliceLong();
  h.order(CAROL, [limit(SOL, true, "96", "20")]);
  h.order(ALICE, [limit(SOL, true, "90", "0.2")]);
  assert.equal(h.oracle(SOL, "96.5").filter((e) => e.type === "liquidation").length, 0, "AV 24.55 ≥ MM 24.125");
  const events = h.oracle(SOL, "96.4"); // AV 23.55 < MM 24.1
  assert.equal(events.filter((e) => e.type === "liquidation").length, 1);
  assert.ok(
    statusTrail(events).some((s) => s.startsWith("liquidatedCanceled:")),
    "open orders are canceled",
  );
  const fills = events.filter((e) => e.type === "fill");
  assert.equal(fills.length, 1);
  const fill = fills[0];
  assert.ok(fill?.type === "fill");
  assert.deepEqual(fill.liquidation, { liquidatedUser: ALICE, markPrice: 964000, method: "market" });
  assert.equal(fill.price, 960000);
  assert.equal(fill.taker.user, ALICE);
  assert.equal(fill.taker.dir, "Close Long");
  assert.equal(h.position(ALICE, SOL), 0);
  // 59.55 − 40 loss − 0.432 taker fee: the rest stays with the trader.
  assert.equal(h.engine.accountRisk(ALICE).crossValue, 19_118_000);
});

test("with no book and equity under 2/3 of maintenance, the backstop liquidator takes over", () => {
  const h = aliceLong();
  h.oracle(SOL, "96.4");
  assert.equal(h.position(ALICE, SOL), 1000, "liquidatable, but the book is empty and equity is above 2/3 MM");
  const events = h.oracle(SOL, "95.6"); // AV 15.55 < 2/3 × 23.9
  const fill = events.find((e) => e.type === "fill");
  assert.ok(fill?.type === "fill");
  assert.equal(fill.liquidation?.method, "backstop");
  assert.equal(fill.taker.user, LIQUIDATOR);
  assert.equal(fill.taker.dir, "Liquidated Cross Long");
  assert.equal(fill.taker.fee, 0);
  assert.equal(h.position(ALICE, SOL), 0);
  assert.equal(h.position(LIQUIDATOR, SOL), 1000);
  assert.equal(h.engine.accountRisk(ALICE).crossValue, 0, "the maintenance margin is not returned");
  assert.equal(h.engine.accountRisk(LIQUIDATOR).crossValue, 15_550_000);
});

test("a large position is liquidated 20% at a time, then whole during the cooldown", () => {
  const h = new Harness({ markRule: "oracle" }, [BOB, CAROL]);
  h.deposit(ALICE, 6_000);
  h.order(BOB, [limit(SOL, false, "100", "1100")]);
  h.order(ALICE, [limit(SOL, true, "100", "1100")]); // $110,000
  h.order(CAROL, [limit(SOL, true, "96", "2000")]);
  h.oracle(SOL, "97");
  assert.equal(h.position(ALICE, SOL), 88_000, "20% (220 SOL) sold");
  h.time += 10_000;
  h.oracle(SOL, "96.8");
  assert.equal(h.position(ALICE, SOL), 88_000, "back above maintenance after the partial");
  h.oracle(SOL, "96.5");
  assert.equal(h.position(ALICE, SOL), 0, "inside the 30 s cooldown the whole position goes");
});

test("isolated liquidation touches only that position", () => {
  const h = new Harness({ markRule: "oracle" }, [BOB, CAROL]);
  h.deposit(ALICE, 1_000);
  h.leverage(ALICE, SOL, false, 20);
  h.order(BOB, [limit(SOL, false, "100", "10")]);
  h.order(ALICE, [limit(SOL, true, "100", "10")]); // isolated margin $50
  const cashBefore = h.engine.accountRisk(ALICE).crossValue;
  h.order(CAROL, [limit(SOL, true, "96", "20")]);
  const events = h.oracle(SOL, "95.5");
  const ledger = events.find((e) => e.type === "ledger");
  assert.ok(
    ledger?.type === "ledger" && ledger.delta.type === "liquidation" && ledger.delta.leverageType === "Isolated",
  );
  assert.equal(h.position(ALICE, SOL), 0);
  // Equity of the position at 96: 50 − 0.45 − 40 − 0.432 = 9.118 returns to cross.
  assert.equal(h.engine.accountRisk(ALICE).crossValue - cashBefore, 9_118_000);
});

test("a resting order whose owner can no longer afford it is canceled at match", () => {
  const h = new Harness({ markRule: "oracle" }, [BOB]);
  h.deposit(CAROL, 100);
  h.order(CAROL, [limit(SOL, true, "100", "15")]); // IM $75 reserved at placement
  h.withdraw(CAROL, "90"); // orders do not lock withdrawable
  const events = h.order(BOB, [limit(SOL, false, "100", "15", "Ioc")]);
  assert.ok(statusTrail(events).some((s) => s.startsWith("marginCanceled:")));
  assert.equal(h.position(CAROL, SOL), 0);
});
