/**
 * @module test/feeds/trades
 * `trades`: normalization, unknown coin, the snapshot (recent trades newest first, none for a coin that never traded)
 * and a tick's fills as trades in order, with `[buyer, seller]` and the hash both fill legs carry.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { tradeHash } from "../../src/api/info/_shapes.ts";
import { trades } from "../../src/feeds/trades.ts";
import { ALICE, BOB, CAROL, fixture, json, limit, normalized, refusedBySchema, SOL, sub, tickOf } from "./_fixture.ts";

test("normalization: {type, coin}; unknown keys dropped; a non-string coin fails the schema", () => {
  assert.deepEqual(normalized(trades, { type: "trades", coin: "SOL" }), { type: "trades", coin: "SOL" });
  assert.deepEqual(normalized(trades, { coin: "SOL", extra: 1, type: "trades" }), { type: "trades", coin: "SOL" });
  assert.equal(refusedBySchema(trades, { type: "trades", coin: 5 }), true);
  assert.equal(refusedBySchema(trades, { type: "trades" }), true);
});

test("invalid: an unknown or lowercase coin; users: none", () => {
  const f = fixture();
  assert.equal(trades.invalid?.(f.ctx, sub(trades, { type: "trades", coin: "SOL" })), undefined);
  assert.equal(trades.invalid?.(f.ctx, sub(trades, { type: "trades", coin: "sol" })), 'unknown coin "sol"');
  assert.equal(trades.invalid?.(f.ctx, sub(trades, { type: "trades", coin: "NOPE" })), 'unknown coin "NOPE"');
  assert.equal(trades.users, undefined);
});

test("snapshot: the coin's trades newest first; none for a coin that never traded", () => {
  const f = fixture();
  // One SOL trade: BOB's IOC buy lifted 2 of ALICE's 102 ask → side B (the aggressor), users [BOB, ALICE].
  assert.deepEqual(json(trades.snapshot?.(f.ctx, sub(trades, { type: "trades", coin: "SOL" }))), {
    channel: "trades",
    data: [
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
    ],
  });
  assert.equal(trades.snapshot?.(f.ctx, sub(trades, { type: "trades", coin: "ETH" })), undefined);
  // A second SOL trade comes first.
  const { ctx } = tickOf(f.h, () => f.h.order(CAROL, [limit(SOL, false, "99", "1", "Ioc")]));
  const data = (
    json(trades.snapshot?.(ctx, sub(trades, { type: "trades", coin: "SOL" }))) as { data: { tid: number }[] }
  ).data;
  assert.deepEqual(
    data.map((t) => t.tid),
    [1_000_002, 1_000_000],
  );
});

test("onTick: the tick's fills on the coin as trades, in order; nothing for other coins or no fills", () => {
  const f = fixture();
  // BOB sells 12 SOL IOC at 95: 10 from ALICE's bid at 99, then 1 from CAROL's bid at 95 (the rest is canceled).
  const { ctx, tick } = tickOf(f.h, () => f.h.order(BOB, [limit(SOL, false, "95", "12", "Ioc")]));
  const common = { coin: "SOL", side: "A", time: tick.time };
  assert.deepEqual(json(trades.onTick?.(ctx, sub(trades, { type: "trades", coin: "SOL" }), tick)), {
    channel: "trades",
    data: [
      { ...common, px: "99.0", sz: "10.0", hash: tradeHash(1_000_002), tid: 1_000_002, users: [ALICE, BOB] },
      { ...common, px: "95.0", sz: "1.0", hash: tradeHash(1_000_003), tid: 1_000_003, users: [CAROL, BOB] },
    ],
  });
  assert.equal(trades.onTick?.(ctx, sub(trades, { type: "trades", coin: "BTC" }), tick), undefined);
  const quiet = tickOf(f.h, () => f.h.oracle(SOL, "101"));
  assert.equal(trades.onTick?.(quiet.ctx, sub(trades, { type: "trades", coin: "SOL" }), quiet.tick), undefined);
});

test("snapshot: at most the 30 most recent trades", () => {
  const f = fixture();
  // 31 more SOL trades: BOB sells 0.2 at a time into ALICE's bid; with the fixture's, 32 in all.
  const { ctx } = tickOf(f.h, () => {
    for (let i = 0; i < 31; i++) f.h.order(BOB, [limit(SOL, false, "99", "0.2", "Ioc")]);
  });
  const data = (
    json(trades.snapshot?.(ctx, sub(trades, { type: "trades", coin: "SOL" }))) as { data: { tid: number }[] }
  ).data;
  assert.equal(data.length, 30);
  assert.equal(data[0]?.tid, 1_000_032, "the newest first");
  assert.equal(data[29]?.tid, 1_000_003);
});
