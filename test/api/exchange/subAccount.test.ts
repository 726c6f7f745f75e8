/**
 * @module test/api/exchange/subAccount
 * `createSubAccount`, `subAccountModify`, `subAccountTransfer` and trading through the envelope's `vaultAddress`, signed
 * and handled as a client posts them, with the `/info` answers that show the result (`subAccounts`, `subAccounts2`,
 * `userRole`, `userNonFundingLedgerUpdates`). The harness keeps Hyperliquid's $100,000 volume gate.
 * @see hyperliquid-api.md §5.2, §5.5, §5.7; hyperliquid-mechanics.md §10.2
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { subAccountAddress } from "../../../src/core/clearinghouse/identity.ts";
import { handleInfo } from "../../../src/api/info/index.ts";
import { A, B, type Harness, harness, json, orderAction, STRANGER, wireOrder } from "../../helpers/exchange.ts";

const OK = { status: "ok", response: { type: "default" } };
const SUB = subAccountAddress(A.address, 0);

function info(h: Harness, body: unknown): unknown {
  const answer = handleInfo({ engine: h.engine, history: h.ctx.history, now: h.now }, body);
  assert.equal(answer.status, 200);
  return (answer as { json: unknown }).json;
}

/** A and B trade 1000 SOL at 100: $100,000 of volume each, the gate. */
async function tradeToGate(h: Harness): Promise<void> {
  json(await h.l1(B, orderAction(wireOrder(5, false, "100", "1000"))));
  json(await h.l1(A, orderAction(wireOrder(5, true, "100", "1000", "Ioc"))));
}

test("createSubAccount answers the volume gate, then the new address", async () => {
  const h = await harness();
  assert.deepEqual(json(await h.l1(A, { type: "createSubAccount", name: "bot" })), {
    status: "err",
    response: "Cannot create sub-accounts until enough volume traded. Required: $100000. Traded: $0.",
  });
  assert.equal(info(h, { type: "subAccounts", user: A.address }), null);
  await tradeToGate(h);
  assert.deepEqual(json(await h.l1(A, { type: "createSubAccount", name: "bot" })), {
    status: "ok",
    response: { type: "createSubAccount", data: SUB },
  });
  assert.deepEqual(info(h, { type: "userRole", user: SUB }), { role: "subAccount", data: { master: A.address } });
  assert.deepEqual(json(await h.l1(A, { type: "subAccountModify", subAccountUser: SUB, name: "renamed" })), OK);
  assert.deepEqual(json(await h.l1(B, { type: "subAccountModify", subAccountUser: SUB, name: "x" })), {
    status: "err",
    response: `Sub-account ${SUB} is not registered to ${B.address}`,
  });
  const subs = info(h, { type: "subAccounts", user: A.address }) as Record<string, unknown>[];
  assert.equal(subs.length, 1);
  assert.deepEqual(
    { name: subs[0]?.name, subAccountUser: subs[0]?.subAccountUser, master: subs[0]?.master, spot: subs[0]?.spotState },
    { name: "renamed", subAccountUser: SUB, master: A.address, spot: { balances: [] } },
  );
  const subs2 = info(h, { type: "subAccounts2", user: A.address }) as {
    dexToClearinghouseState: [string, unknown][];
  }[];
  assert.equal(subs2[0]?.dexToClearinghouseState[0]?.[0], "");
});

test("subAccountTransfer funds the sub-account; vaultAddress trades as it; the money comes back", async () => {
  const h = await harness();
  await tradeToGate(h);
  json(await h.l1(A, { type: "createSubAccount", name: "bot" }));
  const stranger = `0x${"9".repeat(40)}`;
  assert.deepEqual(
    json(await h.l1(A, { type: "subAccountTransfer", subAccountUser: stranger, isDeposit: true, usd: 1 })),
    {
      status: "err",
      response: `Invalid sub-account transfer from ${A.address} to ${stranger}`,
    },
  );
  assert.deepEqual(
    json(await h.l1(A, { type: "subAccountTransfer", subAccountUser: SUB, isDeposit: true, usd: 1_000_000_000 })),
    OK,
  );
  const ledger = info(h, { type: "userNonFundingLedgerUpdates", user: SUB, startTime: 0 }) as { delta: unknown }[];
  assert.deepEqual(ledger.at(-1)?.delta, {
    type: "subAccountTransfer",
    usdc: "1000.0",
    user: A.address,
    destination: SUB,
  });
  // Alice signs an order with vaultAddress = the sub-account (ccxt's form: no 0x, any case).
  const placed = json(
    await h.l1(A, orderAction(wireOrder(5, true, "90", "1")), { vaultAddress: SUB.slice(2).toUpperCase() }),
  ) as { response: { data: { statuses: { resting: { oid: number } }[] } } };
  const oid = placed.response.data.statuses[0]?.resting.oid;
  assert.ok(typeof oid === "number");
  assert.deepEqual(
    h.engine.openOrders(SUB).map((o) => o.order.oid),
    [oid],
  );
  assert.deepEqual(h.engine.openOrders(A.address), []);
  assert.deepEqual(
    json(await h.l1(A, { type: "updateLeverage", asset: 5, isCross: true, leverage: 3 }, { vaultAddress: SUB })),
    OK,
  );
  assert.deepEqual(h.engine.leverageOf(SUB as never, 5), { type: "cross", value: 3 });
  assert.deepEqual(json(await h.l1(A, { type: "cancel", cancels: [{ a: 5, o: oid }] }, { vaultAddress: SUB })), {
    status: "ok",
    response: { type: "cancel", data: { statuses: ["success"] } },
  });
  // Someone else's signature, or an address that is not a sub-account, is refused.
  assert.deepEqual(json(await h.l1(B, orderAction(wireOrder(5, true, "90", "1")), { vaultAddress: SUB })), {
    status: "err",
    response: `Sub-account ${SUB} is not registered to ${B.address}`,
  });
  assert.deepEqual(json(await h.l1(A, orderAction(wireOrder(5, true, "90", "1")), { vaultAddress: stranger })), {
    status: "err",
    response: `Vault not registered: ${stranger}`,
  });
  const unknown = json(await h.l1(STRANGER, orderAction(wireOrder(5, true, "90", "1")), { vaultAddress: SUB }));
  assert.equal((unknown as { status: string }).status, "err");
  assert.deepEqual(
    json(await h.l1(A, { type: "subAccountTransfer", subAccountUser: SUB, isDeposit: false, usd: 1_000_000_000 })),
    OK,
  );
  assert.equal(h.engine.accountRisk(SUB as never).withdrawable, 0);
});
