/**
 * @module test/api/info/userNonFundingLedgerUpdates
 * `userNonFundingLedgerUpdates`: deposits, transfers (both sides share the hash), withdrawals, and a liquidation's
 * shape.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { ledgerUpdate } from "../../../src/api/info/_shapes.ts";
import { ALICE, BTC, buildFixture, CAROL, DAVE, ok, SOL, T0 } from "./_fixture.ts";

const f = buildFixture();
type Update = { time: number; hash: string; delta: unknown };
const updates = (user: string, extra: Record<string, unknown> = {}) =>
  ok(f.ctx, { type: "userNonFundingLedgerUpdates", user, startTime: 0, ...extra }) as Update[];

test("ALICE: deposit, transfer to CAROL, withdrawal with its fee", () => {
  const list = updates(ALICE);
  assert.deepEqual(
    list.map((u) => ({ time: u.time, delta: u.delta })),
    [
      { time: T0 + 1, delta: { type: "deposit", usdc: "100000.0" } },
      {
        time: f.ids.sendTime,
        delta: { type: "internalTransfer", usdc: "100.0", user: ALICE, destination: CAROL, fee: "0.0" },
      },
      { time: f.ids.withdrawTime, delta: { type: "withdraw", usdc: "50.0", nonce: f.ids.withdrawTime, fee: "1.0" } },
    ],
  );
  for (const u of list) assert.match(u.hash, /^0x[0-9a-f]{64}$/);
  assert.equal(new Set(list.map((u) => u.hash)).size, 3);
  const carol = updates(CAROL);
  assert.equal(carol[1]?.hash, list[1]?.hash, "both sides of the transfer share its hash");
  assert.deepEqual(carol[1]?.delta, list[1]?.delta);
});

test("time range, absent startTime, unknown user", () => {
  assert.equal((ok(f.ctx, { type: "userNonFundingLedgerUpdates", user: ALICE }) as unknown[]).length, 3);
  assert.deepEqual(
    updates(ALICE, { startTime: f.ids.sendTime, endTime: f.ids.sendTime }).map((u) => u.time),
    [f.ids.sendTime],
  );
  assert.deepEqual(updates(DAVE), []);
});

test("a liquidation prints its notional, account value, leverage type and positions", () => {
  const update = ledgerUpdate(f.h.engine.state.universe, {
    user: ALICE,
    time: 9,
    delta: {
      type: "liquidation",
      notional: 208_000_000,
      accountValue: 4_500_000,
      leverageType: "Cross",
      positions: [
        { asset: SOL, size: -200 },
        { asset: BTC, size: 10_000 },
      ],
    },
  });
  assert.deepEqual(update.delta, {
    type: "liquidation",
    liquidatedNtlPos: "208.0",
    accountValue: "4.5",
    leverageType: "Cross",
    liquidatedPositions: [
      { coin: "SOL", szi: "-2.0" },
      { coin: "BTC", szi: "0.1" },
    ],
  });
});
