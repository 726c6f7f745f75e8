/**
 * @module test/api/exchange/account
 * Account actions: `updateLeverage`, `updateIsolatedMargin`, `scheduleCancel`, `setReferrer`, `noop`, and the
 * user-signed `usdSend`, `withdraw3`, `approveBuilderFee`.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { T0 } from "../../helpers/engine.ts";
import { A, B, harness, json, orderAction, STRANGER, wireOrder } from "../../helpers/exchange.ts";

const OK = { status: "ok", response: { type: "default" } };
const TESTNET = { signatureChainId: "0x66eee", hyperliquidChain: "Testnet" };

test("updateLeverage and updateIsolatedMargin answer default or Hyperliquid's error", async () => {
  const h = await harness();
  assert.deepEqual(json(await h.l1(A, { type: "updateLeverage", asset: 5, isCross: false, leverage: 10 })), OK);
  assert.deepEqual(h.engine.accountRisk(A.address).positions, []);
  assert.deepEqual(json(await h.l1(A, { type: "updateLeverage", asset: 5, isCross: true, leverage: 21 })), {
    status: "err",
    response: "Invalid leverage value.",
  });
  assert.deepEqual(json(await h.l1(A, { type: "updateIsolatedMargin", asset: 5, isBuy: true, ntli: 1_000_000 })), {
    status: "err",
    response: "Position does not use isolated margin.",
  });
});

test("scheduleCancel arms (5 s ahead at least) and clears; noop uses the nonce; setReferrer once", async () => {
  const h = await harness();
  assert.deepEqual(json(await h.l1(A, { type: "scheduleCancel", time: T0 + 1_000 })), {
    status: "err",
    response: "Scheduled cancel time too early, must be at least 5 seconds from now.",
  });
  await h.l1(A, orderAction(wireOrder(5, true, "99", "1")));
  assert.deepEqual(json(await h.l1(A, { type: "scheduleCancel", time: T0 + 10_000 })), OK);
  h.advance(11_000);
  assert.deepEqual(json(await h.l1(A, { type: "noop" })), OK);
  assert.equal(h.engine.openOrders(A.address).length, 0, "the switch fired");
  assert.deepEqual(json(await h.l1(A, { type: "scheduleCancel" })), OK);
  assert.deepEqual(json(await h.l1(A, { type: "setReferrer", code: "CCXT1" })), OK);
  assert.deepEqual(json(await h.l1(A, { type: "setReferrer", code: "CCXT1" })), {
    status: "err",
    response: "Referrer already set.",
  });
});

test("usdSend moves USDC (the first transfer to a new account pays the $1 activation fee); withdraw3 takes its $1 fee out of the amount", async () => {
  const h = await harness();
  const send = { type: "usdSend", ...TESTNET, destination: STRANGER.address, amount: "100", time: T0 + 1 };
  assert.deepEqual(json(await h.user(A, send, T0 + 1)), OK);
  assert.equal(h.engine.accountRisk(STRANGER.address).withdrawable, 100_000_000);
  assert.equal(h.engine.accountRisk(A.address).withdrawable, 1_000_000_000_000 - 101_000_000);
  const out = { type: "withdraw3", ...TESTNET, destination: B.address, amount: "50", time: T0 + 2 };
  assert.deepEqual(json(await h.user(STRANGER, out, T0 + 2)), OK);
  assert.equal(h.engine.accountRisk(STRANGER.address).withdrawable, 50_000_000);
  const tooMuch = { type: "withdraw3", ...TESTNET, destination: B.address, amount: "50.5", time: T0 + 3 };
  assert.deepEqual(json(await h.user(STRANGER, tooMuch, T0 + 3)), {
    status: "err",
    response: "Insufficient balance for withdrawal.",
  });
});

test("approveBuilderFee parses the percent into tenths of a basis point", async () => {
  const h = await harness();
  const builder = `0x${"be".repeat(20)}`;
  const approve = (maxFeeRate: string, nonce: number) =>
    h.user(A, { type: "approveBuilderFee", ...TESTNET, maxFeeRate, builder, nonce }, nonce);
  assert.deepEqual(json(await approve("0.01%", T0 + 1)), OK);
  assert.equal(h.engine.builderFeeOf(A.address, builder), 10);
  assert.deepEqual(json(await approve("0.2%", T0 + 2)), {
    status: "err",
    response: "Builder fee is above the maximum of 0.1%.",
  });
  assert.deepEqual(json(await approve("0.01", T0 + 3)), { status: "err", response: "Invalid max fee rate 0.01." });
});
