/**
 * @module test/api/exchange/index
 * The life of a signed request up to the sequencer: envelope and action shapes (422), known-but-unbuilt actions,
 * signature readings (both sources, as received then canonical, ccxt's vault without 0x), unknown signers with the
 * explanation, nonces, expiry, chains, vaults, tampering.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { DESERIALIZE_ERROR, handleExchange } from "../../../src/api/exchange/index.ts";
import { T0 } from "../../helpers/engine.ts";
import { A, B, harness, json, orderAction, STRANGER, wireOrder } from "../../helpers/exchange.ts";
import { signL1, signUserAction } from "../../helpers/wallet.ts";

const NOOP = { type: "noop" };
const OK = { status: "ok", response: { type: "default" } };
const UNPROCESSABLE = { status: 422, text: DESERIALIZE_ERROR };

test("wrong shapes and unknown types are 422 with the exact text; known unbuilt actions name themselves", async () => {
  const h = await harness();
  assert.equal(DESERIALIZE_ERROR.length, 56);
  assert.deepEqual(await h.raw({}), UNPROCESSABLE);
  assert.deepEqual(await h.raw({ action: NOOP, nonce: "1", signature: { r: "0x1", s: "0x1", v: 27 } }), UNPROCESSABLE);
  assert.deepEqual(await h.l1(A, { type: "teleport" }), UNPROCESSABLE);
  assert.deepEqual(await h.l1(A, { type: "order", orders: [{ a: 5 }], grouping: "na" }), UNPROCESSABLE);
  assert.deepEqual(await h.l1(A, { type: "updateLeverage", asset: 5, isCross: true, leverage: "10" }), UNPROCESSABLE);
  assert.deepEqual(json(await h.l1(A, { type: "borrowLend", operation: "supply", token: 0, amount: null })), {
    status: "err",
    response: 'Action "borrowLend" is not supported by hyperlocal yet.',
  });
});

test("both sources are accepted by default; a tampered action recovers an unknown signer, explained", async () => {
  const h = await harness();
  assert.deepEqual(json(await h.l1(A, NOOP, { source: "a" })), OK);
  assert.deepEqual(json(await h.l1(A, NOOP, { source: "b" })), OK);
  const signed = signL1(A, orderAction(wireOrder(5, true, "99", "1")), T0 + 77);
  const tampered = { ...signed, action: orderAction(wireOrder(5, true, "98", "1")) };
  const out = json(await h.raw(tampered)) as { status: string; response: string };
  assert.equal(out.status, "err");
  assert.match(out.response, /^User or API Wallet 0x[0-9a-f]{40} does not exist\.$/);
  assert.notEqual(out.response, `User or API Wallet ${A.address} does not exist.`);
  assert.equal(h.explained.length, 1);
  assert.match(h.explained[0] as string, /L1 order source=a chainId=1337 recovered=0x/);
  assert.match(h.explained[0] as string, /hashed bytes: 0x/);
  assert.equal(h.engine.openOrders(A.address).length, 0);
});

test("a body posted with its keys in another order than signed is read in canonical form", async () => {
  const h = await harness();
  const canonical = orderAction(wireOrder(5, true, "99", "1"));
  const signed = signL1(A, canonical, T0 + 5);
  const reordered = {
    grouping: "na",
    orders: [{ t: { limit: { tif: "Gtc" } }, r: false, s: "1", p: "99", b: true, a: 5 }],
    type: "order",
  };
  assert.deepEqual(json(await h.raw({ ...signed, action: reordered })), {
    status: "ok",
    response: { type: "order", data: { statuses: [{ resting: { oid: 1_000_000 } }] } },
  });
});

test("nonces: duplicates and stale nonces are refused with Hyperliquid's strings; replay is refused", async () => {
  const h = await harness();
  const body = signL1(A, NOOP, T0 + 1);
  assert.deepEqual(json(await h.raw(body)), OK);
  assert.deepEqual(json(await h.raw(body)), { status: "err", response: `Invalid nonce: duplicate nonce ${T0 + 1}` });
  const old = T0 - 3 * 86_400_000;
  assert.deepEqual(json(await h.raw(signL1(A, NOOP, old))), {
    status: "err",
    response: `Invalid nonce: nonce too low ${old} < ${T0 - 2 * 86_400_000}`,
  });
});

test("expiresAfter in the past is refused; in the future accepted", async () => {
  const h = await harness();
  assert.deepEqual(json(await h.l1(A, NOOP, { expiresAfter: T0 - 1 })), {
    status: "err",
    response: "Action already expired",
  });
  assert.deepEqual(json(await h.l1(A, NOOP, { expiresAfter: T0 + 60_000 })), OK);
});

test("a vaultAddress that is no sub-account is refused; ignored (unhashed) on others, also without 0x", async () => {
  const h = await harness();
  const vault = "ab".repeat(20);
  assert.deepEqual(json(await h.l1(A, NOOP, { vaultAddress: `0x${vault}` })), {
    status: "err",
    response: `Vault not registered: 0x${vault}`,
  });
  // Python signs setReferrer without its vault but still posts it.
  const signed = signL1(A, { type: "setReferrer", code: "X" }, T0 + 9);
  assert.deepEqual(json(await h.raw({ ...signed, vaultAddress: vault })), OK);
});

test("user-signed: the chain must be accepted and the inner nonce must equal the envelope's", async () => {
  const h = await harness();
  const action = {
    type: "usdSend",
    signatureChainId: "0xa4b1",
    hyperliquidChain: "Mainnet",
    destination: B.address,
    amount: "1",
    time: T0 + 3,
  };
  assert.deepEqual(json(await h.user(A, action, T0 + 4)), {
    status: "err",
    response: "Invalid nonce: the action's nonce differs from the request's.",
  });
  assert.deepEqual(json(await h.user(A, action, T0 + 3)), OK);
  const unfunded = { ...action, time: T0 + 5 };
  assert.deepEqual(json(await h.raw(signUserAction(STRANGER, unfunded, T0 + 5))), {
    status: "err",
    response: `User or API Wallet ${STRANGER.address} does not exist.`,
  });
});

test("an unparseable signature is refused without taking anything down", async () => {
  const h = await harness();
  const bad = { action: NOOP, nonce: T0 + 1, signature: { r: "0x0", s: "0x0", v: 27 } };
  assert.deepEqual(json(await h.raw(bad)), { status: "err", response: "Unable to recover signer." });
  assert.deepEqual(json(await h.l1(A, NOOP)), OK);
});

test("a pinned network refuses the other: wrong source recovers nobody, wrong chain is named", async () => {
  const h = await harness();
  const pinned = { ...h.ctx, network: { sources: ["a"] as const, chains: ["Mainnet"] as const } };
  const fromTestnet = await handleExchange(pinned, signL1(A, NOOP, T0 + 1, { source: "b" }));
  const out = json(fromTestnet) as { status: string; response: string };
  assert.equal(out.status, "err");
  assert.match(out.response, /^User or API Wallet 0x[0-9a-f]{40} does not exist\.$/);
  assert.notEqual(out.response, `User or API Wallet ${A.address} does not exist.`, "source b is not tried");
  assert.deepEqual(json(await handleExchange(pinned, signL1(A, NOOP, T0 + 2, { source: "a" }))), OK);
  const testnetSend = {
    type: "usdSend",
    signatureChainId: "0x66eee",
    hyperliquidChain: "Testnet",
    destination: B.address,
    amount: "1",
    time: T0 + 3,
  };
  assert.deepEqual(json(await handleExchange(pinned, signUserAction(A, testnetSend, T0 + 3))), {
    status: "err",
    response: "hyperliquidChain Testnet is not accepted by this server (it accepts Mainnet).",
  });
});

test("the Python SDK's envelope: explicit null vaultAddress and expiresAfter, testnet source, minimal r/s hex", async () => {
  const h = await harness();
  const signed = signL1(A, orderAction(wireOrder(5, true, "99", "1")), T0 + 11, { source: "b" });
  const minimal = (hex: string) => `0x${hex.slice(2).replace(/^0+/, "")}`;
  const body = {
    action: signed.action,
    nonce: signed.nonce,
    signature: { r: minimal(signed.signature.r), s: minimal(signed.signature.s), v: signed.signature.v },
    vaultAddress: null,
    expiresAfter: null,
  };
  assert.deepEqual(json(await h.raw(body)), {
    status: "ok",
    response: { type: "order", data: { statuses: [{ resting: { oid: 1_000_000 } }] } },
  });
});
