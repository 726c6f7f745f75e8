/**
 * @module test/core/clearinghouse/subAccounts
 * Sub-accounts as the engine applies them: the volume gate and its exact text, names, the derived address, transfers
 * with their ledger events and exact errors, trading as a sub-account with the master's (or its agent's) authority,
 * and that all of it survives a snapshot.
 * @see hyperliquid-mechanics.md §10.2; hyperliquid-api.md §5.3, §5.5
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Engine, type Event, rejectText, type Reply } from "../../../src/core/index.ts";
import { subAccountAddress, subAccountLimit } from "../../../src/core/clearinghouse/identity.ts";
import { ALICE, BOB, CAROL, limit, SOL, T0 } from "../../helpers/engine.ts";

const AGENT = `0x${"1".repeat(40)}`;

function replyOf(events: Event[]): Reply {
  const last = events.at(-1);
  assert.ok(last !== undefined && last.type === "reply");
  return last.reply;
}

function errorText(events: Event[]): string | undefined {
  const r = replyOf(events);
  return r.kind === "error" ? rejectText(r.reject) : undefined;
}

function funded(options: { subAccountMinVolume?: number } = {}): Engine {
  const e = Engine.create(options);
  e.apply({ type: "deposit", time: T0, user: ALICE, usd: 1_000_000_000 });
  e.apply({ type: "deposit", time: T0, user: BOB, usd: 1_000_000_000 });
  e.apply({ type: "setOracle", time: T0, prices: [{ asset: SOL, price: "100" }] });
  return e;
}

function create(e: Engine, user: string, name: string, time = T0 + 1): Reply {
  return replyOf(e.apply({ type: "createSubAccount", time, user, name }));
}

test("creating needs $100,000 of traded volume, as on Hyperliquid; the text names both amounts", () => {
  const e = funded();
  const r = create(e, ALICE, "one");
  assert.equal(
    r.kind === "error" && rejectText(r.reject),
    "Cannot create sub-accounts until enough volume traded. Required: $100000. Traded: $0.",
  );
  // Bob rests 120 SOL at 100.56 and Alice takes it: 120 × 100.56 = $12,067.20 of volume each.
  e.apply({ type: "order", time: T0 + 2, user: BOB, orders: [limit(SOL, false, "100.56", "120")], grouping: "na" });
  e.apply({ type: "order", time: T0 + 3, user: ALICE, orders: [limit(SOL, true, "100.56", "120")], grouping: "na" });
  assert.equal(e.volumeOf(ALICE), 12_067_200_000);
  const again = create(e, ALICE, "one", T0 + 4);
  assert.equal(
    again.kind === "error" && rejectText(again.reject),
    "Cannot create sub-accounts until enough volume traded. Required: $100000. Traded: $12067.2.",
  );
});

test("the gate is configurable; names are 1..16 characters; the address is derived from master and ordinal", () => {
  const e = funded({ subAccountMinVolume: 0 });
  assert.equal(
    errorText(e.apply({ type: "createSubAccount", time: T0 + 1, user: ALICE, name: "" })),
    "Invalid sub-account name: it must have 1 to 16 characters.",
  );
  assert.equal(
    errorText(e.apply({ type: "createSubAccount", time: T0 + 1, user: ALICE, name: "x".repeat(17) })),
    "Invalid sub-account name: it must have 1 to 16 characters.",
  );
  const r = create(e, ALICE, "x".repeat(16));
  assert.deepEqual(r, { kind: "createSubAccount", address: subAccountAddress(ALICE, 0) });
  assert.match(subAccountAddress(ALICE, 0), /^0x[0-9a-f]{40}$/);
  assert.notEqual(subAccountAddress(ALICE, 0), subAccountAddress(ALICE, 1));
  assert.notEqual(subAccountAddress(ALICE, 0), subAccountAddress(BOB, 0));
  const second = create(e, ALICE, "two");
  assert.deepEqual(second, { kind: "createSubAccount", address: subAccountAddress(ALICE, 1) });
  assert.deepEqual(e.roleOf(subAccountAddress(ALICE, 0)), { role: "subAccount", master: ALICE });
  assert.deepEqual(
    e.subAccountsOf(ALICE).map((s) => s.name),
    ["x".repeat(16), "two"],
  );
  assert.deepEqual(e.subAccountsOf(BOB), []);
  const sub = subAccountAddress(ALICE, 0);
  assert.equal(
    errorText(e.apply({ type: "createSubAccount", time: T0 + 2, user: sub, name: "nested" })),
    "A sub-account cannot create sub-accounts.",
  );
});

test("ten sub-accounts at the gate, one more per further $100M, at most 50", () => {
  assert.equal(subAccountLimit(99_999_999_999, 100_000_000_000), 0);
  assert.equal(subAccountLimit(100_000_000_000, 100_000_000_000), 10);
  assert.equal(subAccountLimit(100_100_000_000_000, 100_000_000_000), 11);
  assert.equal(subAccountLimit(1e16, 100_000_000_000), 50);
  const e = funded({ subAccountMinVolume: 0 });
  for (let i = 0; i < 10; i++) assert.equal(create(e, ALICE, `s${i}`).kind, "createSubAccount");
  assert.equal(
    errorText(e.apply({ type: "createSubAccount", time: T0 + 1, user: ALICE, name: "s10" })),
    "Too many sub-accounts for cumulative volume traded.",
  );
});

test("subAccountModify renames; another master's sub-account is not registered to it", () => {
  const e = funded({ subAccountMinVolume: 0 });
  const sub = subAccountAddress(ALICE, 0);
  create(e, ALICE, "old");
  assert.equal(
    errorText(e.apply({ type: "subAccountModify", time: T0 + 2, user: BOB, subAccount: sub, name: "x" })),
    `Sub-account ${sub} is not registered to ${BOB}`,
  );
  assert.deepEqual(
    replyOf(e.apply({ type: "subAccountModify", time: T0 + 2, user: ALICE, subAccount: sub, name: "new" })),
    { kind: "default" },
  );
  assert.deepEqual(
    e.subAccountsOf(ALICE).map((s) => s.name),
    ["new"],
  );
});

test("subAccountTransfer moves USDC both ways with ledger events; exact errors otherwise", () => {
  const e = funded({ subAccountMinVolume: 0 });
  const sub = subAccountAddress(ALICE, 0);
  create(e, ALICE, "main");
  const bad = (user: string, subAccount: string, isDeposit: boolean, usd: number) =>
    errorText(e.apply({ type: "subAccountTransfer", time: T0 + 2, user, subAccount, isDeposit, usd }));
  assert.equal(bad(ALICE, CAROL, true, 1), `Invalid sub-account transfer from ${ALICE} to ${CAROL}`);
  assert.equal(bad(ALICE, CAROL, false, 1), `Invalid sub-account transfer from ${CAROL} to ${ALICE}`);
  assert.equal(bad(BOB, sub, true, 1), `Invalid sub-account transfer from ${BOB} to ${sub}`);
  assert.equal(bad(ALICE, sub, true, 0), "Invalid amount.");
  assert.equal(bad(ALICE, sub, false, 1), "Insufficient balance for token transfer.");
  assert.equal(bad(ALICE, sub, true, 1_000_000_001), "Insufficient balance for token transfer.");
  const events = e.apply({
    type: "subAccountTransfer",
    time: T0 + 3,
    user: ALICE,
    subAccount: sub,
    isDeposit: true,
    usd: 300_000_000,
  });
  const delta = { type: "subAccountTransfer", usd: 300_000_000, user: ALICE, destination: sub };
  assert.deepEqual(events, [
    { type: "ledger", time: T0 + 3, user: ALICE, delta },
    { type: "ledger", time: T0 + 3, user: sub, delta },
    { type: "reply", reply: { kind: "default" } },
  ]);
  assert.equal(e.accountRisk(ALICE).withdrawable, 700_000_000);
  assert.equal(e.accountRisk(sub).withdrawable, 300_000_000);
  const back = e.apply({
    type: "subAccountTransfer",
    time: T0 + 4,
    user: ALICE,
    subAccount: sub,
    isDeposit: false,
    usd: 100_000_000,
  });
  assert.deepEqual(back[0], {
    type: "ledger",
    time: T0 + 4,
    user: sub,
    delta: { type: "subAccountTransfer", usd: 100_000_000, user: sub, destination: ALICE },
  });
  assert.equal(e.accountRisk(sub).withdrawable, 200_000_000);
  e.checkInvariants();
});

test("the master and its agents act for the sub-account; nobody else does; nonces are the signer's", () => {
  const e = funded({ subAccountMinVolume: 0 });
  const sub = subAccountAddress(ALICE, 0);
  create(e, ALICE, "main");
  e.apply({
    type: "subAccountTransfer",
    time: T0 + 2,
    user: ALICE,
    subAccount: sub,
    isDeposit: true,
    usd: 500_000_000,
  });
  e.apply({
    type: "approveAgent",
    time: T0 + 2,
    user: ALICE,
    agent: AGENT,
    name: "",
    auth: { signer: ALICE, nonce: T0 },
  });
  const place = (signer: string, nonce: number) =>
    e.apply({
      type: "order",
      time: T0 + 3,
      user: sub,
      orders: [limit(SOL, true, "99", "1")],
      grouping: "na",
      auth: { signer, nonce },
    });
  assert.equal(errorText(place(BOB, T0 + 1)), `User or API Wallet ${BOB} does not exist.`);
  assert.equal(errorText(place(sub, T0 + 1)), `User or API Wallet ${sub} does not exist.`);
  const byMaster = replyOf(place(ALICE, T0 + 1));
  assert.equal(byMaster.kind, "order");
  const byAgent = replyOf(place(AGENT, T0 + 1));
  assert.equal(byAgent.kind, "order", "the agent's nonce set is its own");
  assert.equal(e.openOrders(sub).length, 2);
  assert.equal(e.openOrders(ALICE).length, 0);
});

test("sub-accounts survive a snapshot with the same hash; a state without them has no subAccounts key", () => {
  const plain = funded();
  assert.equal(plain.toSnapshot().identity?.subAccounts, undefined);
  const e = funded({ subAccountMinVolume: 0 });
  const sub = subAccountAddress(ALICE, 0);
  create(e, ALICE, "main");
  e.apply({ type: "subAccountTransfer", time: T0 + 2, user: ALICE, subAccount: sub, isDeposit: true, usd: 5_000_000 });
  const copy = Engine.fromSnapshot(JSON.parse(JSON.stringify(e.toSnapshot())));
  assert.equal(copy.stateHash(), e.stateHash());
  assert.deepEqual(copy.roleOf(sub), { role: "subAccount", master: ALICE });
  assert.deepEqual(create(copy, ALICE, "next", T0 + 3), {
    kind: "createSubAccount",
    address: subAccountAddress(ALICE, 1),
  });
});
