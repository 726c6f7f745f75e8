/**
 * @module test/feeds/spot
 * Spot coins in the coin- and user-keyed channels: `l2Book`, `trades`, `bbo`, `candle`, `allMids`, `activeAssetCtx`
 * (answered on `activeSpotAssetCtx`), and a spot fill in `orderUpdates`, `userFills`, `userEvents` and `webData2`'s
 * `spotState`. The setting and its hand check are in `_spot.ts`.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { activeAssetCtx } from "../../src/feeds/activeAssetCtx.ts";
import { allMids } from "../../src/feeds/allMids.ts";
import { bbo } from "../../src/feeds/bbo.ts";
import { candle } from "../../src/feeds/candle.ts";
import { l2Book } from "../../src/feeds/l2Book.ts";
import { orderUpdates } from "../../src/feeds/orderUpdates.ts";
import { trades } from "../../src/feeds/trades.ts";
import { userEvents } from "../../src/feeds/userEvents.ts";
import { userFills } from "../../src/feeds/userFills.ts";
import { webData2 } from "../../src/feeds/webData2.ts";
import { ALICE, BOB, json, sub } from "./_fixture.ts";
import { spotTick } from "./_spot.ts";

const COIN = "PURR/USDC";

test("l2Book, bbo, trades and candle serve a spot coin by its name; an unknown @N is invalid", () => {
  const { ctx, tick } = spotTick();
  const book = sub(l2Book, { type: "l2Book", coin: COIN });
  assert.equal(l2Book.invalid?.(ctx, book), undefined);
  assert.equal(l2Book.invalid?.(ctx, sub(l2Book, { type: "l2Book", coin: "@1" })), undefined);
  assert.equal(l2Book.invalid?.(ctx, sub(l2Book, { type: "l2Book", coin: "@7" })), 'unknown coin "@7"');
  const levels = (json(l2Book.snapshot?.(ctx, book)) as { data: { coin: string; levels: unknown } }).data;
  assert.deepEqual([levels.coin, levels.levels], [COIN, [[], [{ px: "0.2", sz: "40.0", n: 1 }]]]);
  const top = sub(bbo, { type: "bbo", coin: COIN });
  assert.deepEqual((json(bbo.onTick?.(ctx, top, tick)) as { data: { bbo: unknown } }).data.bbo, [
    null,
    { px: "0.2", sz: "40.0", n: 1 },
  ]);
  const t = sub(trades, { type: "trades", coin: COIN });
  const pushed = json(trades.onTick?.(ctx, t, tick)) as { channel: string; data: Record<string, unknown>[] };
  assert.deepEqual(
    pushed.data.map((d) => [d.coin, d.side, d.px, d.sz, d.users]),
    [[COIN, "B", "0.2", "60.0", [ALICE, BOB]]],
  );
  assert.equal((json(trades.snapshot?.(ctx, t)) as { data: unknown[] }).data.length, 1);
  const c = sub(candle, { type: "candle", coin: COIN, interval: "1m" });
  const bar = (json(candle.onTick?.(ctx, c, tick)) as { data: Record<string, unknown> }).data;
  assert.deepEqual([bar.s, bar.o, bar.c, bar.v, bar.n], [COIN, "0.2", "0.2", "60.0", 1]);
});

test("allMids has the spot pairs; activeAssetCtx on a spot coin answers on activeSpotAssetCtx", () => {
  // The supplies sum every balance: the 0.042 PURR of fees collected is out of circulation.
  const { ctx } = spotTick();
  const mids = json(allMids.periodic?.push(ctx, sub(allMids, { type: "allMids" }))) as {
    data: { mids: Record<string, string> };
  };
  assert.equal(mids.data.mids[COIN], "0.2");
  const s = sub(activeAssetCtx, { type: "activeAssetCtx", coin: COIN });
  assert.equal(activeAssetCtx.invalid?.(ctx, s), undefined);
  const push = json(activeAssetCtx.snapshot?.(ctx, s)) as { channel: string; data: { coin: string; ctx: object } };
  assert.equal(push.channel, "activeSpotAssetCtx");
  assert.deepEqual(push.data, {
    coin: COIN,
    ctx: {
      prevDayPx: "0.2",
      dayNtlVlm: "12.0",
      markPx: "0.2",
      midPx: null,
      circulatingSupply: "999.958",
      coin: COIN,
      totalSupply: "999.958",
      dayBaseVlm: "60.0",
    },
  });
  const perp = json(activeAssetCtx.snapshot?.(ctx, sub(activeAssetCtx, { type: "activeAssetCtx", coin: "BTC" })));
  assert.equal((perp as { channel: string }).channel, "activeAssetCtx");
});

test("a spot fill in orderUpdates, userFills and userEvents: coin, dir Buy/Sell, fee in the received token", () => {
  const { ctx, tick } = spotTick();
  const bobUpdates = orderUpdates.onTick?.(ctx, sub(orderUpdates, { type: "orderUpdates", user: BOB }), tick);
  assert.equal(bobUpdates, undefined, "a partial fill of a resting order changes no status");
  const aliceUpdates = json(
    orderUpdates.onTick?.(ctx, sub(orderUpdates, { type: "orderUpdates", user: ALICE }), tick),
  ) as { data: { order: { coin: string }; status: string }[] };
  assert.deepEqual(
    aliceUpdates.data.map((u) => [u.order.coin, u.status]),
    [[COIN, "filled"]],
  );
  const fills = (user: string) =>
    (
      json(userFills.onTick?.(ctx, sub(userFills, { type: "userFills", user }), tick)) as {
        data: { fills: Record<string, unknown>[] };
      }
    ).data.fills.map((f) => [f.coin, f.side, f.dir, f.startPosition, f.fee, f.feeToken, f.closedPnl]);
  assert.deepEqual(fills(ALICE), [[COIN, "B", "Buy", "0.0", "0.042", "PURR", "0.0"]]);
  assert.deepEqual(fills(BOB), [[COIN, "A", "Sell", "1000.0", "0.0048", "USDC", "12.0"]]);
  const events = json(userEvents.onTick?.(ctx, sub(userEvents, { type: "userEvents", user: BOB }), tick)) as {
    channel: string;
    data: { fills: { coin: string; feeToken: string }[] };
  }[];
  assert.deepEqual(
    events.map((e) => [e.channel, e.data.fills.map((f) => [f.coin, f.feeToken])]),
    [["user", [[COIN, "USDC"]]]],
  );
});

test("webData2 carries the user's spot balances and the spot contexts", () => {
  const { ctx } = spotTick();
  const data = (
    json(webData2.snapshot?.(ctx, sub(webData2, { type: "webData2", user: BOB }))) as {
      data: { spotState: { balances: unknown[] }; spotAssetCtxs: { coin: string }[] };
    }
  ).data;
  assert.deepEqual(data.spotState.balances, [
    { coin: "USDC", token: 0, total: "11.9952", hold: "0.0", entryNtl: "0.0" },
    { coin: "PURR", token: 1, total: "940.0", hold: "40.0", entryNtl: "0.0" },
  ]);
  assert.deepEqual(
    data.spotAssetCtxs.map((c) => c.coin),
    [COIN, "@1"],
  );
});
