/**
 * @module test/feeds/webData3
 * `webData3`: `{userState, perpDexStates}` with BOB's unnamed API wallet, his cumulative ledger, the clock and his
 * lowercase address; a user without anything; every 2 s.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { webData3 as spec } from "../../src/feeds/webData3.ts";
import { AGENT, BOB, contextOf, DAVE, fixture, json, mixedCase, normalized, ok, sub } from "./_fixture.ts";

test("normalization and users", () => {
  assert.deepEqual(normalized(spec, { type: "webData3", user: mixedCase(BOB) }), { type: "webData3", user: BOB });
  assert.deepEqual(spec.users?.(sub(spec, { type: "webData3", user: BOB })), [BOB]);
});

test("snapshot and period: the user state as webData2 has it, one perp dex", () => {
  const f = fixture();
  const s = sub(spec, { type: "webData3", user: mixedCase(BOB) });
  const w2 = ok(f.ctx, { type: "webData2", user: BOB }) as { cumLedger: string; agentValidUntil: number | null };
  const expected = {
    channel: "webData3",
    data: {
      userState: {
        agentAddress: AGENT,
        agentValidUntil: w2.agentValidUntil,
        cumLedger: "100000.0", // BOB's deposit
        serverTime: f.now,
        isVault: false,
        user: BOB,
      },
      perpDexStates: [{ totalVaultEquity: "0.0" }],
    },
  };
  assert.equal(w2.cumLedger, "100000.0");
  assert.deepEqual(json(spec.snapshot?.(f.ctx, s)), expected);
  const later = contextOf(f.h, f.history, f.now + 2000);
  const next = json(spec.periodic?.push(later, s)) as { data: { userState: { serverTime: number } } };
  assert.equal(next.data.userState.serverTime, f.now + 2000);
  assert.equal(spec.periodic?.intervalMs(s), 2000);
  assert.deepEqual(json(spec.snapshot?.(f.ctx, sub(spec, { type: "webData3", user: DAVE }))), {
    channel: "webData3",
    data: {
      userState: {
        agentAddress: null,
        agentValidUntil: null,
        cumLedger: "0.0",
        serverTime: f.now,
        isVault: false,
        user: DAVE,
      },
      perpDexStates: [{ totalVaultEquity: "0.0" }],
    },
  });
});
