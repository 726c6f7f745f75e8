/**
 * @module test/api/info/webData2
 * `webData2`: the composite view agrees with the single answers; the session agent; the net of ledger movements,
 * across pages of the ledger.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import { cumulativeLedger } from "../../../src/api/info/_ledger.ts";
import type { Event } from "../../../src/core/index.ts";
import { HISTORY_SCHEMA, History } from "../../../src/journal/history.ts";
import { AGENT, ALICE, BOB, buildFixture, CAROL, DAVE, ok } from "./_fixture.ts";

const f = buildFixture();
const web = (user: string) => ok(f.ctx, { type: "webData2", user }) as Record<string, unknown>;

test("BOB: the same state, orders, meta and contexts as the single requests; the unnamed agent; keys in order", () => {
  const answer = web(BOB);
  assert.deepEqual(Object.keys(answer), [
    "clearinghouseState",
    "leadingVaults",
    "totalVaultEquity",
    "openOrders",
    "agentAddress",
    "agentValidUntil",
    "cumLedger",
    "meta",
    "assetCtxs",
    "serverTime",
    "isVault",
    "user",
    "twapStates",
    "spotState",
    "spotAssetCtxs",
  ]);
  const [meta, assetCtxs] = ok(f.ctx, { type: "metaAndAssetCtxs" }) as [unknown, unknown];
  const [, spotAssetCtxs] = ok(f.ctx, { type: "spotMetaAndAssetCtxs" }) as [unknown, unknown];
  assert.deepEqual(answer, {
    clearinghouseState: ok(f.ctx, { type: "clearinghouseState", user: BOB }),
    leadingVaults: [],
    totalVaultEquity: "0.0",
    openOrders: ok(f.ctx, { type: "frontendOpenOrders", user: BOB }),
    agentAddress: AGENT,
    agentValidUntil: null,
    cumLedger: "100000.0",
    meta,
    assetCtxs,
    serverTime: f.now,
    isVault: false,
    user: BOB,
    twapStates: [],
    spotState: ok(f.ctx, { type: "spotClearinghouseState", user: BOB }),
    spotAssetCtxs,
  });
});

test("cumLedger nets deposits, transfers (fees included) and withdrawals; no agent is null", () => {
  assert.equal(web(ALICE).cumLedger, "99850.0"); // 100000 − 100 − 50
  assert.equal(web(CAROL).cumLedger, "50100.0");
  assert.deepEqual([web(DAVE).cumLedger, web(DAVE).agentAddress, web(DAVE).agentValidUntil], ["0.0", null, null]);
});

test("cumLedger reads every page of the ledger, rows sharing a time at a page boundary included", () => {
  const db = new Database(":memory:");
  db.exec(HISTORY_SCHEMA);
  const history = new History(db);
  const deposit = (time: number, usd: number) =>
    ({ type: "ledger", time, user: ALICE, delta: { type: "deposit", usd } }) as const;
  const events: Event[] = [];
  for (let i = 0; i < 499; i++) events.push(deposit(1_000 + i, 1));
  for (let i = 0; i < 3; i++) events.push(deposit(5_000, 1_000_000)); // the 500th row and two more at one time
  for (let i = 0; i < 600; i++) events.push(deposit(6_000 + i, 2));
  db.transaction(() => history.record(events))();
  assert.equal(cumulativeLedger(history, ALICE), 499 + 3_000_000 + 1_200);
});
