/**
 * @module test/journal/history
 * The history tables against real engine runs (fill legs, order statuses, candles, funding and ledger), Hyperliquid's
 * limits on synthetic event streams, candle bucket arithmetic, and the replay property: recording the same events
 * (per command, all at once, or again after `clear()`) always gives the same rows.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import Database from "better-sqlite3";
import fc from "fast-check";
import type { Event, FillLeg } from "../../src/core/index.ts";
import {
  bucketEnd,
  bucketStart,
  CANDLE_INTERVALS,
  CANDLE_MS,
  type CandleInterval,
  type FillRecord,
  HISTORY_SCHEMA,
  History,
  isCandleInterval,
} from "../../src/journal/history.ts";
import { ALICE, BOB, BTC, CAROL, Harness, limit, oidOf, SOL, statusesOf, T0, trigger } from "../helpers/engine.ts";

type FillEvent = Extract<Event, { type: "fill" }>;

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** SOL: 4 price decimals, 2 size decimals. */
const solPx = (dollars: number) => Math.round(dollars * 10_000);
const solSz = (coins: number) => Math.round(coins * 100);

function open(): { db: Database.Database; history: History } {
  const db = new Database(":memory:");
  db.exec(HISTORY_SCHEMA);
  return { db, history: new History(db) };
}

function recordIn(db: Database.Database, history: History, events: readonly Event[]): void {
  db.transaction(() => history.record(events))();
}

function fillsOf(events: readonly Event[]): FillEvent[] {
  return events.filter((e): e is FillEvent => e.type === "fill");
}

/** What the history should hold for one leg of a fill event. */
function legRecord(e: FillEvent, side: "maker" | "taker"): FillRecord {
  const leg: FillLeg = e[side];
  const crossed = side === "taker";
  return {
    user: leg.user,
    asset: e.asset,
    time: e.time,
    tid: e.tid,
    oid: leg.oid,
    cloid: leg.cloid,
    price: e.price,
    size: e.size,
    isBuy: crossed ? e.takerIsBuy : !e.takerIsBuy,
    startPosition: leg.startPosition,
    fee: leg.fee,
    closedPnl: leg.closedPnl,
    builderFee: leg.builderFee ?? 0,
    dir: leg.dir,
    crossed,
    liquidation: e.liquidation,
  };
}

// ===== Fills, trades, orders

test("both legs of a fill are stored, with fee, closedPnl, dir, side and crossed; trades keep maker and taker", () => {
  const h = new Harness({ markRule: "oracle" });
  h.oracle(SOL, "100");
  h.order(ALICE, [limit(SOL, true, "100", "10")]);
  h.order(BOB, [limit(SOL, false, "100", "4")]); // BOB opens short 4 against ALICE's bid
  h.order(CAROL, [limit(SOL, false, "101", "5")]);
  h.order(BOB, [limit(SOL, true, "101", "2", "Ioc", { cloid: `0x${"12".repeat(16)}` })]); // BOB closes 2 at a loss
  const fills = fillsOf(h.log);
  assert.equal(fills.length, 2);
  const [first, second] = fills as [FillEvent, FillEvent];
  const { db, history } = open();
  recordIn(db, history, h.log);

  assert.deepEqual(history.fills(ALICE), [legRecord(first, "maker")]);
  assert.deepEqual(history.fills(CAROL), [legRecord(second, "maker")]);
  const bob = history.fills(BOB);
  assert.deepEqual(bob, [legRecord(second, "taker"), legRecord(first, "taker")], "most recent first");
  const [close, opening] = bob as [FillRecord, FillRecord];
  assert.equal(opening.dir, "Open Short");
  assert.equal(opening.isBuy, false);
  assert.equal(opening.crossed, true);
  assert.equal(opening.price, solPx(100));
  assert.equal(opening.size, solSz(4));
  assert.ok(opening.fee > 0, "the taker pays a fee");
  assert.equal(close.dir, "Close Short");
  assert.equal(close.startPosition, -solSz(4));
  assert.equal(close.closedPnl, -2_000_000, "bought back 2 SOL $1 higher");
  assert.equal(close.cloid, `0x${"12".repeat(16)}`);
  assert.equal(history.fills(ALICE)[0]?.dir, "Open Long");
  assert.equal(history.fills(ALICE)[0]?.crossed, false);

  assert.deepEqual(history.trades(SOL, 10), [
    {
      asset: SOL,
      tid: second.tid,
      time: second.time,
      price: solPx(101),
      size: solSz(2),
      takerIsBuy: true,
      maker: CAROL,
      taker: BOB,
    },
    {
      asset: SOL,
      tid: first.tid,
      time: first.time,
      price: solPx(100),
      size: solSz(4),
      takerIsBuy: false,
      maker: ALICE,
      taker: BOB,
    },
  ]);
  assert.equal(history.trades(SOL, 1).length, 1);
  assert.deepEqual(history.trades(BTC, 10), []);
  assert.deepEqual(history.fills(`0x${"d".repeat(40)}`), [], "an unknown user has no fills");
  assert.deepEqual(history.fills(BOB, { startTime: second.time }), [legRecord(second, "taker")]);
  assert.deepEqual(history.fills(BOB, { endTime: first.time }), [legRecord(first, "taker")]);
  assert.deepEqual(history.fillsByTime(BOB, 0), [legRecord(first, "taker"), legRecord(second, "taker")]);
});

test("each order has one row with its latest status; orderStatus and orders read it", () => {
  const h = new Harness({ markRule: "oracle" });
  h.oracle(SOL, "100");
  const cloid = `0x${"ab".repeat(16)}`;
  const resting = oidOf(statusesOf(h.order(ALICE, [limit(SOL, true, "99", "3", "Gtc", { cloid })]))[0]);
  const placedAt = h.time;
  const bought = oidOf(statusesOf(h.order(ALICE, [limit(SOL, true, "100", "1")]))[0]); // rests, then fills
  h.order(BOB, [limit(SOL, false, "100", "1")]);
  const filledAt = h.time;
  assert.deepEqual(statusesOf(h.order(ALICE, [trigger(SOL, false, "90", "1", "90", "sl")])), ["waitingForTrigger"]);
  const stopEvent = h.log.at(-2);
  assert.ok(stopEvent?.type === "orderStatus" && stopEvent.status === "open");
  const triggerOid = stopEvent.order.oid;
  const { db, history } = open();
  recordIn(db, history, h.log);
  const recorded = h.log.length;
  h.cancel(ALICE, SOL, resting);
  const canceledAt = h.time;
  h.cancel(ALICE, SOL, triggerOid);
  recordIn(db, history, h.log.slice(recorded));

  const status = history.orderStatus(ALICE, resting);
  assert.deepEqual(status, {
    order: {
      oid: resting,
      user: ALICE,
      asset: SOL,
      isBuy: true,
      price: solPx(99),
      size: solSz(3),
      origSize: solSz(3),
      timestamp: placedAt,
      cloid,
      reduceOnly: false,
      tif: "Gtc",
      trigger: undefined,
      isPositionTpsl: false,
    },
    status: "canceled",
    statusTime: canceledAt,
  });
  assert.deepEqual(history.orderStatusByCloid(ALICE, cloid), status);
  assert.equal(history.orderStatus(BOB, resting), undefined, "another user's oid is unknown");
  assert.equal(history.orderStatus(ALICE, 42), undefined);
  const filled = history.orderStatus(ALICE, bought);
  assert.equal(filled?.status, "filled");
  assert.equal(filled?.statusTime, filledAt);
  assert.equal(filled?.order.size, 0);
  assert.equal(filled?.order.origSize, solSz(1));
  const stopped = history.orderStatus(ALICE, triggerOid);
  assert.equal(stopped?.status, "canceled");
  assert.equal(stopped?.order.tif, null);
  assert.equal(stopped?.order.reduceOnly, true);
  assert.deepEqual(stopped?.order.trigger, { triggerPrice: solPx(90), isMarket: true, tpsl: "sl" });

  const orders = history.orders(ALICE);
  assert.deepEqual(
    orders.map((o) => [o.order.oid, o.status]),
    [
      [triggerOid, "canceled"],
      [resting, "canceled"],
      [bought, "filled"],
    ],
    "one row per oid, latest status, most recent first",
  );
  assert.equal(history.orders(ALICE, 1).length, 1);
  const rows = db.prepare("SELECT count(*) AS n FROM orders").get() as { n: number };
  const oids = new Set(h.log.flatMap((e) => (e.type === "orderStatus" ? [e.order.oid] : [])));
  assert.equal(rows.n, oids.size, "one row per order");
});

// ===== Candles

test("candles of every interval follow the fills: o/h/l/c, volume and count across minutes", () => {
  const h = new Harness({ markRule: "oracle" });
  h.oracle(SOL, "100");
  const base = bucketStart("1h", h.time) + HOUR;
  // Minute 0: 100 × 1, 102 × 2, 99 × 1.
  h.time = base + 5_000;
  h.order(ALICE, [limit(SOL, true, "100", "1"), limit(SOL, true, "99", "1")]);
  h.order(CAROL, [limit(SOL, false, "102", "2"), limit(SOL, false, "101", "3")]);
  h.order(BOB, [limit(SOL, false, "100", "1", "Ioc")]);
  h.order(BOB, [limit(SOL, true, "102", "5", "Ioc")]); // sweeps 101 × 3 then 102 × 2
  h.order(BOB, [limit(SOL, false, "99", "1", "Ioc")]);
  // Minute 2: one order sweeping 98 × 1 and 97 × 1.
  h.time = base + 2 * MINUTE + 10_000;
  h.order(ALICE, [limit(SOL, true, "98", "1"), limit(SOL, true, "97", "1")]);
  h.order(BOB, [limit(SOL, false, "97", "2", "Ioc")]);
  assert.equal(fillsOf(h.log).length, 6);
  const { db, history } = open();
  recordIn(db, history, h.log);

  const candle = (interval: CandleInterval, t: number, o: number, hi: number, lo: number, c: number) => ({
    open: solPx(o),
    high: solPx(hi),
    low: solPx(lo),
    close: solPx(c),
    openTime: t,
    closeTime: bucketEnd(interval, t),
  });
  const pick = (interval: CandleInterval) =>
    history.candles(SOL, interval, base, base + HOUR).map(({ open, high, low, close, openTime, closeTime }) => ({
      open,
      high,
      low,
      close,
      openTime,
      closeTime,
    }));
  assert.deepEqual(pick("1m"), [candle("1m", base, 100, 102, 99, 99), candle("1m", base + 2 * MINUTE, 98, 98, 97, 97)]);
  const minutes = history.candles(SOL, "1m", base, base + HOUR);
  assert.deepEqual(
    minutes.map((c) => [c.volume, c.trades]),
    [
      [solSz(7), 4],
      [solSz(2), 2],
    ],
  );
  assert.equal(minutes[0]?.closeTime, base + MINUTE - 1);
  const [hour] = history.candles(SOL, "1h", base, base);
  assert.deepEqual(hour, {
    asset: SOL,
    interval: "1h",
    openTime: base,
    closeTime: base + HOUR - 1,
    open: solPx(100),
    high: solPx(102),
    low: solPx(97),
    close: solPx(97),
    volume: solSz(9),
    trades: 6,
  });
  for (const interval of CANDLE_INTERVALS) {
    const all = history.candles(SOL, interval, 0);
    const total = all.reduce((n, c) => n + c.trades, 0);
    assert.equal(total, 6, `${interval}: every fill counted once`);
    assert.ok(all.every((c) => c.openTime === bucketStart(interval, c.openTime)));
  }
  assert.deepEqual(history.candles(SOL, "1m", base + MINUTE, base + MINUTE + 1), [], "no fill, no candle");
  assert.equal(history.candles(SOL, "1m", base + 30_000, base + 30_000).length, 1, "the bucket of startTime counts");
  assert.deepEqual(history.candles(BTC, "1m", 0), []);
});

test("bucketStart and bucketEnd for every interval, month ends and leap years", () => {
  const iso = (ms: number) => new Date(ms).toISOString();
  const at = Date.parse("2024-02-29T13:47:31.123Z");
  const expected: Record<CandleInterval, string> = {
    "1m": "2024-02-29T13:47:00.000Z",
    "3m": "2024-02-29T13:45:00.000Z",
    "5m": "2024-02-29T13:45:00.000Z",
    "15m": "2024-02-29T13:45:00.000Z",
    "30m": "2024-02-29T13:30:00.000Z",
    "1h": "2024-02-29T13:00:00.000Z",
    "2h": "2024-02-29T12:00:00.000Z",
    "4h": "2024-02-29T12:00:00.000Z",
    "8h": "2024-02-29T08:00:00.000Z",
    "12h": "2024-02-29T12:00:00.000Z",
    "1d": "2024-02-29T00:00:00.000Z",
    "3d": "2024-02-29T00:00:00.000Z", // day 19782 since the epoch, a multiple of 3
    "1w": "2024-02-29T00:00:00.000Z", // a Thursday: weeks are epoch-aligned
    "1M": "2024-02-01T00:00:00.000Z",
  };
  for (const interval of CANDLE_INTERVALS) {
    const t = bucketStart(interval, at);
    assert.equal(iso(t), expected[interval], interval);
    assert.equal(bucketStart(interval, t), t, `${interval}: a bucket's start is its own`);
    assert.equal(bucketStart(interval, bucketEnd(interval, at)), t, `${interval}: the last ms is in the bucket`);
    assert.equal(bucketStart(interval, bucketEnd(interval, at) + 1), bucketEnd(interval, at) + 1, interval);
    assert.ok(bucketStart(interval, t - 1) < t, `${interval}: the ms before is in the previous bucket`);
    if (interval !== "1M") assert.equal(bucketEnd(interval, at) - t + 1, CANDLE_MS[interval], interval);
  }
  const later = Date.parse("2024-03-04T05:00:00Z");
  assert.equal(iso(bucketStart("3d", later)), "2024-03-03T00:00:00.000Z");
  assert.equal(iso(bucketStart("1w", later)), "2024-02-29T00:00:00.000Z");
  assert.equal(new Date(bucketStart("1w", Date.parse("2025-06-15T12:00:00Z"))).getUTCDay(), 4, "Thursday");

  assert.equal(iso(bucketEnd("1M", at)), "2024-02-29T23:59:59.999Z", "leap February");
  assert.equal(iso(bucketEnd("1M", Date.parse("2023-02-10T00:00:00Z"))), "2023-02-28T23:59:59.999Z");
  assert.equal(iso(bucketEnd("1M", Date.parse("2100-02-10T00:00:00Z"))), "2100-02-28T23:59:59.999Z", "no leap day");
  assert.equal(iso(bucketEnd("1M", Date.parse("2000-02-10T00:00:00Z"))), "2000-02-29T23:59:59.999Z", "leap century");
  assert.equal(iso(bucketEnd("1M", Date.parse("2024-04-30T23:59:59.999Z"))), "2024-04-30T23:59:59.999Z");
  const newYearsEve = Date.parse("2023-12-31T23:59:59.999Z");
  assert.equal(iso(bucketStart("1M", newYearsEve)), "2023-12-01T00:00:00.000Z");
  assert.equal(iso(bucketEnd("1M", newYearsEve)), "2023-12-31T23:59:59.999Z");
  assert.equal(iso(bucketStart("1M", newYearsEve + 1)), "2024-01-01T00:00:00.000Z");
  assert.equal(iso(bucketStart("1d", newYearsEve)), "2023-12-31T00:00:00.000Z");

  assert.equal(CANDLE_INTERVALS.length, 14);
  assert.ok(isCandleInterval("1M") && isCandleInterval("1m") && !isCandleInterval("1y") && !isCandleInterval("1H"));
});

// ===== Limits

function syntheticFill(i: number, time: number): FillEvent {
  const leg = (user: string, oid: number, dir: string): FillLeg => ({
    user,
    oid,
    cloid: undefined,
    startPosition: 0,
    fee: 1,
    closedPnl: 0,
    dir,
  });
  return {
    type: "fill",
    time,
    asset: SOL,
    tid: 1_000_000 + i,
    price: solPx(100) + i,
    size: 1,
    takerIsBuy: true,
    maker: leg(ALICE, 2 * i, "Open Short"),
    taker: leg(BOB, 2 * i + 1, "Open Long"),
    liquidation: i === 10_099 ? { liquidatedUser: ALICE, markPrice: solPx(100), method: "market" } : undefined,
  };
}

test("limits: 2000 fills (10000 reachable), 2000 orders, 500 per time range, 5000 candles", () => {
  const { db, history } = open();
  const n = 10_100;
  const timeOf = (i: number) => T0 + i * MINUTE; // one fill a minute: one 1m candle each
  const events: Event[] = [];
  for (let i = 0; i < n; i++) events.push(syntheticFill(i, timeOf(i)));
  for (let i = 0; i < 2_100; i++) {
    const order = {
      oid: 5_000_000 + i,
      user: CAROL,
      asset: SOL,
      isBuy: true,
      price: solPx(99),
      size: 100,
      origSize: 100,
      timestamp: timeOf(i),
      cloid: undefined,
      reduceOnly: false,
      tif: "Gtc" as const,
      trigger: undefined,
      isPositionTpsl: false,
    };
    events.push({ type: "orderStatus", time: timeOf(i), status: "open", order });
  }
  for (let i = 0; i < 600; i++) {
    const time = timeOf(i);
    events.push({ type: "fundingRate", time, asset: SOL, rate: 12_500_000, premium: i, samples: 720 });
    events.push({ type: "funding", time, user: CAROL, asset: SOL, usd: -i, size: 100, rate: 12_500_000 });
    events.push({ type: "ledger", time, user: CAROL, delta: { type: "deposit", usd: i } });
  }
  // Events of one list need not be in time order for the tables; the store records them per command anyway.
  recordIn(db, history, events);

  const recent = history.fills(ALICE);
  assert.equal(recent.length, 2000);
  assert.equal(recent[0]?.time, timeOf(n - 1), "most recent first");
  assert.equal(recent[1999]?.time, timeOf(n - 2000));
  assert.equal(history.fills(ALICE, { limit: 5000 }).length, 2000);
  assert.equal(history.fills(ALICE, { limit: 3 }).length, 3);
  const byTime = history.fillsByTime(ALICE, 0);
  assert.equal(byTime.length, 2000);
  assert.equal(byTime[0]?.time, timeOf(n - 10_000), "only the 10000 most recent are reachable");
  assert.equal(byTime[1]?.time, timeOf(n - 10_000 + 1), "oldest first");
  assert.deepEqual(history.fillsByTime(ALICE, 0, timeOf(50)), [], "older fills are out of reach");
  assert.equal(history.fillsByTime(ALICE, timeOf(9_000), timeOf(9_009)).length, 10);
  assert.equal(history.fills(ALICE, { endTime: timeOf(50) }).length, 0);
  assert.deepEqual(recent[0]?.liquidation, syntheticFill(n - 1, 0).liquidation, "liquidation tag kept");
  assert.equal(recent[1]?.liquidation, undefined);

  const orders = history.orders(CAROL);
  assert.equal(orders.length, 2000);
  assert.equal(orders[0]?.order.oid, 5_000_000 + 2_099);
  assert.equal(history.orders(CAROL, 9999).length, 2000);

  const funding = history.funding(CAROL, 0);
  assert.equal(funding.length, 500);
  assert.equal(funding[0]?.time, timeOf(0), "oldest first");
  assert.equal(funding[0]?.samples, 720, "samples from the asset's funding rate row");
  assert.equal(history.funding(CAROL, timeOf(500)).length, 100, "paginate with the last time as the next start");
  assert.equal(history.funding(CAROL, timeOf(10), timeOf(19)).length, 10);
  assert.equal(history.fundingRates(SOL, 0).length, 500);
  assert.deepEqual(history.fundingRates(SOL, timeOf(599)), [
    { asset: SOL, time: timeOf(599), rate: 12_500_000, premium: 599, samples: 720 },
  ]);
  assert.equal(history.ledger(CAROL, 0).length, 500);
  assert.deepEqual(history.ledger(CAROL, timeOf(3), timeOf(3)), [
    { user: CAROL, time: timeOf(3), delta: { type: "deposit", usd: 3 } },
  ]);

  const candles = history.candles(SOL, "1m", 0);
  assert.equal(candles.length, 5000);
  assert.equal(candles[0]?.openTime, timeOf(n - 5000), "only the 5000 most recent candles");
  assert.equal(candles[4999]?.openTime, timeOf(n - 1), "ascending");
  assert.equal(history.candles(SOL, "1m", 0, timeOf(n - 4900)).length, 101);
  assert.equal(history.candles(SOL, "1h", 0).length, Math.ceil(n / 60) + (T0 % HOUR === 0 ? 0 : 1));
});

// ===== Funding and ledger from the engine

test("funding payments and rates after an hour boundary; ledger rows of deposits, sends and withdrawals", () => {
  const h = new Harness({ markRule: "oracle" });
  h.order(BOB, [limit(SOL, false, "100", "10")]);
  h.order(ALICE, [limit(SOL, true, "100", "10")]);
  h.oracle(SOL, "100");
  const next = h.time - (h.time % HOUR) + HOUR;
  h.tick(next + 1);
  h.send(ALICE, CAROL, "100");
  const sentAt = h.time;
  h.withdraw(BOB, "50");
  const withdrawnAt = h.time;
  const { db, history } = open();
  recordIn(db, history, h.log);

  const rate = h.log.find((e) => e.type === "fundingRate");
  assert.ok(rate?.type === "fundingRate");
  assert.deepEqual(history.fundingRates(SOL, 0), [
    { asset: SOL, time: next, rate: rate.rate, premium: rate.premium, samples: rate.samples },
  ]);
  assert.deepEqual(history.funding(ALICE, 0), [
    { user: ALICE, asset: SOL, time: next, usd: -12_500, size: solSz(10), rate: rate.rate, samples: rate.samples },
  ]);
  const [bob] = history.funding(BOB, 0);
  assert.equal(bob?.size, -solSz(10));
  assert.ok(bob !== undefined && bob.usd > 0, "the short receives");
  assert.deepEqual(history.funding(ALICE, next + 1), []);
  assert.deepEqual(history.funding(CAROL, 0), []);
  assert.deepEqual(history.fundingRates(BTC, 0), []);

  const transfer = history.ledger(CAROL, 0);
  assert.deepEqual(
    transfer.map((r) => r.delta.type),
    ["deposit", "internalTransfer"],
  );
  assert.deepEqual(transfer[1], {
    user: CAROL,
    time: sentAt,
    delta: { type: "internalTransfer", usd: 100_000_000, user: ALICE, destination: CAROL, fee: 0 },
  });
  assert.deepEqual(
    history.ledger(ALICE, 0).map((r) => r.delta.type),
    ["deposit", "internalTransfer"],
  );
  const bobLedger = history.ledger(BOB, T0 + 10);
  assert.equal(bobLedger.length, 1, "the deposit is before the range");
  assert.equal(bobLedger[0]?.time, withdrawnAt);
  assert.equal(bobLedger[0]?.delta.type, "withdraw");
  assert.deepEqual(history.ledger(BOB, 0, T0 + 10).length, 1);
});

// ===== Replay property

const USERS = [ALICE, BOB, CAROL] as const;
const CLOID = `0x${"7".repeat(32)}`;

type Op =
  | {
      k: "order";
      user: number;
      asset: number;
      isBuy: boolean;
      level: number;
      lots: number;
      tif: "Gtc" | "Ioc" | "Alo";
      cloid: boolean;
    }
  | { k: "stop"; user: number; asset: number; isBuy: boolean; level: number }
  | { k: "cancel"; user: number }
  | { k: "oracle"; asset: number; level: number }
  | { k: "wait"; minutes: number }
  | { k: "send"; user: number; to: number };

const userArb = fc.integer({ min: 0, max: 2 });
const assetArb = fc.constantFrom(SOL, SOL, BTC);
const levelArb = fc.integer({ min: 0, max: 9 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      k: fc.constant("order" as const),
      user: userArb,
      asset: assetArb,
      isBuy: fc.boolean(),
      level: levelArb,
      lots: fc.integer({ min: 1, max: 5 }),
      tif: fc.constantFrom("Gtc" as const, "Gtc" as const, "Ioc" as const, "Alo" as const),
      cloid: fc.constantFrom(false, false, false, true),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("stop" as const),
      user: userArb,
      asset: assetArb,
      isBuy: fc.boolean(),
      level: levelArb,
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("cancel" as const), user: userArb }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("oracle" as const), asset: assetArb, level: levelArb }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("wait" as const), minutes: fc.integer({ min: 0, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("send" as const), user: userArb, to: userArb }) },
);

function price(asset: number, level: number): string {
  return asset === BTC ? String(99_950 + level * 10) : (99.5 + level * 0.1).toFixed(1);
}

function size(asset: number, lots: number): string {
  return asset === BTC ? (lots / 1000).toFixed(3) : String(lots);
}

/** Runs the ops and returns the events of each command, deposits and first oracle prices included. */
function run(ops: readonly Op[]): Event[][] {
  const h = new Harness({ markRule: "oracle" });
  h.oracle(SOL, "100");
  h.oracle(BTC, "100000");
  const batches: Event[][] = [h.log.slice()];
  for (const op of ops) {
    const user = USERS[op.k === "oracle" || op.k === "wait" ? 0 : op.user] ?? ALICE;
    switch (op.k) {
      case "order": {
        const extra = op.cloid ? { cloid: CLOID } : {};
        batches.push(
          h.order(user, [limit(op.asset, op.isBuy, price(op.asset, op.level), size(op.asset, op.lots), op.tif, extra)]),
        );
        break;
      }
      case "stop": {
        const px = price(op.asset, op.level);
        batches.push(h.order(user, [trigger(op.asset, op.isBuy, px, size(op.asset, 1), px, "sl", true, false)]));
        break;
      }
      case "cancel": {
        const live = h.engine.liveOrders(user)[0];
        if (live !== undefined) batches.push(h.cancel(user, live[1], live[0]));
        break;
      }
      case "oracle":
        batches.push(h.oracle(op.asset, price(op.asset, op.level)));
        break;
      case "wait":
        batches.push(h.tick(h.time + op.minutes * MINUTE));
        break;
      case "send":
        batches.push(h.send(user, USERS[op.to] ?? BOB, "10"));
        break;
    }
  }
  return batches;
}

const TABLE_ORDER: Record<string, string> = {
  candles: "asset, interval, t",
  fills: "id",
  funding: "id",
  funding_rates: "id",
  ledger: "id",
  orders: "oid",
  trades: "id",
  twap_fills: "id",
  twap_history: "id",
};

/** Every row of every history table. */
function dump(db: Database.Database): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
  }[];
  assert.deepEqual(
    tables.map((t) => t.name),
    Object.keys(TABLE_ORDER),
    "the dump covers every table",
  );
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(TABLE_ORDER)) {
    out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
  }
  return out;
}

/** Candles recomputed naively from the fill events: the reference for the incremental upserts. */
function naiveCandles(events: readonly Event[]): unknown[] {
  const map = new Map<
    string,
    {
      asset: number;
      interval: string;
      t: number;
      tClose: number;
      o: number;
      h: number;
      l: number;
      c: number;
      v: number;
      n: number;
    }
  >();
  for (const e of fillsOf(events)) {
    for (const interval of CANDLE_INTERVALS) {
      const t = bucketStart(interval, e.time);
      const key = `${e.asset}|${interval}|${t}`;
      const c = map.get(key);
      if (c === undefined) {
        const tClose = bucketEnd(interval, e.time);
        map.set(key, {
          asset: e.asset,
          interval,
          t,
          tClose,
          o: e.price,
          h: e.price,
          l: e.price,
          c: e.price,
          v: e.size,
          n: 1,
        });
      } else {
        c.h = Math.max(c.h, e.price);
        c.l = Math.min(c.l, e.price);
        c.c = e.price;
        c.v += e.size;
        c.n++;
      }
    }
  }
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...map.values()].sort((a, b) => cmp(a.asset, b.asset) || cmp(a.interval, b.interval) || cmp(a.t, b.t));
}

test("property: the tables equal what a replay of the events produces (per command, at once, after clear)", () => {
  let fills = 0;
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 60, maxLength: 120 }), (ops) => {
      const batches = run(ops);
      const all = batches.flat();
      const live = open();
      for (const batch of batches) recordIn(live.db, live.history, batch);
      const expected = dump(live.db);

      const replay = open();
      recordIn(replay.db, replay.history, all);
      assert.deepEqual(dump(replay.db), expected, "one batch == one batch per command");

      live.history.clear();
      assert.ok(
        Object.values(dump(live.db)).every((rows) => rows.length === 0),
        "clear empties every table",
      );
      for (const batch of batches) recordIn(live.db, live.history, batch);
      assert.deepEqual(dump(live.db), expected, "recorded again after clear");

      const fillEvents = fillsOf(all).length;
      fills += fillEvents;
      assert.equal(expected.fills?.length, 2 * fillEvents);
      assert.equal(expected.trades?.length, fillEvents);
      const oids = new Set(all.flatMap((e) => (e.type === "orderStatus" ? [e.order.oid] : [])));
      assert.equal(expected.orders?.length, oids.size, "one row per order");
      assert.equal(expected.funding?.length, all.filter((e) => e.type === "funding").length);
      assert.equal(expected.ledger?.length, all.filter((e) => e.type === "ledger").length);
      assert.deepEqual(expected.candles, naiveCandles(all), "incremental candles == candles from all fills");
      live.db.close();
      replay.db.close();
    }),
    { numRuns: 25, seed: 20260101 },
  );
  assert.ok(fills > 100, `the runs traded (${fills} fills)`);
});
