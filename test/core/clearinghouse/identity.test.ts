/**
 * @module test/core/clearinghouse/identity
 * Agents, nonces, builder fees and referrers as the engine applies them: who may act for whom, replay protection, and
 * that all of it survives a snapshot.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Engine, type Event, rejectText, type Reply } from "../../../src/core/index.ts";
import { ALICE, BOB, CAROL, limit, SOL, T0 } from "../../helpers/engine.ts";

const AGENT = `0x${"1".repeat(40)}`;
const AGENT2 = `0x${"2".repeat(40)}`;

function replyOf(events: Event[]): Reply {
  const last = events.at(-1);
  assert.ok(last !== undefined && last.type === "reply");
  return last.reply;
}

function errorText(events: Event[]): string | undefined {
  const r = replyOf(events);
  return r.kind === "error" ? rejectText(r.reject) : undefined;
}

function funded(): Engine {
  const e = Engine.create();
  e.apply({ type: "deposit", time: T0, user: ALICE, usd: 1_000_000_000 });
  e.apply({ type: "deposit", time: T0, user: BOB, usd: 1_000_000_000 });
  e.apply({ type: "setOracle", time: T0, prices: [{ asset: SOL, price: "100" }] });
  return e;
}

test("a signer without an account does not exist; a funded user acts for itself once per nonce", () => {
  const e = funded();
  const noop = (user: string, signer: string, nonce: number) =>
    e.apply({ type: "noop", time: T0 + 1, user, auth: { signer, nonce } });
  assert.equal(errorText(noop(CAROL, CAROL, T0)), `User or API Wallet ${CAROL} does not exist.`);
  assert.equal(errorText(noop(ALICE, ALICE, T0)), undefined);
  assert.equal(errorText(noop(ALICE, ALICE, T0)), `Invalid nonce: duplicate nonce ${T0}`);
  assert.equal(errorText(noop(ALICE, BOB, T0 + 5)), `User or API Wallet ${BOB} does not exist.`, "BOB is no agent");
  assert.equal(
    errorText(noop(ALICE, ALICE, T0 + 2 * 86_400_000)),
    `Invalid nonce: nonce too high ${T0 + 2 * 86_400_000} > ${T0 + 1 + 86_400_000}`,
  );
});

test("an approved agent signs for its master with its own nonces; a rejected request consumes no nonce", () => {
  const e = funded();
  const ok = e.apply({
    type: "approveAgent",
    time: T0 + 1,
    user: ALICE,
    agent: AGENT,
    name: "",
    auth: { signer: ALICE, nonce: T0 },
  });
  assert.deepEqual(replyOf(ok), { kind: "default" });
  assert.deepEqual(e.roleOf(AGENT), { role: "agent", master: ALICE });
  const order = e.apply({
    type: "order",
    time: T0 + 2,
    user: ALICE,
    orders: [limit(SOL, true, "90", "1")],
    grouping: "na",
    auth: { signer: AGENT, nonce: T0 },
  });
  assert.equal(replyOf(order).kind, "order", "the agent's nonce set is its own: T0 is fresh for it");
  assert.equal(e.openOrders(ALICE).length, 1);
  const forBob = e.apply({ type: "noop", time: T0 + 3, user: BOB, auth: { signer: AGENT, nonce: T0 + 9 } });
  assert.equal(errorText(forBob), `User or API Wallet ${AGENT} does not exist.`, "not BOB's agent");
  const again = e.apply({ type: "noop", time: T0 + 3, user: ALICE, auth: { signer: AGENT, nonce: T0 + 9 } });
  assert.equal(errorText(again), undefined, "the rejected request did not consume T0 + 9");
});

test("a new unnamed agent replaces the old one; named agents are limited; expired agents stop", () => {
  const e = funded();
  let n = T0;
  const approve = (agent: string, name: string, validUntil?: number) =>
    errorText(
      e.apply({
        type: "approveAgent",
        time: T0 + 1,
        user: ALICE,
        agent,
        name,
        ...(validUntil === undefined ? {} : { validUntil }),
        auth: { signer: ALICE, nonce: n++ },
      }),
    );
  assert.equal(approve(AGENT, ""), undefined);
  assert.equal(approve(AGENT2, ""), undefined);
  assert.deepEqual(e.roleOf(AGENT), { role: "missing" }, "replaced");
  assert.equal(approve(BOB, "x"), "Agent address is already a user.");
  assert.equal(approve(ALICE, "x"), "Cannot approve self as agent.");
  for (const i of [3, 4, 5]) assert.equal(approve(`0x${String(i).repeat(40)}`, `bot${i}`), undefined);
  assert.equal(approve(`0x${"6".repeat(40)}`, "bot6"), "Too many named agents. Deregister one first.");
  assert.equal(approve(`0x${"7".repeat(40)}`, "bot3"), undefined, "same name replaces");
  assert.deepEqual(
    e.agentsOf(ALICE).map((a) => a.name),
    ["", "bot4", "bot5", "bot3"],
  );
  assert.equal(approve(`0x${"8".repeat(40)}`, "", T0 + 10), undefined);
  e.apply({ type: "tick", time: T0 + 11 });
  assert.deepEqual(e.roleOf(`0x${"8".repeat(40)}`), { role: "missing" }, "expired");
});

test("an expired action is refused", () => {
  const e = funded();
  const r = e.apply({
    type: "noop",
    time: T0 + 10,
    user: ALICE,
    auth: { signer: ALICE, nonce: T0, expiresAfter: T0 + 9 },
  });
  assert.equal(errorText(r), "Action already expired");
});

test("builder fees: orders need an approval at least the fee; the builder is paid on every fill", () => {
  const e = funded();
  const BUILDER = CAROL;
  const place = (user: string, isBuy: boolean, price: string, fee: number) =>
    e.apply({
      type: "order",
      time: T0 + 2,
      user,
      orders: [limit(SOL, isBuy, price, "10", isBuy ? "Gtc" : "Ioc")],
      grouping: "na",
      builder: { builder: BUILDER, fee },
    });
  assert.equal(errorText(place(ALICE, true, "100", 10)), "Builder fee has not been approved.");
  const approve = e.apply({ type: "approveBuilderFee", time: T0 + 2, user: ALICE, builder: BUILDER, fee: 10 });
  assert.deepEqual(replyOf(approve), { kind: "default" });
  assert.equal(e.builderFeeOf(ALICE, BUILDER), 10);
  assert.equal(replyOf(place(ALICE, true, "100", 10)).kind, "order");
  e.apply({ type: "approveBuilderFee", time: T0 + 2, user: BOB, builder: BUILDER, fee: 5 });
  const fill = place(BOB, false, "100", 5).find((x) => x.type === "fill");
  assert.ok(fill !== undefined && fill.type === "fill");
  // $1000 notional: maker (ALICE) pays 1 bp = $0.10 to the builder, taker (BOB) 0.5 bp = $0.05.
  assert.equal(fill.maker.builderFee, 100_000);
  assert.equal(fill.maker.fee, 150_000 + 100_000, "exchange maker fee 0.015% plus the builder's part");
  assert.equal(fill.taker.builderFee, 50_000);
  assert.equal(fill.taker.fee, 450_000 + 50_000);
  assert.equal(e.state.accounts.get(BUILDER)?.cash, 150_000);
  assert.equal(e.state.orderBuilders.size, 0, "finished orders leave no builder entry");
  e.checkInvariants();
  const tooHigh = e.apply({ type: "approveBuilderFee", time: T0 + 3, user: ALICE, builder: BUILDER, fee: 101 });
  assert.equal(errorText(tooHigh), "Builder fee is above the maximum of 0.1%.");
});

test("referrer is set once; identity survives a snapshot with the same hash", () => {
  const e = funded();
  e.apply({
    type: "approveAgent",
    time: T0 + 1,
    user: ALICE,
    agent: AGENT,
    name: "a",
    auth: { signer: ALICE, nonce: T0 },
  });
  e.apply({ type: "approveBuilderFee", time: T0 + 1, user: ALICE, builder: CAROL, fee: 7 });
  assert.equal(errorText(e.apply({ type: "setReferrer", time: T0 + 1, user: ALICE, code: "CCXT1" })), undefined);
  assert.equal(
    errorText(e.apply({ type: "setReferrer", time: T0 + 1, user: ALICE, code: "X" })),
    "Referrer already set.",
  );
  e.apply({
    type: "order",
    time: T0 + 2,
    user: ALICE,
    orders: [limit(SOL, true, "90", "1")],
    grouping: "na",
    builder: { builder: CAROL, fee: 7 },
  });
  const copy = Engine.fromSnapshot(JSON.parse(JSON.stringify(e.toSnapshot())));
  assert.equal(copy.stateHash(), e.stateHash());
  assert.equal(copy.referrerOf(ALICE), "CCXT1");
  assert.equal(copy.builderFeeOf(ALICE, CAROL), 7);
  assert.deepEqual(copy.roleOf(AGENT), { role: "agent", master: ALICE });
  assert.equal(copy.state.orderBuilders.size, 1);
  const dup = copy.apply({ type: "noop", time: T0 + 3, user: ALICE, auth: { signer: ALICE, nonce: T0 } });
  assert.equal(errorText(dup), `Invalid nonce: duplicate nonce ${T0}`, "nonces restored");
});
