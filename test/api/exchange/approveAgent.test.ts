/**
 * @module test/api/exchange/approveAgent
 * `approveAgent`: an API wallet then signs L1 actions for its master; names, `valid_until`, Python's missing name.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { parseAgentName } from "../../../src/api/exchange/approveAgent.ts";
import { T0 } from "../../helpers/engine.ts";
import { A, B, harness, json, orderAction, wireOrder } from "../../helpers/exchange.ts";
import { wallet } from "../../helpers/wallet.ts";

const TESTNET = { signatureChainId: "0x66eee", hyperliquidChain: "Testnet" };
const AGENT = wallet("agent");

test("an agent trades for its master; it cannot act for another account", async () => {
  const h = await harness();
  const before = json(await h.l1(AGENT, orderAction(wireOrder(5, true, "99", "1"))));
  assert.deepEqual(before, { status: "err", response: `User or API Wallet ${AGENT.address} does not exist.` });
  // Python deletes `agentName` after signing it as "": a missing name is "".
  const action = { type: "approveAgent", ...TESTNET, agentAddress: AGENT.address, agentName: "", nonce: T0 + 1 };
  const { agentName: _, ...posted } = action;
  const { signUserAction } = await import("../../helpers/wallet.ts");
  const envelope = { ...signUserAction(A, action, T0 + 1), action: posted };
  assert.deepEqual(json(await h.raw(envelope)), { status: "ok", response: { type: "default" } });
  const placed = json(await h.l1(AGENT, orderAction(wireOrder(5, true, "99", "1"))));
  assert.deepEqual(placed, {
    status: "ok",
    response: { type: "order", data: { statuses: [{ resting: { oid: 1_000_000 } }] } },
  });
  assert.equal(h.engine.openOrders(A.address).length, 1, "the order is the master's");
  assert.equal(h.engine.openOrders(B.address).length, 0);
});

test("agent names: at most 16 characters, optional valid_until within 180 days", async () => {
  assert.deepEqual(parseAgentName("bot valid_until 1767225600000"), { name: "bot", validUntil: 1767225600000 });
  assert.deepEqual(parseAgentName("bot"), { name: "bot", validUntil: undefined });
  const h = await harness();
  const approve = (agentName: string, nonce: number) =>
    h.user(A, { type: "approveAgent", ...TESTNET, agentAddress: AGENT.address, agentName, nonce }, nonce);
  assert.deepEqual(json(await approve("x".repeat(17), T0 + 1)), {
    status: "err",
    response: "Agent name must be at most 16 characters.",
  });
  assert.deepEqual(json(await approve(`bot valid_until ${T0 + 200 * 86_400_000}`, T0 + 2)), {
    status: "err",
    response: "Agent valid_until must be in the future and at most 180 days ahead.",
  });
  assert.deepEqual(json(await approve(`bot valid_until ${T0 + 60_000}`, T0 + 3)), {
    status: "ok",
    response: { type: "default" },
  });
  assert.deepEqual(
    h.engine.agentsOf(A.address).map((a) => [a.address, a.name, a.validUntil]),
    [[AGENT.address, "bot", T0 + 60_000]],
  );
});
