/**
 * @module test/conformance/nktkas-vault
 * Vaults through the real @nktkas/hyperliquid SDK against the real server: `createVault` (the SDK parses
 * `{"type":"createVault","data":"0x…"}`; the server's clock is past 2026-04-01, so the creation fee is 10,000 USDC),
 * `vaultTransfer` by a follower, an order placed by an ExchangeClient whose `defaultVaultAddress` is the vault, and
 * `vaultDetails`, `userVaultEquities`, `vaultSummaries` and `userRole` as the InfoClient reads (and validates) them.
 * @see hyperliquid-api.md §4.4, §5.2, §5.5, §5.7; hyperliquid-mechanics.md §10.1
 */

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ExchangeClient, HttpTransport, InfoClient } from "@nktkas/hyperliquid";
import type { App } from "../../src/server/app.ts";
import { startServer } from "../helpers/server.ts";
import { type Hex, localWallet, testKey } from "./_wallet.ts";

const LEADER = localWallet(testKey(21));
const FOLLOWER = localWallet(testKey(22));

let app: App;
let transport: HttpTransport;
let info: InfoClient;

before(async () => {
  app = await startServer({ engine: { fundingIntervalMs: 10_000_000_000_000 } });
  transport = new HttpTransport({ apiUrl: app.url });
  info = new InfoClient({ transport });
  await app.fund(LEADER.address, 20_000);
  await app.fund(FOLLOWER.address, 10_000);
  await app.setOracle({ BTC: "65000", ETH: "3500" });
});
after(() => app.close());

test("create a vault, follow it, trade it and read it back through the SDK", async () => {
  const exLeader = new ExchangeClient({ transport, wallet: LEADER });
  const created = await exLeader.createVault({
    name: "sdk vault",
    description: "a vault created by the nktkas SDK",
    initialUsd: 1_000_000_000,
  });
  assert.equal(created.status, "ok");
  assert.equal(created.response.type, "createVault");
  const vault = created.response.data as Hex;
  assert.match(vault, /^0x[0-9a-f]{40}$/);
  assert.deepEqual(await info.userRole({ user: vault }), { role: "vault" });

  const exFollower = new ExchangeClient({ transport, wallet: FOLLOWER });
  assert.deepEqual(await exFollower.vaultTransfer({ vaultAddress: vault, isDeposit: true, usd: 500_000_000 }), {
    status: "ok",
    response: { type: "default" },
  });

  const exVault = new ExchangeClient({ transport, wallet: LEADER, defaultVaultAddress: vault });
  const placed = await exVault.order({
    orders: [{ a: 1, b: true, p: "3000", s: "0.1", r: false, t: { limit: { tif: "Gtc" } } }],
    grouping: "na",
  });
  const status = placed.response.data.statuses[0];
  assert.ok(status !== undefined && typeof status === "object" && "resting" in status);
  const orders = await info.openOrders({ user: vault });
  assert.deepEqual(
    orders.map((o) => [o.oid, o.coin, o.limitPx, o.sz]),
    [[status.resting.oid, "ETH", "3000.0", "0.1"]],
  );

  const details = await info.vaultDetails({ vaultAddress: vault, user: FOLLOWER.address });
  assert.ok(details !== null);
  assert.equal(details.name, "sdk vault");
  assert.equal(details.leader, LEADER.address.toLowerCase());
  assert.equal(details.vaultAddress, vault);
  assert.equal(details.followers.length, 2);
  assert.equal(details.followers[0]?.user, "Leader");
  assert.equal(details.followerState?.vaultEquity, "500.0");
  assert.ok(Math.abs(details.leaderFraction - 2 / 3) < 1e-9);
  assert.equal(details.leaderCommission, 0.1);
  assert.equal(details.allowDeposits, true);

  const equities = await info.userVaultEquities({ user: FOLLOWER.address });
  assert.equal(equities.length, 1);
  assert.equal(equities[0]?.vaultAddress, vault);
  assert.equal(equities[0]?.equity, "500.0");
  assert.ok((equities[0]?.lockedUntilTimestamp ?? 0) > Date.now());

  const summaries = await info.vaultSummaries();
  assert.deepEqual(
    summaries.map((s) => [s.vaultAddress, s.tvl]),
    [[vault, "1500.0"]],
  );
});
