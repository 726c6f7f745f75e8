/**
 * @module test/feeds/userNonFundingLedgerUpdates
 * `userNonFundingLedgerUpdates`: the snapshot as /info answers it, and a tick's ledger updates of the user (a
 * transfer reaching both sides with one hash).
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { userNonFundingLedgerUpdates as spec } from "../../src/feeds/userNonFundingLedgerUpdates.ts";
import { ALICE, BOB, CAROL, DAVE, fixture, json, normalized, ok, sub, tickOf } from "./_fixture.ts";

const TYPE = "userNonFundingLedgerUpdates";

test("normalization and users", () => {
  assert.deepEqual(normalized(spec, { type: TYPE, user: ALICE, startTime: 1 }), { type: TYPE, user: ALICE });
  assert.deepEqual(spec.users?.(sub(spec, { type: TYPE, user: ALICE })), [ALICE]);
});

test("snapshot: {isSnapshot: true, user, nonFundingLedgerUpdates} as /info", () => {
  const f = fixture();
  const push = json(spec.snapshot?.(f.ctx, sub(spec, { type: TYPE, user: ALICE }))) as {
    data: { nonFundingLedgerUpdates: { delta: { type: string } }[] };
  };
  assert.deepEqual(push, {
    channel: TYPE,
    data: { isSnapshot: true, user: ALICE, nonFundingLedgerUpdates: ok(f.ctx, { type: TYPE, user: ALICE }) },
  });
  assert.deepEqual(
    push.data.nonFundingLedgerUpdates.map((u) => u.delta.type),
    ["deposit", "internalTransfer", "withdraw"],
  );
});

test("onTick: a transfer reaches both sides with one hash; others get nothing", () => {
  const f = fixture();
  const { ctx, tick } = tickOf(f.h, () => f.h.send(BOB, CAROL, "12.5"));
  const bob = json(spec.onTick?.(ctx, sub(spec, { type: TYPE, user: BOB }), tick)) as {
    data: { nonFundingLedgerUpdates: { hash: string }[] };
  };
  const hash = bob.data.nonFundingLedgerUpdates[0]?.hash;
  assert.match(hash ?? "", /^0x[0-9a-f]{64}$/);
  const delta = { type: "internalTransfer", usdc: "12.5", user: BOB, destination: CAROL, fee: "0.0" };
  assert.deepEqual(bob, {
    channel: TYPE,
    data: { user: BOB, nonFundingLedgerUpdates: [{ time: tick.time, hash, delta }] },
  });
  assert.deepEqual(json(spec.onTick?.(ctx, sub(spec, { type: TYPE, user: CAROL }), tick)), {
    channel: TYPE,
    data: { user: CAROL, nonFundingLedgerUpdates: [{ time: tick.time, hash, delta }] },
  });
  assert.equal(spec.onTick?.(ctx, sub(spec, { type: TYPE, user: DAVE }), tick), undefined);
});
