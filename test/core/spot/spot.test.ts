/**
 * @module test/core/spot/spot
 * Spot in the core: balances and holds, the balance check, fills with fees in the received token, spotSend,
 * usdClassTransfer, genesis, snapshots, and conservation (checked by the harness after every command).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Engine, rejectText } from "../../../src/core/index.ts";
import { ALICE, BOB, CAROL, Harness, limit, oidOf, replyOf, statusesOf } from "../../helpers/engine.ts";

const PURR = 10_000;
const PURR_TOKEN = 1;
const USDC = 0;

function spotHarness(): Harness {
  const h = new Harness();
  h.run({ type: "usdClassTransfer", time: ++h.time, user: ALICE, amount: "1000", toPerp: false });
  h.run({ type: "spotGenesis", time: ++h.time, user: BOB, token: PURR_TOKEN, amount: 1000 * 100_000 });
  return h;
}

function balance(h: Harness, user: string, token: number) {
  const b = h.engine.state.spot.balances.get(user)?.get(token);
  return b === undefined ? { total: 0, hold: 0, entryNtl: 0 } : { ...b };
}

test("usdClassTransfer moves USDC from perp cash to spot (6 → 8 decimals) and back", () => {
  const h = spotHarness();
  assert.equal(balance(h, ALICE, USDC).total, 1000 * 100_000_000);
  assert.equal(h.engine.state.accounts.get(ALICE)?.cash, 999_000 * 1_000_000);
  const back = h.run({ type: "usdClassTransfer", time: ++h.time, user: ALICE, amount: "0.5", toPerp: true });
  assert.deepEqual(replyOf(back), { kind: "default" });
  assert.deepEqual(back[0], {
    type: "ledger",
    time: h.time,
    user: ALICE,
    delta: { type: "accountClassTransfer", usd: 500_000, toPerp: true },
  });
  assert.equal(balance(h, ALICE, USDC).total, 999.5 * 100_000_000);
  const tooMuch = h.run({ type: "usdClassTransfer", time: ++h.time, user: ALICE, amount: "2000", toPerp: true });
  assert.deepEqual(replyOf(tooMuch), { kind: "error", reject: { code: "insufficientTransfer" } });
});

test("resting orders hold base (sell) and quote (buy); canceling releases it", () => {
  const h = spotHarness();
  const sell = statusesOf(h.order(BOB, [limit(PURR, false, "0.2", "100")]));
  assert.deepEqual(balance(h, BOB, PURR_TOKEN), { total: 100_000_000, hold: 10_000_000, entryNtl: 0 });
  const buy = statusesOf(h.order(ALICE, [limit(PURR, true, "0.1", "150")]));
  assert.equal(balance(h, ALICE, USDC).hold, 15 * 100_000_000);
  h.cancel(BOB, PURR, oidOf(sell[0]));
  h.cancel(ALICE, PURR, oidOf(buy[0]));
  assert.equal(balance(h, BOB, PURR_TOKEN).hold, 0);
  assert.equal(balance(h, ALICE, USDC).hold, 0);
});

test("an order beyond the available balance is rejected with the live text", () => {
  const h = spotHarness();
  const [r] = statusesOf(h.order(CAROL, [limit(PURR, true, "0.2", "100")]));
  assert.deepEqual(r, { error: { code: "insufficientSpotBalance", asset: PURR } });
  assert.equal(rejectText({ code: "insufficientSpotBalance", asset: PURR }), "Insufficient spot balance asset=10000");
  // Held tokens are not available twice.
  h.order(BOB, [limit(PURR, false, "0.2", "600")]);
  const [second] = statusesOf(h.order(BOB, [limit(PURR, false, "0.3", "500")]));
  assert.deepEqual(second, { error: { code: "insufficientSpotBalance", asset: PURR } });
  const send = h.run({
    type: "spotSend",
    time: ++h.time,
    user: BOB,
    destination: CAROL,
    token: "PURR:0xc1fb593aeffbeb02f85e0308e9956a90",
    amount: "401",
  });
  assert.deepEqual(replyOf(send), { kind: "error", reject: { code: "insufficientTransfer" } });
});

test("price and value rules: 8 − szDecimals decimals, 5 significant figures, 10 USDC minimum", () => {
  const h = spotHarness();
  const [a, b, c] = statusesOf(
    h.order(BOB, [
      limit(PURR, false, "0.123456789", "100"),
      limit(PURR, false, "0.123456", "100"),
      limit(PURR, false, "0.05", "100"),
    ]),
  );
  assert.deepEqual(a, { error: { code: "tick", asset: PURR } });
  assert.deepEqual(b, { error: { code: "tick", asset: PURR } });
  assert.deepEqual(c, { error: { code: "spotMinNotional", asset: PURR, params: { quote: "USDC" } } });
  assert.equal(
    rejectText({ code: "spotMinNotional", asset: 10_001, params: { quote: "USDC" } }),
    "Order must have minimum value of 10 USDC. asset=10001",
  );
});

test("a spot fill moves base and quote; buyer pays the fee in base, seller in quote", () => {
  const h = spotHarness();
  h.order(BOB, [limit(PURR, false, "0.2", "100")]);
  const events = h.order(ALICE, [limit(PURR, true, "0.2", "100", "Ioc")]);
  const fill = events.find((e) => e.type === "fill");
  assert.ok(fill?.type === "fill");
  // Maker Bob sells 100 PURR for 20 USDC, fee 0.04% = 0.008 USDC; taker Alice receives 100 − 0.07 PURR.
  assert.equal(fill.maker.fee, 800_000);
  assert.equal(fill.maker.feeToken, USDC);
  assert.equal(fill.maker.dir, "Sell");
  assert.equal(fill.taker.fee, 7_000);
  assert.equal(fill.taker.feeToken, PURR_TOKEN);
  assert.equal(fill.taker.dir, "Buy");
  assert.deepEqual(balance(h, ALICE, PURR_TOKEN), { total: 9_993_000, hold: 0, entryNtl: 2_000_000_000 });
  assert.equal(balance(h, ALICE, USDC).total, 980 * 100_000_000);
  assert.deepEqual(balance(h, BOB, PURR_TOKEN), { total: 90_000_000, hold: 0, entryNtl: 0 });
  assert.equal(balance(h, BOB, USDC).total, 1_999_200_000);
  assert.deepEqual(h.engine.state.spot.fees.slice(0, 2), [800_000, 7_000]);
  // Selling half reduces the cost basis proportionally.
  h.order(BOB, [limit(PURR, true, "0.2", "60")]);
  h.order(ALICE, [limit(PURR, false, "0.2", "50", "Ioc")]);
  assert.equal(balance(h, ALICE, PURR_TOKEN).total, 4_993_000);
  assert.equal(
    balance(h, ALICE, PURR_TOKEN).entryNtl,
    2_000_000_000 - Math.floor((2_000_000_000 * 5_000_000) / 9_993_000),
  );
});

test("spotSend moves tokens and reports spotTransfer to both sides", () => {
  const h = spotHarness();
  const events = h.run({
    type: "spotSend",
    time: ++h.time,
    user: BOB,
    destination: CAROL,
    token: "PURR:0xc1fb593aeffbeb02f85e0308e9956a90",
    amount: "12.5",
  });
  assert.deepEqual(replyOf(events), { kind: "default" });
  assert.equal(events.filter((e) => e.type === "ledger").length, 2);
  assert.equal(balance(h, CAROL, PURR_TOKEN).total, 1_250_000);
  const bad = h.run({
    type: "spotSend",
    time: ++h.time,
    user: BOB,
    destination: CAROL,
    token: "NOPE:0x00",
    amount: "1",
  });
  assert.deepEqual(replyOf(bad), { kind: "error", reject: { code: "invalidToken" } });
});

test("snapshots keep spot balances and resting spot orders (holds rebuilt); untouched spot adds nothing", () => {
  assert.equal(Engine.create().toSnapshot().spot, undefined);
  const h = spotHarness();
  h.order(BOB, [limit(PURR, false, "0.2", "100")]);
  h.order(ALICE, [limit(PURR, true, "0.2", "40"), limit(PURR, true, "0.1", "200")]);
  const restored = Engine.fromSnapshot(JSON.parse(JSON.stringify(h.engine.toSnapshot())));
  restored.checkInvariants();
  assert.equal(restored.stateHash(), h.engine.stateHash());
  assert.deepEqual(
    restored.state.spot.balances.get(ALICE)?.get(USDC),
    h.engine.state.spot.balances.get(ALICE)?.get(USDC),
  );
});
