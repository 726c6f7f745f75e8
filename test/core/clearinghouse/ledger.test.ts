/**
 * @module test/core/clearinghouse/ledger
 * Deposits, usdSend (with the activation fee), withdraw3 (with its $1 fee), leverage and isolated margin updates.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { rejectText } from "../../../src/core/reject.ts";
import { ALICE, BOB, CAROL, Harness, limit, replyOf, SOL } from "../../helpers/engine.ts";

const DAVE = `0x${"d".repeat(40)}`;

function errorOf(events: ReturnType<Harness["send"]>): string {
  const reply = replyOf(events);
  if (reply.kind !== "error") throw new Error(`not an error: ${JSON.stringify(reply)}`);
  return rejectText(reply.reject);
}

test("usdSend moves money; the first send to a new account pays $1 of activation", () => {
  const h = new Harness({}, [ALICE]);
  assert.deepEqual(replyOf(h.send(ALICE, DAVE, "100")), { kind: "default" });
  assert.equal(h.engine.accountRisk(DAVE).crossValue, 100_000_000);
  assert.equal(h.engine.accountRisk(ALICE).crossValue, (1_000_000 - 101) * 1_000_000);
  const events = h.send(ALICE, DAVE, "1.5");
  const ledger = events.filter((e) => e.type === "ledger");
  assert.equal(ledger.length, 2, "both sides see it");
  assert.ok(ledger[0]?.type === "ledger" && ledger[0].delta.type === "internalTransfer" && ledger[0].delta.fee === 0);
  assert.equal(errorOf(h.send(DAVE, ALICE, "1000")), "Insufficient balance for token transfer.");
  assert.equal(errorOf(h.send(ALICE, ALICE, "1")), "Cannot transfer to self.");
  assert.equal(errorOf(h.send(ALICE, DAVE, "1e3")), "Invalid amount.");
});

test("withdraw3 costs $1 and only what is withdrawable can leave", () => {
  const h = new Harness({ markRule: "oracle" }, [ALICE, BOB]);
  h.withdraw(ALICE, "10");
  assert.equal(h.engine.accountRisk(ALICE).crossValue, (1_000_000 - 10) * 1_000_000);
  assert.equal(h.engine.state.treasury.withdrawn, 9_000_000);
  // Bob keeps $2,000 and buys $5,000 of SOL at 5x: IM $1,000 > 10% of notional; fee $2.25.
  h.withdraw(BOB, String(1_000_000 - 2_000));
  h.order(ALICE, [limit(SOL, false, "100", "50")]);
  h.leverage(BOB, SOL, true, 5);
  h.order(BOB, [limit(SOL, true, "100", "50")]);
  const risk = h.engine.accountRisk(BOB);
  assert.equal(risk.crossValue, 1_997_750_000);
  assert.equal(risk.withdrawable, 997_750_000);
  assert.equal(errorOf(h.withdraw(BOB, "998")), "Insufficient balance for withdrawal.");
  assert.deepEqual(replyOf(h.withdraw(BOB, "997.75")), { kind: "default" });
});

test("updateLeverage: bounds, no mode switch with a position, decreasing needs margin", () => {
  const h = new Harness({ markRule: "oracle" }, [ALICE, CAROL]);
  assert.equal(errorOf(h.leverage(ALICE, SOL, true, 21)), "Invalid leverage value.");
  assert.equal(errorOf(h.leverage(ALICE, SOL, true, 0)), "Invalid leverage value.");
  h.order(CAROL, [limit(SOL, false, "100", "100000")]);
  h.withdraw(ALICE, String(1_000_000 - 1_100));
  h.leverage(ALICE, SOL, true, 20);
  h.order(ALICE, [limit(SOL, true, "100", "200")]); // $20,000 at 20x: IM $1,000
  assert.equal(errorOf(h.leverage(ALICE, SOL, false, 20)), "Cannot switch leverage type with open position.");
  assert.equal(
    errorOf(h.leverage(ALICE, SOL, true, 10)),
    "Cross position does not have sufficient margin available to decrease leverage.",
  );
  assert.deepEqual(replyOf(h.leverage(ALICE, SOL, true, 19)), { kind: "default" }, "a small step fits");
});

test("isolated margin: add and remove within limits", () => {
  const h = new Harness({ markRule: "oracle" });
  h.order(CAROL, [limit(SOL, false, "100", "10")]);
  h.leverage(ALICE, SOL, false, 10);
  h.order(ALICE, [limit(SOL, true, "100", "10")]); // $1,000 at 10x: $100 isolated
  const before = h.engine.accountRisk(ALICE).isolatedValue;
  assert.deepEqual(replyOf(h.isolatedMargin(ALICE, SOL, 50_000_000)), { kind: "default" });
  assert.equal(h.engine.accountRisk(ALICE).isolatedValue, before + 50_000_000);
  assert.equal(
    errorOf(h.isolatedMargin(ALICE, SOL, -100_000_000)),
    "Insufficient margin to remove from isolated position.",
  );
  assert.equal(errorOf(h.isolatedMargin(BOB, SOL, 1)), "Position does not use isolated margin.");
});

test("orders need margin: Insufficient margin and the tier limit", () => {
  const h = new Harness({ markRule: "oracle" }, [ALICE, BOB]);
  h.withdraw(ALICE, String(1_000_000 - 101)); // $100 left
  const [status] = (() => {
    const reply = replyOf(h.order(ALICE, [limit(SOL, true, "100", "30")])); // $3,000 at 20x needs $150
    assert.ok(reply.kind === "order");
    return reply.statuses;
  })();
  assert.ok(typeof status === "object" && "error" in status);
  assert.equal(rejectText(status.error), "Insufficient margin to place order. asset=5");
  // $1,000,000 of BTC at 40x would be fine, but at 40x past $150M the tier allows only 20x.
  h.leverage(BOB, 0, true, 40);
  const reply = replyOf(h.order(BOB, [limit(0, true, "100000", "1600")]));
  assert.ok(reply.kind === "order");
  const big = reply.statuses[0];
  assert.ok(typeof big === "object" && "error" in big);
  assert.equal(
    rejectText(big.error),
    "Order would cause position to exceed margin tier limit at current leverage asset=0",
  );
});
