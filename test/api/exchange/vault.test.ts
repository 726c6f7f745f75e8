/**
 * @module test/api/exchange/vault
 * `createVault`, `vaultTransfer`, `vaultModify`, `vaultDistribute` and trading a vault through the envelope's
 * `vaultAddress`, signed and handled as a client posts them, with the `/info` answers that show the result
 * (`vaultDetails`, `userVaultEquities`, `vaultSummaries`, `leadingVaults`, `userRole`, `webData2`,
 * `userNonFundingLedgerUpdates`).
 * @see hyperliquid-api.md §5.2, §5.3, §5.5, §5.7; hyperliquid-mechanics.md §10.1
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { derivedAddress } from "../../../src/core/clearinghouse/identity.ts";
import { handleInfo } from "../../../src/api/info/index.ts";
import { A, B, type Harness, harness, json, orderAction, wireOrder } from "../../helpers/exchange.ts";

const OK = { status: "ok", response: { type: "default" } };
const VAULT = derivedAddress(`hyperlocal vault ${A.address} 0`);
const CREATE = { type: "createVault", name: "Alpha", description: "a vault that trades SOL", initialUsd: 900_000_000 };

function info(h: Harness, body: unknown): unknown {
  const answer = handleInfo({ engine: h.engine, history: h.ctx.history, now: h.now }, body);
  assert.equal(answer.status, 200);
  return (answer as { json: unknown }).json;
}

test("createVault answers the vault's address; the vault shows in every vault info type", async () => {
  const h = await harness();
  assert.deepEqual(json(await h.l1(A, { ...CREATE, initialUsd: 1_000_000, nonce: 1 })), {
    status: "err",
    response: "Initial vault deposit must be at least 100 USDC.",
  });
  assert.deepEqual(json(await h.l1(A, { ...CREATE, nonce: 2 })), {
    status: "ok",
    response: { type: "createVault", data: VAULT },
  });
  assert.deepEqual(info(h, { type: "userRole", user: VAULT }), { role: "vault" });
  assert.deepEqual(info(h, { type: "leadingVaults", user: A.address }), [{ address: VAULT, name: "Alpha" }]);
  const summaries = info(h, { type: "vaultSummaries" }) as Record<string, unknown>[];
  assert.deepEqual(summaries, [
    {
      name: "Alpha",
      vaultAddress: VAULT,
      leader: A.address,
      tvl: "900.0",
      isClosed: false,
      relationship: { type: "normal" },
      createTimeMillis: h.now(),
    },
  ]);
  const details = info(h, { type: "vaultDetails", vaultAddress: VAULT }) as Record<string, unknown>;
  assert.equal(details.leaderFraction, 1);
  assert.equal(details.leaderCommission, 0.1);
  assert.equal(details.followerState, null);
  assert.equal(details.maxWithdrawable, 900);
  assert.deepEqual(details.followers, [
    {
      user: "Leader",
      vaultEquity: "900.0",
      pnl: "0.0",
      allTimePnl: "0.0",
      daysFollowing: 0,
      vaultEntryTime: h.now(),
      lockupUntil: h.now(),
    },
  ]);
  assert.equal(info(h, { type: "vaultDetails", vaultAddress: B.address }), null);
  const ledger = info(h, { type: "userNonFundingLedgerUpdates", user: A.address }) as { delta: unknown }[];
  assert.deepEqual(ledger.at(-1)?.delta, { type: "vaultCreate", vault: VAULT, usdc: "900.0", fee: "100.0" });
});

test("a follower deposits, the leader trades through vaultAddress, the follower withdraws after the lock-up", async () => {
  const h = await harness();
  json(await h.l1(A, { ...CREATE, nonce: 1 }));
  assert.deepEqual(
    json(await h.l1(B, { type: "vaultTransfer", vaultAddress: VAULT, isDeposit: true, usd: 100_000_000 })),
    OK,
  );
  assert.deepEqual(info(h, { type: "userVaultEquities", user: B.address }), [
    { vaultAddress: VAULT, equity: "100.0", lockedUntilTimestamp: h.now() + 86_400_000 },
  ]);
  // Only the leader trades the vault; B's vaultAddress answers the leader text.
  assert.deepEqual(json(await h.l1(B, orderAction(wireOrder(5, true, "90", "1")), { vaultAddress: VAULT })), {
    status: "err",
    response: "Only leader can perform this vault action",
  });
  const placed = json(await h.l1(A, orderAction(wireOrder(5, true, "90", "1")), { vaultAddress: VAULT })) as {
    response: { data: { statuses: unknown[] } };
  };
  assert.ok(
    placed.response.data.statuses[0] !== undefined && "resting" in (placed.response.data.statuses[0] as object),
  );
  assert.equal(h.engine.openOrders(VAULT).length, 1);
  assert.deepEqual(
    json(
      await h.l1(A, { type: "vaultModify", vaultAddress: VAULT, allowDeposits: false, alwaysCloseOnWithdraw: null }),
    ),
    OK,
  );
  assert.deepEqual(
    json(await h.l1(B, { type: "vaultModify", vaultAddress: VAULT, allowDeposits: true, alwaysCloseOnWithdraw: null })),
    {
      status: "err",
      response: "Only leader can perform this vault action",
    },
  );
  assert.equal(
    (info(h, { type: "vaultDetails", vaultAddress: VAULT }) as { allowDeposits: boolean }).allowDeposits,
    false,
  );
  const early = json(
    await h.l1(B, { type: "vaultTransfer", vaultAddress: VAULT, isDeposit: false, usd: 50_000_000 }),
  ) as {
    response: string;
  };
  assert.match(early.response, /^Vault deposit is locked until \d+\.$/);
  h.advance(86_400_000);
  assert.deepEqual(
    json(await h.l1(B, { type: "vaultTransfer", vaultAddress: VAULT, isDeposit: false, usd: 50_000_000 })),
    OK,
  );
  const ledger = info(h, { type: "userNonFundingLedgerUpdates", user: B.address }) as {
    delta: Record<string, unknown>;
  }[];
  assert.equal(ledger.at(-1)?.delta.type, "vaultWithdraw");
  assert.equal(ledger.at(-1)?.delta.requestedUsd, "50.0");
  assert.equal(ledger.at(-1)?.delta.closingCost, "0.0");
  const web = info(h, { type: "webData2", user: A.address }) as Record<string, unknown>;
  assert.deepEqual(web.leadingVaults, [{ address: VAULT, name: "Alpha" }]);
  assert.equal((info(h, { type: "webData2", user: VAULT }) as Record<string, unknown>).isVault, true);
  assert.deepEqual(json(await h.l1(A, { type: "vaultDistribute", vaultAddress: VAULT, usd: 1_000_000 })), OK);
});

test("vaultAddress of an unknown address still answers Vault not registered", async () => {
  const h = await harness();
  const nobody = `0x${"9".repeat(40)}`;
  assert.deepEqual(json(await h.l1(A, orderAction(wireOrder(5, true, "90", "1")), { vaultAddress: nobody })), {
    status: "err",
    response: `Vault not registered: ${nobody}`,
  });
  assert.deepEqual(json(await h.l1(A, { type: "vaultTransfer", vaultAddress: nobody, isDeposit: true, usd: 1 })), {
    status: "err",
    response: `Vault not registered: ${nobody}`,
  });
});
