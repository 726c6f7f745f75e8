/**
 * @module test/properties/vaults
 * Vault properties: the golden vault scenario replayed from scratch and from a snapshot after every command reaches
 * the live hash; and random deposits, withdrawals, distributions and price moves by three users keep money conserved
 * and shares summing to the total (Engine.checkInvariants), and never pay a holder more than its equity.
 * @see hyperliquid-mechanics.md §10.1; architecture §8.7
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { checkScenarioReplay } from "./_scenarioReplay.ts";
import fc from "fast-check";
import { Engine, type Event, holdingEquity } from "../../src/core/index.ts";

const ALICE = `0x${"a".repeat(40)}`;
const BOB = `0x${"b".repeat(40)}`;
const CAROL = `0x${"c".repeat(40)}`;
const T0 = 1_767_225_600_000;
const USD = 1_000_000;

test("vault commands: replay and snapshot + tail reach the live hash at every cut", () => {
  checkScenarioReplay("vault");
});

const step = fc.oneof(
  fc.record({
    kind: fc.constant("transfer" as const),
    user: fc.constantFrom(ALICE, BOB, CAROL),
    isDeposit: fc.boolean(),
    usd: fc.integer({ min: 1, max: 3_000 * USD }),
  }),
  fc.record({ kind: fc.constant("price" as const), price: fc.integer({ min: 60, max: 160 }) }),
  fc.record({ kind: fc.constant("distribute" as const), usd: fc.integer({ min: 1, max: 200 * USD }) }),
  fc.record({ kind: fc.constant("wait" as const) }),
);

test("random vault activity conserves money, keeps the shares' sum, and pays no one more than its equity", () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
      const e = Engine.create({ markRule: "oracle" });
      let time = T0;
      for (const user of [ALICE, BOB, CAROL]) e.apply({ type: "deposit", time, user, usd: 10_000 * USD });
      e.apply({ type: "setOracle", time, prices: [{ asset: 5, price: "100" }] });
      const created = e.apply({
        type: "createVault",
        time: ++time,
        user: ALICE,
        name: "Prop",
        description: "property test vault",
        initialUsd: 1_000 * USD,
      });
      const reply = created.at(-1);
      assert.ok(reply?.type === "reply" && reply.reply.kind === "createVault");
      const vault = reply.reply.address;
      // The vault goes long 20 SOL against Carol, so its equity moves with the price.
      e.apply({
        type: "order",
        time: ++time,
        user: CAROL,
        orders: [
          { asset: 5, isBuy: false, price: "100", size: "20", reduceOnly: false, kind: { limit: { tif: "Gtc" } } },
        ],
        grouping: "na",
      });
      e.apply({
        type: "order",
        time: ++time,
        user: vault,
        orders: [
          { asset: 5, isBuy: true, price: "100", size: "20", reduceOnly: false, kind: { limit: { tif: "Ioc" } } },
        ],
        grouping: "na",
      });
      for (const s of steps) {
        time += s.kind === "wait" ? 86_400_000 : 1_000;
        let events: Event[] = [];
        if (s.kind === "transfer") {
          const v = e.vault(vault);
          const risk = e.accountRisk(vault);
          const before = holdingEquity(v as never, v?.followers.get(s.user)?.shares ?? 0, risk.crossValue);
          events = e.apply({ type: "vaultTransfer", time, user: s.user, vault, isDeposit: s.isDeposit, usd: s.usd });
          for (const ev of events) {
            if (ev.type === "ledger" && ev.delta.type === "vaultWithdraw") {
              assert.ok(ev.delta.requestedUsd <= before, "withdrew more than the holding");
              assert.equal(ev.delta.netWithdrawnUsd, ev.delta.requestedUsd - ev.delta.commission);
            }
          }
        } else if (s.kind === "price") {
          events = e.apply({ type: "setOracle", time, prices: [{ asset: 5, price: String(s.price) }] });
        } else if (s.kind === "distribute") {
          events = e.apply({ type: "vaultDistribute", time, user: ALICE, vault, usd: s.usd });
        } else {
          events = e.apply({ type: "tick", time });
        }
        assert.ok(events.length >= 0);
        e.checkInvariants();
      }
    }),
    { numRuns: 60 },
  );
});
