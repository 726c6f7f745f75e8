/**
 * @module test/api/exchange/spot
 * Spot through `/exchange`: `usdClassTransfer`, `spotSend` (user-signed), and `order`/`cancel` on asset 10000
 * (PURR/USDC) with the balance check's live error text; the spot `/info` types and spot mids in `allMids`.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { T0 } from "../../helpers/engine.ts";
import { A, B, harness, json, orderAction, STRANGER, wireOrder } from "../../helpers/exchange.ts";
import { allMids } from "../../../src/api/info/allMids.ts";
import { spotClearinghouseState } from "../../../src/api/info/spotClearinghouseState.ts";
import { spotMetaOf } from "../../../src/api/info/spotMeta.ts";
import { spotMetaAndAssetCtxs } from "../../../src/api/info/spotMetaAndAssetCtxs.ts";

const OK = { status: "ok", response: { type: "default" } };
const TESTNET = { signatureChainId: "0x66eee", hyperliquidChain: "Testnet" };
const PURR_WIRE = "PURR:0xc1fb593aeffbeb02f85e0308e9956a90";

test("usdClassTransfer moves USDC to spot and back; spotSend sends a token", async () => {
  const h = await harness();
  const toSpot = { type: "usdClassTransfer", ...TESTNET, amount: "100.5", toPerp: false, nonce: T0 + 1 };
  assert.deepEqual(json(await h.user(A, toSpot, T0 + 1)), OK);
  assert.equal(h.engine.state.spot.balances.get(A.address)?.get(0)?.total, 10_050_000_000);
  const tooMuch = { type: "usdClassTransfer", ...TESTNET, amount: "1000", toPerp: true, nonce: T0 + 2 };
  assert.deepEqual(json(await h.user(A, tooMuch, T0 + 2)), {
    status: "err",
    response: "Insufficient balance for token transfer.",
  });
  const send = {
    type: "spotSend",
    ...TESTNET,
    destination: STRANGER.address,
    token: "USDC:0x6d1e7cde53ba9467b783cb7c530ce054",
    amount: "0.5",
    time: T0 + 3,
  };
  assert.deepEqual(json(await h.user(A, send, T0 + 3)), OK);
  assert.equal(h.engine.state.spot.balances.get(STRANGER.address)?.get(0)?.total, 50_000_000);
});

test("orders on PURR/USDC (asset 10000) check the spot balance, rest, fill and cancel", async () => {
  const h = await harness();
  assert.deepEqual(json(await h.l1(A, orderAction(wireOrder(10000, true, "0.2", "100")))), {
    status: "ok",
    response: { type: "order", data: { statuses: [{ error: "Insufficient spot balance asset=10000" }] } },
  });
  await h.ctx.submit({ type: "spotGenesis", user: B.address, token: 1, amount: 100_000_000 });
  await h.user(A, { type: "usdClassTransfer", ...TESTNET, amount: "100", toPerp: false, nonce: T0 + 10 }, T0 + 10);
  const rest = json(await h.l1(B, orderAction(wireOrder(10000, false, "0.2", "100")))) as {
    response: { data: { statuses: [{ resting: { oid: number } }] } };
  };
  const oid = rest.response.data.statuses[0].resting.oid;
  assert.deepEqual(json(await h.l1(A, orderAction(wireOrder(10000, true, "0.2", "60", "Ioc")))), {
    status: "ok",
    response: { type: "order", data: { statuses: [{ filled: { totalSz: "60.0", avgPx: "0.2", oid: oid + 1 } }] } },
  });
  assert.deepEqual(json(await h.l1(B, { type: "cancel", cancels: [{ a: 10000, o: oid }] })), {
    status: "ok",
    response: { type: "cancel", data: { statuses: ["success"] } },
  });
  const send = { type: "spotSend", ...TESTNET, destination: A.address, token: PURR_WIRE, amount: "1", time: T0 + 5 };
  assert.deepEqual(json(await h.user(B, send, T0 + 5)), OK);
});

test("spotMeta, spotClearinghouseState, spotMetaAndAssetCtxs and allMids show the spot pairs and balances", async () => {
  const h = await harness();
  await h.ctx.submit({ type: "spotGenesis", user: B.address, token: 1, amount: 100_000_000 });
  await h.user(A, { type: "usdClassTransfer", ...TESTNET, amount: "100", toPerp: false, nonce: T0 + 10 }, T0 + 10);
  await h.l1(B, orderAction(wireOrder(10000, false, "0.2", "100")));
  await h.l1(A, orderAction(wireOrder(10000, true, "0.1", "150")));
  const ictx = { engine: h.engine } as unknown as Parameters<typeof spotMetaAndAssetCtxs>[0];
  const meta = spotMetaOf();
  assert.deepEqual(
    meta.universe.map((u) => [u.name, u.index, u.tokens]),
    [
      ["PURR/USDC", 0, [1, 0]],
      ["@1", 1, [2, 0]],
    ],
  );
  assert.deepEqual(
    meta.tokens.map((t) => [t.name, t.index, t.szDecimals, t.weiDecimals]),
    [
      ["USDC", 0, 8, 8],
      ["PURR", 1, 0, 5],
      ["HYPE", 2, 2, 8],
    ],
  );
  assert.deepEqual(spotClearinghouseState(ictx, { type: "spotClearinghouseState", user: A.address }), {
    balances: [{ coin: "USDC", token: 0, total: "100.0", hold: "15.0", entryNtl: "0.0" }],
  });
  assert.deepEqual(spotClearinghouseState(ictx, { type: "spotClearinghouseState", user: B.address }).balances, [
    { coin: "PURR", token: 1, total: "1000.0", hold: "100.0", entryNtl: "0.0" },
  ]);
  const [, ctxs] = spotMetaAndAssetCtxs(ictx, { type: "spotMetaAndAssetCtxs" });
  assert.equal(ctxs[0]?.coin, "PURR/USDC");
  assert.equal(ctxs[0]?.midPx, "0.15");
  assert.equal(ctxs[0]?.totalSupply, "1000.0");
  const mids = allMids(ictx, { type: "allMids" }) as Record<string, string>;
  assert.equal(mids["PURR/USDC"], "0.15");
});
