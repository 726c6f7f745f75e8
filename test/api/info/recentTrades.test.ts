/**
 * @module test/api/info/recentTrades
 * `recentTrades`: the trade to the digit (aggressor side, [buyer, seller], the fills' hash), newest first, 10 at most.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { tradeHash } from "../../../src/api/info/_shapes.ts";
import { ALICE, BOB, Harness, limit, SOL } from "../../helpers/engine.ts";
import { buildFixture, contextOf, historyOf, ok } from "./_fixture.ts";

test("BOB lifted ALICE's ask: side B, users [BOB, ALICE], the same hash as both fills", () => {
  const f = buildFixture();
  assert.deepEqual(ok(f.ctx, { type: "recentTrades", coin: "SOL" }), [
    {
      coin: "SOL",
      side: "B",
      px: "102.0",
      sz: "2.0",
      time: f.ids.solTradeTime,
      hash: tradeHash(1_000_000),
      tid: 1_000_000,
      users: [BOB, ALICE],
    },
  ]);
  const [bobFill] = ok(f.ctx, { type: "userFills", user: ALICE }) as { hash: string }[];
  assert.equal(bobFill?.hash, tradeHash(1_000_000));
  assert.match(tradeHash(1_000_000), /^0x[0-9a-f]{64}$/);
  assert.deepEqual(ok(f.ctx, { type: "recentTrades", coin: "ETH" }), []);
  assert.deepEqual(ok(f.ctx, { type: "recentTrades", coin: "NOPE" }), []);
});

test("the 10 most recent, newest first; a seller-initiated trade has side A and users [maker, taker]", () => {
  const h = new Harness();
  h.order(ALICE, [limit(SOL, true, "90", "100")]);
  for (let i = 0; i < 12; i++) h.order(BOB, [limit(SOL, false, "90", "1", "Ioc")]);
  const trades = ok(contextOf(h, historyOf(h), 0), { type: "recentTrades", coin: "SOL" }) as {
    tid: number;
    side: string;
    users: string[];
  }[];
  assert.deepEqual(
    trades.map((t) => t.tid),
    [1_000_011, 1_000_010, 1_000_009, 1_000_008, 1_000_007, 1_000_006, 1_000_005, 1_000_004, 1_000_003, 1_000_002],
  );
  assert.equal(trades[0]?.side, "A");
  assert.deepEqual(trades[0]?.users, [ALICE, BOB]);
});
