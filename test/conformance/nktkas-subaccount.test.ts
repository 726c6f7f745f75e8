/**
 * @module test/conformance/nktkas-subaccount
 * Sub-accounts through the real @nktkas/hyperliquid SDK against the real server: `createSubAccount` (the SDK parses
 * `{"type":"createSubAccount","data":"0x…"}`), `subAccountTransfer` both ways, `subAccountModify`, an order placed and
 * canceled by an ExchangeClient whose `defaultVaultAddress` is the sub-account, the SDK's error for a foreign
 * sub-account, and `subAccounts`, `subAccounts2` and `userRole` as the InfoClient reads them. The server's volume gate
 * is set to 0 (hyperlocal's `subAccountMinVolume`); Hyperliquid's $100,000 gate is tested in test/api.
 * @see hyperliquid-api.md §4.4, §5.2, §5.5, §5.7; hyperliquid-mechanics.md §10.2
 */

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ApiRequestError, ExchangeClient, HttpTransport, InfoClient } from "@nktkas/hyperliquid";
import type { App } from "../../src/server/app.ts";
import { startServer } from "../helpers/server.ts";
import { type Hex, localWallet, testKey } from "./_wallet.ts";

const M = localWallet(testKey(11));
const OTHER = localWallet(testKey(12));

let app: App;
let transport: HttpTransport;
let info: InfoClient;
let exM: ExchangeClient;

before(async () => {
  app = await startServer({ engine: { fundingIntervalMs: 10_000_000_000_000, subAccountMinVolume: 0 } });
  transport = new HttpTransport({ apiUrl: app.url });
  info = new InfoClient({ transport });
  exM = new ExchangeClient({ transport, wallet: M });
  await app.fund(M.address, 10_000);
  await app.fund(OTHER.address, 10_000);
  await app.setOracle({ BTC: "65000", ETH: "3500" });
});
after(() => app.close());

test("create, fund, trade as, rename, list and empty a sub-account through the SDK", async () => {
  assert.equal(await info.subAccounts({ user: M.address }), null);
  const created = await exM.createSubAccount({ name: "sdk-bot" });
  assert.equal(created.status, "ok");
  assert.equal(created.response.type, "createSubAccount");
  const sub = created.response.data as Hex;
  assert.match(sub, /^0x[0-9a-f]{40}$/);
  assert.deepEqual(await info.userRole({ user: sub }), {
    role: "subAccount",
    data: { master: M.address.toLowerCase() },
  });

  assert.deepEqual(await exM.subAccountTransfer({ subAccountUser: sub, isDeposit: true, usd: 2_000_000_000 }), {
    status: "ok",
    response: { type: "default" },
  });
  const exSub = new ExchangeClient({ transport, wallet: M, defaultVaultAddress: sub });
  // ETH asset 1: a resting buy of 0.1 at 3000 ($300) by the sub-account.
  const placed = await exSub.order({
    orders: [{ a: 1, b: true, p: "3000", s: "0.1", r: false, t: { limit: { tif: "Gtc" } } }],
    grouping: "na",
  });
  const status = placed.response.data.statuses[0];
  assert.ok(status !== undefined && typeof status === "object" && "resting" in status);
  const oid = status.resting.oid;
  const subOrders = await info.openOrders({ user: sub });
  assert.deepEqual(
    subOrders.map((o) => [o.oid, o.coin, o.limitPx, o.sz]),
    [[oid, "ETH", "3000.0", "0.1"]],
  );
  assert.deepEqual(await info.openOrders({ user: M.address }), []);

  const subs = await info.subAccounts({ user: M.address });
  assert.ok(subs !== null && subs.length === 1);
  const [entry] = subs;
  assert.equal(entry?.name, "sdk-bot");
  assert.equal(entry?.subAccountUser, sub);
  assert.equal(entry?.master, M.address.toLowerCase());
  // $2,000 in, no position: account value 2000; the resting order holds $300 / 20x = $15 of margin.
  assert.equal(entry?.clearinghouseState.marginSummary.accountValue, "2000.0");
  assert.deepEqual(entry?.spotState, { balances: [] });
  const subs2 = await info.subAccounts2({ user: M.address });
  assert.equal(subs2?.[0]?.dexToClearinghouseState[0]?.[0], "");

  await exSub.cancel({ cancels: [{ a: 1, o: oid }] });
  assert.deepEqual(await info.openOrders({ user: sub }), []);
  await exM.subAccountModify({ subAccountUser: sub, name: "renamed" });
  assert.equal((await info.subAccounts({ user: M.address }))?.[0]?.name, "renamed");

  const exOther = new ExchangeClient({ transport, wallet: OTHER });
  await assert.rejects(
    exOther.subAccountTransfer({ subAccountUser: sub, isDeposit: true, usd: 1 }),
    (e) => e instanceof ApiRequestError && e.message.includes("Invalid sub-account transfer from"),
  );
  await assert.rejects(
    exOther.order(
      { orders: [{ a: 1, b: true, p: "3000", s: "0.1", r: false, t: { limit: { tif: "Gtc" } } }], grouping: "na" },
      { vaultAddress: sub },
    ),
    (e) => e instanceof ApiRequestError && e.message.includes(`Sub-account ${sub} is not registered to`),
  );

  await exM.subAccountTransfer({ subAccountUser: sub, isDeposit: false, usd: 2_000_000_000 });
  const ledger = await info.userNonFundingLedgerUpdates({ user: sub, startTime: 0 });
  assert.deepEqual(
    ledger.map((u) => u.delta),
    [
      { type: "subAccountTransfer", usdc: "2000.0", user: M.address.toLowerCase(), destination: sub },
      { type: "subAccountTransfer", usdc: "2000.0", user: sub, destination: M.address.toLowerCase() },
    ],
  );
  const back = await info.clearinghouseState({ user: sub });
  assert.equal(back.marginSummary.accountValue, "0.0");
});
