/**
 * @module test/core/clearinghouse/vaults
 * Vaults as the engine applies them: creation (minimum, fee by date, balance, name and description, derived address),
 * deposits and shares, the follower lock-up, withdrawals with the leader's 10% commission (Hyperliquid's own example:
 * 100 into 900, the vault doubles, 200 − 10 = 190), the leader's 5%, the refused withdrawal beyond the vault's
 * withdrawable, vaultModify, vaultDistribute, trading as the vault with the leader's (or its agent's) authority,
 * money conservation and the snapshot round trip, with the exact error strings.
 * @see hyperliquid-mechanics.md §10.1; hyperliquid-api.md §5.3
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Engine, type Event, type LedgerDelta, rejectText, type Reply } from "../../../src/core/index.ts";
import { ALICE, BOB, CAROL, limit, SOL, T0 } from "../../helpers/engine.ts";

const AGENT = `0x${"1".repeat(40)}`;
const DAY = 86_400_000;
const USD = 1_000_000;

function replyOf(events: Event[]): Reply {
  const last = events.at(-1);
  assert.ok(last !== undefined && last.type === "reply");
  return last.reply;
}

function errorText(events: Event[]): string | undefined {
  const r = replyOf(events);
  return r.kind === "error" ? rejectText(r.reject) : undefined;
}

function ledger(events: Event[]): [string, LedgerDelta][] {
  return events.flatMap((e) => (e.type === "ledger" ? [[e.user, e.delta] as [string, LedgerDelta]] : []));
}

function funded(): Engine {
  const e = Engine.create({ takerFee: 0, makerFee: 0, markRule: "oracle", interestRate8h: 0 });
  for (const user of [ALICE, BOB, CAROL]) e.apply({ type: "deposit", time: T0, user, usd: 10_000 * USD });
  e.apply({ type: "setOracle", time: T0, prices: [{ asset: SOL, price: "100" }] });
  return e;
}

const DESCRIPTION = "a test vault for hyperlocal";

function create(e: Engine, time = T0 + 1, initialUsd = 900 * USD): string {
  const r = replyOf(
    e.apply({ type: "createVault", time, user: ALICE, name: "Alpha", description: DESCRIPTION, initialUsd }),
  );
  assert.equal(r.kind, "createVault");
  return r.kind === "createVault" ? r.address : "";
}

function cash(e: Engine, user: string): number {
  return e.state.accounts.get(user)?.cash ?? 0;
}

test("createVault: minimum 100 USDC, fee 100 USDC before 2026-04 and 10,000 after, balance, name and description", () => {
  const e = funded();
  const make = (initialUsd: number, name = "Alpha", description = DESCRIPTION, time = T0 + 1) =>
    errorText(e.apply({ type: "createVault", time, user: ALICE, name, description, initialUsd }));
  assert.equal(make(99 * USD), "Initial vault deposit must be at least 100 USDC.");
  assert.equal(make(100 * USD, "ab"), "Invalid vault name: it must have 3 to 50 characters.");
  assert.equal(make(100 * USD, "Alpha", "too short"), "Invalid vault description: it must have 10 to 250 characters.");
  assert.equal(make(9_901 * USD), "Insufficient balance to create vault");
  const events = e.apply({
    type: "createVault",
    time: T0 + 1,
    user: ALICE,
    name: "Alpha",
    description: DESCRIPTION,
    initialUsd: 900 * USD,
  });
  const r = replyOf(events);
  assert.ok(r.kind === "createVault");
  assert.match(r.address, /^0x[0-9a-f]{40}$/);
  assert.deepEqual(ledger(events), [
    [ALICE, { type: "vaultCreate", vault: r.address, usd: 900 * USD, fee: 100 * USD }],
  ]);
  assert.equal(cash(e, ALICE), 9_000 * USD);
  assert.equal(cash(e, r.address), 900 * USD);
  assert.deepEqual(e.roleOf(r.address), { role: "vault", leader: ALICE });
  // From 2026-04-01 the fee is 10,000 USDC: Bob's 10,000 cannot pay 100 + 10,000.
  const late = Date.UTC(2026, 3, 1);
  const bob = e.apply({
    type: "createVault",
    time: late,
    user: BOB,
    name: "Beta",
    description: DESCRIPTION,
    initialUsd: 100 * USD,
  });
  assert.equal(errorText(bob), "Insufficient balance to create vault");
  e.checkInvariants();
});

test("the address is derived from the leader and its ordinal, the same on every engine", () => {
  const a = create(funded());
  const b = create(funded());
  assert.equal(a, b);
  const e = funded();
  create(e);
  assert.notEqual(create(e, T0 + 2), a);
});

test("Hyperliquid's example: 100 into 900, the vault doubles, Bob withdraws 200 − 10% of his 100 profit = 190", () => {
  const e = funded();
  const vault = create(e);
  const dep = e.apply({ type: "vaultTransfer", time: T0 + 2, user: BOB, vault, isDeposit: true, usd: 100 * USD });
  assert.equal(replyOf(dep).kind, "default");
  assert.deepEqual(ledger(dep), [[BOB, { type: "vaultDeposit", vault, usd: 100 * USD }]]);
  const v = e.vault(vault);
  assert.equal(v?.totalShares, 1_000 * USD);
  assert.equal(v?.followers.get(BOB)?.shares, 100 * USD);
  // Alice trades for the vault: it buys 10 SOL at 100 from Carol, and SOL doubles.
  e.apply({ type: "order", time: T0 + 3, user: CAROL, orders: [limit(SOL, false, "100", "10")], grouping: "na" });
  const buy = e.apply({
    type: "order",
    time: T0 + 4,
    user: vault,
    auth: { signer: ALICE, nonce: T0 + 4 },
    orders: [limit(SOL, true, "100", "10")],
    grouping: "na",
  });
  assert.ok(replyOf(buy).kind === "order");
  e.apply({ type: "setOracle", time: T0 + 5, prices: [{ asset: SOL, price: "200" }] });
  const risk = e.accountRisk(vault);
  assert.equal(risk.crossValue, 2_000 * USD);
  // Locked for a day after Bob's deposit.
  const early = e.apply({ type: "vaultTransfer", time: T0 + 6, user: BOB, vault, isDeposit: false, usd: 200 * USD });
  assert.equal(errorText(early), `Vault deposit is locked until ${T0 + 2 + DAY}.`);
  const over = e.apply({
    type: "vaultTransfer",
    time: T0 + 2 + DAY,
    user: BOB,
    vault,
    isDeposit: false,
    usd: 201 * USD,
  });
  assert.equal(errorText(over), "Insufficient balance for withdrawal.");
  const out = e.apply({
    type: "vaultTransfer",
    time: T0 + 2 + DAY,
    user: BOB,
    vault,
    isDeposit: false,
    usd: 200 * USD,
  });
  assert.equal(replyOf(out).kind, "default");
  assert.deepEqual(ledger(out), [
    [
      BOB,
      {
        type: "vaultWithdraw",
        vault,
        user: BOB,
        requestedUsd: 200 * USD,
        commission: 10 * USD,
        closingCost: 0,
        basis: 100 * USD,
        netWithdrawnUsd: 190 * USD,
      },
    ],
    [ALICE, { type: "vaultLeaderCommission", user: BOB, usd: 10 * USD }],
  ]);
  assert.equal(cash(e, BOB), 10_090 * USD);
  assert.equal(cash(e, ALICE), 9_010 * USD);
  assert.equal(e.vault(vault)?.followers.has(BOB), false);
  assert.equal(e.vault(vault)?.totalShares, 900 * USD);
  e.checkInvariants();
  // Snapshot round trip keeps vaults, and the hash.
  const back = Engine.fromSnapshot(JSON.parse(JSON.stringify(e.toSnapshot())));
  assert.equal(back.stateHash(), e.stateHash());
  assert.deepEqual(back.vault(vault), e.vault(vault));
});

test("a snapshot without vaults has no vaults key (absent = none), so old hashes stay", () => {
  const e = funded();
  assert.equal("vaults" in (e.toSnapshot().identity ?? {}), false);
});

test("the leader keeps 5%: a deposit that would dilute it, or a leader withdrawal below it, is refused", () => {
  const e = funded();
  const vault = create(e, T0 + 1, 100 * USD);
  // 100 leader shares; 1,900 more would leave the leader at exactly 5%: allowed; one dollar more is not.
  const tooMuch = e.apply({ type: "vaultTransfer", time: T0 + 2, user: BOB, vault, isDeposit: true, usd: 1_901 * USD });
  assert.equal(errorText(tooMuch), "Vault leader must keep at least 5% of the vault.");
  const ok = e.apply({ type: "vaultTransfer", time: T0 + 2, user: BOB, vault, isDeposit: true, usd: 1_900 * USD });
  assert.equal(replyOf(ok).kind, "default");
  const leaderOut = e.apply({ type: "vaultTransfer", time: T0 + 3, user: ALICE, vault, isDeposit: false, usd: USD });
  assert.equal(errorText(leaderOut), "Vault leader must keep at least 5% of the vault.");
  // Leader deposits are not locked and do not need deposits allowed.
  e.apply({ type: "vaultModify", time: T0 + 4, user: ALICE, vault, allowDeposits: false });
  const closed = e.apply({ type: "vaultTransfer", time: T0 + 5, user: CAROL, vault, isDeposit: true, usd: USD });
  assert.equal(errorText(closed), "Vault does not allow deposits.");
  const leaderIn = e.apply({
    type: "vaultTransfer",
    time: T0 + 5,
    user: ALICE,
    vault,
    isDeposit: true,
    usd: 100 * USD,
  });
  assert.equal(replyOf(leaderIn).kind, "default");
  const leaderBack = e.apply({
    type: "vaultTransfer",
    time: T0 + 6,
    user: ALICE,
    vault,
    isDeposit: false,
    usd: 50 * USD,
  });
  assert.equal(replyOf(leaderBack).kind, "default");
  e.checkInvariants();
});

test("errors: unknown vault, only the leader modifies or distributes, no withdrawal past the vault's withdrawable", () => {
  const e = funded();
  const vault = create(e);
  const nobody = `0x${"9".repeat(40)}`;
  assert.equal(
    errorText(e.apply({ type: "vaultTransfer", time: T0 + 2, user: BOB, vault: nobody, isDeposit: true, usd: USD })),
    `Vault not registered: ${nobody}`,
  );
  assert.equal(
    errorText(e.apply({ type: "vaultModify", time: T0 + 2, user: BOB, vault, allowDeposits: false })),
    "Only leader can perform this vault action",
  );
  assert.equal(
    errorText(e.apply({ type: "vaultDistribute", time: T0 + 2, user: BOB, vault, usd: USD })),
    "Only leader can perform this vault action",
  );
  e.apply({ type: "vaultModify", time: T0 + 2, user: ALICE, vault, alwaysCloseOnWithdraw: true });
  assert.equal(e.vault(vault)?.alwaysCloseOnWithdraw, true);
  assert.equal(e.vault(vault)?.allowDeposits, true);
  // The vault opens 80 SOL at 100 (8,000 notional on 900: 20× max, initial margin 400): withdrawable 900 − 800 = 100.
  e.apply({ type: "order", time: T0 + 3, user: CAROL, orders: [limit(SOL, false, "100", "80")], grouping: "na" });
  e.apply({ type: "order", time: T0 + 4, user: vault, orders: [limit(SOL, true, "100", "80")], grouping: "na" });
  assert.equal(e.accountRisk(vault).withdrawable, 100 * USD);
  assert.equal(
    errorText(e.apply({ type: "vaultTransfer", time: T0 + 5, user: ALICE, vault, isDeposit: false, usd: 101 * USD })),
    "Insufficient balance for withdrawal.",
  );
  e.checkInvariants();
});

test("vaultDistribute pays every holder pro rata, floor each; shares are unchanged", () => {
  const e = funded();
  const vault = create(e);
  e.apply({ type: "vaultTransfer", time: T0 + 2, user: BOB, vault, isDeposit: true, usd: 100 * USD });
  const events = e.apply({ type: "vaultDistribute", time: T0 + 3, user: ALICE, vault, usd: 10 * USD + 1 });
  assert.equal(replyOf(events).kind, "default");
  assert.deepEqual(ledger(events), [
    [ALICE, { type: "vaultDistribution", vault, usd: 9_000_000 }],
    [BOB, { type: "vaultDistribution", vault, usd: 1_000_000 }],
  ]);
  assert.equal(cash(e, vault), 990 * USD);
  assert.equal(e.vault(vault)?.totalShares, 1_000 * USD);
  e.checkInvariants();
});

test("trading as the vault: the leader or its agent; anyone else is refused", () => {
  const e = funded();
  const vault = create(e);
  e.apply({ type: "approveAgent", time: T0 + 2, user: ALICE, agent: AGENT, name: "" });
  const order = (signer: string, time: number) =>
    e.apply({
      type: "order",
      time,
      user: vault,
      auth: { signer, nonce: time },
      orders: [limit(SOL, true, "90", "1")],
      grouping: "na",
    });
  assert.equal(replyOf(order(AGENT, T0 + 3)).kind, "order");
  assert.equal(errorText(order(BOB, T0 + 4)), `User or API Wallet ${BOB} does not exist.`);
  e.checkInvariants();
});
