/**
 * @module journal/history
 * The history tables that `/info` and WebSocket snapshots read: fills (one row per leg), order statuses, funding
 * payments and rates, ledger updates, trades and candles (all 14 intervals, updated incrementally on each fill).
 * Owns their schema, their only writer (`History.record`, from engine events, inside the caller's transaction) and
 * their queries, which apply Hyperliquid's limits and answer in core units (ticks, lots, 10^-6 USD, rates in parts per
 * 10^12). It must not recompute anything from trades at query time, format for the wire, read the clock, or import
 * outside `src/core`: the same events recorded into empty tables always give the same rows, so a journal replay
 * (after `clear()`) rebuilds them exactly.
 * @see hyperliquid-api.md §3 (candles), §4.1 (limits)
 */

import type BetterSqlite3 from "better-sqlite3";
import type {
  Address,
  AssetId,
  Cloid,
  Event,
  FillLeg,
  LedgerDelta,
  LiquidationTag,
  Oid,
  OrderStatus,
  OrderView,
  Tid,
  Tif,
  TriggerView,
  TwapStatus,
  TwapView,
} from "../core/index.ts";

type Database = BetterSqlite3.Database;

// ===== Candle intervals

/** Hyperliquid's candle intervals, exact wire strings, shortest first. @see hyperliquid-api.md §3 */
export const CANDLE_INTERVALS = [
  "1m",
  "3m",
  "5m",
  "15m",
  "30m",
  "1h",
  "2h",
  "4h",
  "8h",
  "12h",
  "1d",
  "3d",
  "1w",
  "1M",
] as const;

export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Duration in ms of every fixed interval; "1M" is a calendar month (UTC) and has none. Buckets are aligned to the
 * Unix epoch: right for ≤ 1d (UTC midnight). For "3d" and "1w" the epoch alignment (so weeks open on Thursday 00:00
 * UTC) is a choice: Hyperliquid's alignment of those is UNCERTAIN (hyperliquid-api.md §3), it may be Monday.
 */
export const CANDLE_MS: Readonly<Record<Exclude<CandleInterval, "1M">, number>> = {
  "1m": MINUTE,
  "3m": 3 * MINUTE,
  "5m": 5 * MINUTE,
  "15m": 15 * MINUTE,
  "30m": 30 * MINUTE,
  "1h": HOUR,
  "2h": 2 * HOUR,
  "4h": 4 * HOUR,
  "8h": 8 * HOUR,
  "12h": 12 * HOUR,
  "1d": DAY,
  "3d": 3 * DAY,
  "1w": 7 * DAY,
};

/** Whether a string is one of the 14 interval names (case-sensitive: "1m" is a minute, "1M" a month). */
export function isCandleInterval(s: string): s is CandleInterval {
  return (CANDLE_INTERVALS as readonly string[]).includes(s);
}

/** Open time (ms) of the bucket of `interval` holding `time`: the candle's `t`. "1M": the 1st of the UTC month. */
export function bucketStart(interval: CandleInterval, time: number): number {
  if (interval === "1M") {
    const d = new Date(time);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const ms = CANDLE_MS[interval];
  return time - (((time % ms) + ms) % ms);
}

/** Last ms of the bucket of `interval` holding `time`: the candle's `T` (= t + duration − 1). */
export function bucketEnd(interval: CandleInterval, time: number): number {
  if (interval === "1M") {
    const d = new Date(time);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1;
  }
  return bucketStart(interval, time) + CANDLE_MS[interval] - 1;
}

// ===== Limits

/** Hyperliquid's answer limits. @see hyperliquid-api.md §3, §4.1 */
export const HISTORY_LIMITS = {
  /** `userFills`: the most recent 2000; `userFillsByTime`: 2000 per answer. */
  fills: 2000,
  /** `userFillsByTime`: only the 10000 most recent fills of a user are reachable. */
  fillsReachable: 10_000,
  /** `historicalOrders`: the most recent 2000. */
  orders: 2000,
  /** Time-range queries (`userFunding`, `fundingHistory`, `userNonFundingLedgerUpdates`): 500 per answer. */
  range: 500,
  /** `candleSnapshot`: only the 5000 most recent candles of a coin and interval. */
  candles: 5000,
} as const;

// ===== Schema

/**
 * The history tables, created once by the store (`db.exec(HISTORY_SCHEMA)`); idempotent. All amounts are integers in
 * core units; booleans are 0/1; optional values are NULL; nested values (trigger, liquidation tag, ledger delta) are
 * JSON. `id` (rowid) is the insertion order, which breaks ties between rows of the same time.
 */
export const HISTORY_SCHEMA = `
CREATE TABLE IF NOT EXISTS fills (
  id INTEGER PRIMARY KEY,
  user TEXT NOT NULL,
  asset INTEGER NOT NULL,
  time INTEGER NOT NULL,
  tid INTEGER NOT NULL,
  oid INTEGER NOT NULL,
  cloid TEXT,
  price INTEGER NOT NULL,
  size INTEGER NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('B', 'A')),
  startPosition INTEGER NOT NULL,
  fee INTEGER NOT NULL,
  closedPnl INTEGER NOT NULL,
  builderFee INTEGER NOT NULL,
  dir TEXT NOT NULL,
  crossed INTEGER NOT NULL CHECK (crossed IN (0, 1)),
  liquidation TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS fills_user_time ON fills (user, time);

CREATE TABLE IF NOT EXISTS orders (
  oid INTEGER PRIMARY KEY,
  user TEXT NOT NULL,
  asset INTEGER NOT NULL,
  status TEXT NOT NULL,
  statusTime INTEGER NOT NULL,
  isBuy INTEGER NOT NULL CHECK (isBuy IN (0, 1)),
  price INTEGER NOT NULL,
  size INTEGER NOT NULL,
  origSize INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  cloid TEXT,
  reduceOnly INTEGER NOT NULL CHECK (reduceOnly IN (0, 1)),
  tif TEXT,
  "trigger" TEXT,
  isPositionTpsl INTEGER NOT NULL CHECK (isPositionTpsl IN (0, 1))
) STRICT;
CREATE INDEX IF NOT EXISTS orders_user_time ON orders (user, statusTime);
CREATE INDEX IF NOT EXISTS orders_user_cloid ON orders (user, cloid) WHERE cloid IS NOT NULL;

CREATE TABLE IF NOT EXISTS funding (
  id INTEGER PRIMARY KEY,
  user TEXT NOT NULL,
  asset INTEGER NOT NULL,
  time INTEGER NOT NULL,
  usd INTEGER NOT NULL,
  size INTEGER NOT NULL,
  rate INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS funding_user_time ON funding (user, time);

CREATE TABLE IF NOT EXISTS funding_rates (
  id INTEGER PRIMARY KEY,
  asset INTEGER NOT NULL,
  time INTEGER NOT NULL,
  rate INTEGER NOT NULL,
  premium INTEGER NOT NULL,
  samples INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS funding_rates_asset_time ON funding_rates (asset, time);

CREATE TABLE IF NOT EXISTS ledger (
  id INTEGER PRIMARY KEY,
  user TEXT NOT NULL,
  time INTEGER NOT NULL,
  delta TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS ledger_user_time ON ledger (user, time);

CREATE TABLE IF NOT EXISTS trades (
  id INTEGER PRIMARY KEY,
  asset INTEGER NOT NULL,
  tid INTEGER NOT NULL,
  time INTEGER NOT NULL,
  price INTEGER NOT NULL,
  size INTEGER NOT NULL,
  takerIsBuy INTEGER NOT NULL CHECK (takerIsBuy IN (0, 1)),
  maker TEXT NOT NULL,
  taker TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS trades_asset ON trades (asset);

CREATE TABLE IF NOT EXISTS candles (
  asset INTEGER NOT NULL,
  interval TEXT NOT NULL,
  t INTEGER NOT NULL,
  tClose INTEGER NOT NULL,
  o INTEGER NOT NULL,
  h INTEGER NOT NULL,
  l INTEGER NOT NULL,
  c INTEGER NOT NULL,
  v INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (asset, interval, t)
) STRICT, WITHOUT ROWID;
`;

/**
 * The TWAP tables: which fill legs were TWAP slices, and each TWAP's status changes (with the TWAP as it stood).
 * Created by {@link History}'s constructor too, so a data directory written before TWAP orders existed gains them.
 */
export const TWAP_SCHEMA = `
CREATE TABLE IF NOT EXISTS twap_fills (
  id INTEGER PRIMARY KEY,
  user TEXT NOT NULL,
  twapId INTEGER NOT NULL,
  tid INTEGER NOT NULL,
  oid INTEGER NOT NULL,
  time INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS twap_fills_user_time ON twap_fills (user, time);
CREATE INDEX IF NOT EXISTS twap_fills_tid ON twap_fills (tid);

CREATE TABLE IF NOT EXISTS twap_history (
  id INTEGER PRIMARY KEY,
  user TEXT NOT NULL,
  time INTEGER NOT NULL,
  twapId INTEGER NOT NULL,
  status TEXT NOT NULL,
  state TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS twap_history_user ON twap_history (user, time);
`;

/** Every history table, in the order `clear()` empties them. */
const TABLES = [
  "fills",
  "orders",
  "funding",
  "funding_rates",
  "ledger",
  "trades",
  "candles",
  "twap_fills",
  "twap_history",
] as const;

// ===== What the queries return (core units, core names)

/** One leg of a fill, as its user sees it. */
export interface FillRecord {
  readonly user: Address;
  readonly asset: AssetId;
  readonly time: number;
  readonly tid: Tid;
  readonly oid: Oid;
  readonly cloid: Cloid | undefined;
  /** Tick units. */
  readonly price: number;
  /** Lots. */
  readonly size: number;
  /** This user's side. */
  readonly isBuy: boolean;
  /** Signed position (lots) before the fill. */
  readonly startPosition: number;
  /** 10^-6 USD; negative is a rebate. */
  readonly fee: number;
  /** 10^-6 USD, fees excluded. */
  readonly closedPnl: number;
  /** The builder's part of `fee`, 10^-6 USD (0 when the order paid none). */
  readonly builderFee: number;
  readonly dir: string;
  /** Taker leg. */
  readonly crossed: boolean;
  readonly liquidation: LiquidationTag | undefined;
  /** The TWAP whose slice this leg is, if any. */
  readonly twapId?: number | undefined;
}

/** A TWAP slice fill (`userTwapSliceFills`). */
export interface TwapSliceFillRecord {
  readonly fill: FillRecord;
  readonly twapId: number;
}

/** One status change of a TWAP order (`twapHistory`). */
export interface TwapHistoryRecord {
  /** ms. */
  readonly time: number;
  readonly status: TwapStatus;
  readonly twap: TwapView;
}

/** An order with one of its statuses (Hyperliquid's HistoricalOrder, in core units). */
export interface OrderRecord {
  readonly order: OrderView;
  readonly status: OrderStatus;
  readonly statusTime: number;
}

/** A funding payment. */
export interface FundingRecord {
  readonly user: Address;
  readonly asset: AssetId;
  readonly time: number;
  /** Received (positive) or paid (negative), 10^-6 USD. */
  readonly usd: number;
  /** Signed size at payment, lots. */
  readonly size: number;
  /** Hourly rate, parts per 10^12. */
  readonly rate: number;
  /** Premium samples of the interval (from the asset's funding rate row), when recorded. */
  readonly samples: number | undefined;
}

/** An asset's funding rate of one interval. */
export interface FundingRateRecord {
  readonly asset: AssetId;
  readonly time: number;
  /** Hourly rate, parts per 10^12. */
  readonly rate: number;
  /** Average premium, parts per 10^12. */
  readonly premium: number;
  readonly samples: number;
}

/** A non-funding ledger update. */
export interface LedgerRecord {
  readonly user: Address;
  readonly time: number;
  readonly delta: LedgerDelta;
}

/** A public trade. */
export interface TradeRecord {
  readonly asset: AssetId;
  readonly tid: Tid;
  readonly time: number;
  readonly price: number;
  readonly size: number;
  readonly takerIsBuy: boolean;
  readonly maker: Address;
  readonly taker: Address;
}

/** One candle: prices in ticks, volume in lots. */
export interface CandleRecord {
  readonly asset: AssetId;
  readonly interval: CandleInterval;
  /** First ms of the bucket (`t`). */
  readonly openTime: number;
  /** Last ms of the bucket (`T`). */
  readonly closeTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Base volume, lots. */
  readonly volume: number;
  /** Number of fills (trades). */
  readonly trades: number;
}

/** Options of the fill queries. Times are inclusive ms. */
export interface FillQuery {
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit?: number;
}

// ===== Raw rows

interface FillRow {
  user: string;
  asset: number;
  time: number;
  tid: number;
  oid: number;
  cloid: string | null;
  price: number;
  size: number;
  side: string;
  startPosition: number;
  fee: number;
  closedPnl: number;
  builderFee: number;
  dir: string;
  crossed: number;
  liquidation: string | null;
  twapId: number | null;
}

interface OrderRow {
  oid: number;
  user: string;
  asset: number;
  status: string;
  statusTime: number;
  isBuy: number;
  price: number;
  size: number;
  origSize: number;
  timestamp: number;
  cloid: string | null;
  reduceOnly: number;
  tif: string | null;
  trigger: string | null;
  isPositionTpsl: number;
}

interface FundingRow {
  user: string;
  asset: number;
  time: number;
  usd: number;
  size: number;
  rate: number;
  samples: number | null;
}

interface LedgerRow {
  user: string;
  time: number;
  delta: string;
}

interface TradeRow {
  asset: number;
  tid: number;
  time: number;
  price: number;
  size: number;
  takerIsBuy: number;
  maker: string;
  taker: string;
}

interface CandleRow {
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

/** The fills of one asset at one instant, folded before the candle upserts. */
interface CandleStep {
  asset: AssetId;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  trades: number;
}

type Stmt<P extends unknown[] | object, R = unknown> = BetterSqlite3.Statement<P extends unknown[] ? P : [P], R>;

const FILL_COLUMNS =
  "user, asset, time, tid, oid, cloid, price, size, side, startPosition, fee, closedPnl, builderFee, dir, crossed, " +
  "liquidation";
const TWAP_FILL_COLUMNS =
  "f.user, f.asset, f.time, f.tid, f.oid, f.cloid, f.price, f.size, f.side, f.startPosition, f.fee, f.closedPnl, " +
  "f.builderFee, f.dir, f.crossed, f.liquidation";
const ORDER_COLUMNS =
  "oid, user, asset, status, statusTime, isBuy, price, size, origSize, timestamp, cloid, reduceOnly, tif, " +
  '"trigger", isPositionTpsl';
/** No upper time bound. */
const END = Number.MAX_SAFE_INTEGER;
/** Below every time and id. */
const BEFORE = Number.MIN_SAFE_INTEGER;

/** A limit clamped to `[0, max]`; absent or NaN means `max`. */
function cap(limit: number | undefined, max: number): number {
  if (limit === undefined || Number.isNaN(limit)) return max;
  return Math.max(0, Math.min(max, Math.floor(limit)));
}

const bit = (b: boolean): number => (b ? 1 : 0);

// ===== The tables

/**
 * Writer and reader of the history tables of one SQLite file. `record` is the only writer; it does not open a
 * transaction (the caller's group commit wraps it). Reads see whatever has been recorded.
 */
export class History {
  private readonly insertFill: Stmt<unknown[]>;
  private readonly insertTrade: Stmt<unknown[]>;
  private readonly insertOrder: Stmt<unknown[]>;
  private readonly insertFunding: Stmt<Record<string, unknown>>;
  private readonly insertFundingRate: Stmt<Record<string, unknown>>;
  private readonly insertLedger: Stmt<[string, number, string]>;
  /** All 14 intervals in one multi-row statement: measured ~12 µs a fill instant against ~21 µs for 14 runs. */
  private readonly upsertCandles: Stmt<number[]>;

  private readonly fillCutoff: Stmt<[string, number], { time: number; id: number }>;
  private readonly fillsDesc: Stmt<Record<string, unknown>, FillRow>;
  private readonly fillsAsc: Stmt<Record<string, unknown>, FillRow>;
  private readonly ordersLatest: Stmt<[string, number], OrderRow>;
  private readonly orderByOid: Stmt<[number, string], OrderRow>;
  private readonly orderByCloid: Stmt<[string, string], OrderRow>;
  private readonly fundingRange: Stmt<[string, number, number, number], FundingRow>;
  private readonly fundingRateRange: Stmt<[number, number, number, number], FundingRateRecord>;
  private readonly ledgerRange: Stmt<[string, number, number, number], LedgerRow>;
  private readonly tradesRecent: Stmt<[number, number], TradeRow>;
  private readonly candleCutoff: Stmt<[number, string, number], { t: number }>;
  private readonly candleRange: Stmt<[number, string, number, number, number], CandleRow>;
  private readonly clearAll: () => void;
  private readonly insertTwapFill: Stmt<Record<string, unknown>>;
  private readonly insertTwapHistory: Stmt<Record<string, unknown>>;
  private readonly twapFillsDesc: Stmt<Record<string, unknown>, FillRow>;
  private readonly twapFillsAsc: Stmt<Record<string, unknown>, FillRow>;
  private readonly twapHistoryOf: Stmt<[string, number], { time: number; status: string; state: string }>;

  constructor(db: Database) {
    db.exec(TWAP_SCHEMA);
    this.insertTwapFill = db.prepare(
      "INSERT INTO twap_fills (user, twapId, tid, oid, time) VALUES (@user, @twapId, @tid, @oid, @time)",
    );
    this.insertTwapHistory = db.prepare(
      "INSERT INTO twap_history (user, time, twapId, status, state) VALUES (@user, @time, @twapId, @status, @state)",
    );
    const sliceRange = `SELECT ${TWAP_FILL_COLUMNS}, t.twapId AS twapId FROM twap_fills t
       JOIN fills f ON f.tid = t.tid AND f.oid = t.oid AND f.user = t.user
       WHERE t.user = @user AND t.time >= @start AND t.time <= @end`;
    this.twapFillsDesc = db.prepare(`${sliceRange} ORDER BY t.time DESC, t.id DESC LIMIT @limit`);
    this.twapFillsAsc = db.prepare(`${sliceRange} ORDER BY t.time, t.id LIMIT @limit`);
    this.twapHistoryOf = db.prepare(
      `SELECT time, status, state FROM (SELECT id, time, status, state FROM twap_history WHERE user = ?
       ORDER BY time DESC, id DESC LIMIT ?) ORDER BY time, id`,
    );
    this.insertFill = db.prepare(
      // Positional parameters on the per-event inserts: better-sqlite3 binds them faster than named ones.
      `INSERT INTO fills (${FILL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertTrade = db.prepare(
      "INSERT INTO trades (asset, tid, time, price, size, takerIsBuy, maker, taker) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    // One row per order: each status event replaces what changes (Hyperliquid's historicalOrders and orderStatus
    // show an order once, with its latest status).
    this.insertOrder = db.prepare(
      `INSERT INTO orders (${ORDER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (oid) DO UPDATE SET status = excluded.status, statusTime = excluded.statusTime,
         price = excluded.price, size = excluded.size, tif = excluded.tif, "trigger" = excluded."trigger"`,
    );
    this.insertFunding = db.prepare(
      "INSERT INTO funding (user, asset, time, usd, size, rate) VALUES (@user, @asset, @time, @usd, @size, @rate)",
    );
    this.insertFundingRate = db.prepare(
      `INSERT INTO funding_rates (asset, time, rate, premium, samples)
       VALUES (@asset, @time, @rate, @premium, @samples)`,
    );
    this.insertLedger = db.prepare("INSERT INTO ledger (user, time, delta) VALUES (?, ?, ?)");
    const candleRows = CANDLE_INTERVALS.map((interval) => `(?, '${interval}', ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.upsertCandles = db.prepare(
      `INSERT INTO candles (asset, interval, t, tClose, o, h, l, c, v, n) VALUES ${candleRows.join(", ")}
       ON CONFLICT (asset, interval, t) DO UPDATE SET
         h = max(h, excluded.h), l = min(l, excluded.l), c = excluded.c, v = v + excluded.v, n = n + excluded.n`,
    );

    this.fillCutoff = db.prepare(
      "SELECT time, id FROM fills WHERE user = ? ORDER BY time DESC, id DESC LIMIT 1 OFFSET ?",
    );
    const fillRange = `SELECT ${FILL_COLUMNS},
       (SELECT t.twapId FROM twap_fills t WHERE t.tid = fills.tid AND t.oid = fills.oid AND t.user = fills.user)
         AS twapId FROM fills
       WHERE user = @user AND time >= @start AND time <= @end AND (time, id) >= (@cutTime, @cutId)`;
    this.fillsDesc = db.prepare(`${fillRange} ORDER BY time DESC, id DESC LIMIT @limit`);
    this.fillsAsc = db.prepare(`${fillRange} ORDER BY time, id LIMIT @limit`);
    this.ordersLatest = db.prepare(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE user = ? ORDER BY statusTime DESC, oid DESC LIMIT ?`,
    );
    this.orderByOid = db.prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE oid = ? AND user = ?`);
    this.orderByCloid = db.prepare(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE user = ? AND cloid = ? ORDER BY statusTime DESC, oid DESC LIMIT 1`,
    );
    this.fundingRange = db.prepare(
      `SELECT f.user, f.asset, f.time, f.usd, f.size, f.rate,
         (SELECT r.samples FROM funding_rates r WHERE r.asset = f.asset AND r.time = f.time ORDER BY r.id DESC LIMIT 1)
           AS samples
       FROM funding f WHERE f.user = ? AND f.time >= ? AND f.time <= ? ORDER BY f.time, f.id LIMIT ?`,
    );
    this.fundingRateRange = db.prepare(
      `SELECT asset, time, rate, premium, samples FROM funding_rates
       WHERE asset = ? AND time >= ? AND time <= ? ORDER BY time, id LIMIT ?`,
    );
    this.ledgerRange = db.prepare(
      "SELECT user, time, delta FROM ledger WHERE user = ? AND time >= ? AND time <= ? ORDER BY time, id LIMIT ?",
    );
    this.tradesRecent = db.prepare(
      `SELECT asset, tid, time, price, size, takerIsBuy, maker, taker FROM trades
       WHERE asset = ? ORDER BY id DESC LIMIT ?`,
    );
    this.candleCutoff = db.prepare(
      "SELECT t FROM candles WHERE asset = ? AND interval = ? ORDER BY t DESC LIMIT 1 OFFSET ?",
    );
    this.candleRange = db.prepare(
      `SELECT asset, interval, t, tClose, o, h, l, c, v, n FROM candles
       WHERE asset = ? AND interval = ? AND t >= ? AND t <= ? ORDER BY t LIMIT ?`,
    );
    const deletes = TABLES.map((table) => db.prepare(`DELETE FROM ${table}`));
    this.clearAll = () => {
      for (const d of deletes) d.run();
    };
  }

  // ===== Writing

  /**
   * Writes everything a list of events implies, in order: two fill rows and a trade per fill, the order's row per
   * status (one row per order, updated), funding payments and rates, ledger updates, and the candles of every
   * interval. `liquidation`, `markPrice` and `reply` events leave no history (a liquidation's ledger event does).
   * Runs inside the caller's transaction.
   */
  record(events: readonly Event[]): void {
    this.recordAll([events]);
  }

  /**
   * {@link record} for the event lists of a whole commit (the sequencer's tick): fills of one asset at one instant are
   * folded into one candle update per interval across all of them, instead of one per command.
   */
  recordAll(lists: readonly (readonly Event[])[]): void {
    const steps = new Map<string, CandleStep>();
    for (const events of lists) this.recordEvents(events, steps);
    this.writeCandles(steps);
  }

  private recordEvents(events: readonly Event[], steps: Map<string, CandleStep>): void {
    for (const e of events) {
      switch (e.type) {
        case "fill": {
          this.insertFill.run(...this.legRow(e, e.maker, !e.takerIsBuy, false));
          this.insertFill.run(...this.legRow(e, e.taker, e.takerIsBuy, true));
          if (e.taker.twapId !== undefined) {
            const twapId = e.taker.twapId;
            this.insertTwapFill.run({ user: e.taker.user, twapId, tid: e.tid, oid: e.taker.oid, time: e.time });
          }
          this.insertTrade.run(e.asset, e.tid, e.time, e.price, e.size, bit(e.takerIsBuy), e.maker.user, e.taker.user);
          const key = `${e.asset}:${e.time}`;
          const step = steps.get(key);
          if (step === undefined) {
            steps.set(key, {
              asset: e.asset,
              time: e.time,
              open: e.price,
              high: e.price,
              low: e.price,
              close: e.price,
              volume: e.size,
              trades: 1,
            });
          } else {
            step.high = Math.max(step.high, e.price);
            step.low = Math.min(step.low, e.price);
            step.close = e.price;
            step.volume += e.size;
            step.trades++;
          }
          break;
        }
        case "orderStatus": {
          const o = e.order;
          // In ORDER_COLUMNS order.
          this.insertOrder.run(
            o.oid,
            o.user,
            o.asset,
            e.status,
            e.time,
            bit(o.isBuy),
            o.price,
            o.size,
            o.origSize,
            o.timestamp,
            o.cloid ?? null,
            bit(o.reduceOnly),
            o.tif,
            o.trigger === undefined ? null : JSON.stringify(o.trigger),
            bit(o.isPositionTpsl),
          );
          break;
        }
        case "funding":
          this.insertFunding.run({
            user: e.user,
            asset: e.asset,
            time: e.time,
            usd: e.usd,
            size: e.size,
            rate: e.rate,
          });
          break;
        case "fundingRate":
          this.insertFundingRate.run({
            asset: e.asset,
            time: e.time,
            rate: e.rate,
            premium: e.premium,
            samples: e.samples,
          });
          break;
        case "ledger":
          this.insertLedger.run(e.user, e.time, JSON.stringify(e.delta));
          break;
        case "twap":
          this.insertTwapHistory.run({
            user: e.twap.user,
            time: e.time,
            twapId: e.twap.twapId,
            status: e.status,
            state: JSON.stringify(e.twap),
          });
          break;
        case "liquidation":
        case "markPrice":
        case "reply":
          break;
        default:
          throw new Error(`history: unknown event ${JSON.stringify(e satisfies never)}`);
      }
    }
  }

  /** Fills of one asset at one instant share every bucket: one upsert per interval for all of them. */
  private writeCandles(steps: ReadonlyMap<string, CandleStep>): void {
    for (const s of steps.values()) {
      const args: number[] = [];
      for (const interval of CANDLE_INTERVALS) {
        const t = bucketStart(interval, s.time);
        args.push(s.asset, t, bucketEnd(interval, t), s.open, s.high, s.low, s.close, s.volume, s.trades);
      }
      this.upsertCandles.run(...args);
    }
  }

  /** Deletes every history row, so that a replay of the journal from the start can rebuild the tables. */
  clear(): void {
    this.clearAll();
  }

  private legRow(e: Extract<Event, { type: "fill" }>, leg: FillLeg, isBuy: boolean, crossed: boolean): unknown[] {
    // In FILL_COLUMNS order.
    return [
      leg.user,
      e.asset,
      e.time,
      e.tid,
      leg.oid,
      leg.cloid ?? null,
      e.price,
      e.size,
      isBuy ? "B" : "A",
      leg.startPosition,
      leg.fee,
      leg.closedPnl,
      leg.builderFee ?? 0,
      leg.dir,
      bit(crossed),
      e.liquidation === undefined ? null : JSON.stringify(e.liquidation),
    ];
  }

  // ===== Reading

  /**
   * A user's fills, most recent first (`userFills`; with a time range, the newest end of a `userFillsByTime` window):
   * at most 2000, and only among the user's 10000 most recent.
   */
  fills(user: Address, query: FillQuery = {}): FillRecord[] {
    return this.fillRange(user, query.startTime, query.endTime, query.limit, true);
  }

  /** A user's fills in `[startTime, endTime]`, oldest first (`userFillsByTime`): ≤ 2000, among the 10000 most recent. */
  fillsByTime(user: Address, startTime: number, endTime?: number, limit?: number): FillRecord[] {
    return this.fillRange(user, startTime, endTime, limit, false);
  }

  private fillRange(
    user: Address,
    startTime: number | undefined,
    endTime: number | undefined,
    limit: number | undefined,
    newestFirst: boolean,
  ): FillRecord[] {
    // The newest 2000 of all are always among the newest 10000: the cut matters only with a time range.
    const cut =
      newestFirst && startTime === undefined && endTime === undefined
        ? undefined
        : this.fillCutoff.get(user, HISTORY_LIMITS.fillsReachable - 1);
    const params = {
      user,
      start: startTime ?? BEFORE,
      end: endTime ?? END,
      cutTime: cut?.time ?? BEFORE,
      cutId: cut?.id ?? BEFORE,
      limit: cap(limit, HISTORY_LIMITS.fills),
    };
    return (newestFirst ? this.fillsDesc : this.fillsAsc).all(params).map(fillRecord);
  }

  /**
   * A user's TWAP slice fills: most recent first (`userTwapSliceFills`, at most 2000), or with `startTime` those in
   * `[startTime, endTime]`, oldest first (`userTwapSliceFillsByTime`, at most 2000).
   */
  twapSliceFills(user: Address, startTime?: number, endTime?: number): TwapSliceFillRecord[] {
    const params = { user, start: startTime ?? BEFORE, end: endTime ?? END, limit: HISTORY_LIMITS.fills };
    const rows = (startTime === undefined ? this.twapFillsDesc : this.twapFillsAsc).all(params);
    return rows.map((r) => ({ fill: fillRecord(r), twapId: r.twapId as number }));
  }

  /** A user's TWAP status changes, oldest first (`twapHistory`): the most recent 2000. */
  twapHistory(user: Address): TwapHistoryRecord[] {
    return this.twapHistoryOf.all(user, HISTORY_LIMITS.fills).map((r) => ({
      time: r.time,
      status: r.status as TwapStatus,
      twap: JSON.parse(r.state) as TwapView,
    }));
  }

  /** A user's orders with their latest status, most recent status first (`historicalOrders`): at most 2000. */
  orders(user: Address, limit: number = HISTORY_LIMITS.orders): OrderRecord[] {
    return this.ordersLatest.all(user, cap(limit, HISTORY_LIMITS.orders)).map(orderRecord);
  }

  /** The latest status of a user's order (`orderStatus` by oid), or undefined when the user never had that oid. */
  orderStatus(user: Address, oid: Oid): OrderRecord | undefined {
    const row = this.orderByOid.get(oid, user);
    return row === undefined ? undefined : orderRecord(row);
  }

  /** The latest status of the user's most recent order with this cloid (`orderStatus` by cloid), or undefined. */
  orderStatusByCloid(user: Address, cloid: Cloid): OrderRecord | undefined {
    const row = this.orderByCloid.get(user, cloid);
    return row === undefined ? undefined : orderRecord(row);
  }

  /** A user's funding payments in `[startTime, endTime]`, oldest first (`userFunding`): at most 500. */
  funding(user: Address, startTime: number, endTime: number = END): FundingRecord[] {
    return this.fundingRange.all(user, startTime, endTime, HISTORY_LIMITS.range).map((r) => ({
      user: r.user,
      asset: r.asset,
      time: r.time,
      usd: r.usd,
      size: r.size,
      rate: r.rate,
      samples: r.samples ?? undefined,
    }));
  }

  /** An asset's funding rates in `[startTime, endTime]`, oldest first (`fundingHistory`): at most 500. */
  fundingRates(asset: AssetId, startTime: number, endTime: number = END): FundingRateRecord[] {
    return this.fundingRateRange.all(asset, startTime, endTime, HISTORY_LIMITS.range).map((r) => ({ ...r }));
  }

  /** A user's ledger updates in `[startTime, endTime]`, oldest first (`userNonFundingLedgerUpdates`): at most 500. */
  ledger(user: Address, startTime: number, endTime: number = END): LedgerRecord[] {
    return this.ledgerRange.all(user, startTime, endTime, HISTORY_LIMITS.range).map((r) => ({
      user: r.user,
      time: r.time,
      delta: JSON.parse(r.delta) as LedgerDelta,
    }));
  }

  /** An asset's most recent trades, most recent first (`recentTrades`, the `trades` channel's snapshot). */
  trades(asset: AssetId, limit: number): TradeRecord[] {
    return this.tradesRecent.all(asset, cap(limit, END)).map((r) => ({
      asset: r.asset,
      tid: r.tid,
      time: r.time,
      price: r.price,
      size: r.size,
      takerIsBuy: r.takerIsBuy === 1,
      maker: r.maker,
      taker: r.taker,
    }));
  }

  /**
   * An asset's candles overlapping `[startTime, endTime]` (the bucket holding `startTime` included, as Hyperliquid
   * answers), by open time ascending (`candleSnapshot`). Only the 5000 most recent candles of the asset and interval
   * are reachable. Buckets without a fill have no candle.
   */
  candles(asset: AssetId, interval: CandleInterval, startTime: number, endTime: number = END): CandleRecord[] {
    const cut = this.candleCutoff.get(asset, interval, HISTORY_LIMITS.candles - 1);
    const from = Math.max(bucketStart(interval, startTime), cut?.t ?? BEFORE);
    return this.candleRange.all(asset, interval, from, endTime, HISTORY_LIMITS.candles).map((r) => ({
      asset: r.asset,
      interval: r.interval as CandleInterval,
      openTime: r.t,
      closeTime: r.tClose,
      open: r.o,
      high: r.h,
      low: r.l,
      close: r.c,
      volume: r.v,
      trades: r.n,
    }));
  }
}

function fillRecord(r: FillRow): FillRecord {
  return {
    user: r.user,
    asset: r.asset,
    time: r.time,
    tid: r.tid,
    oid: r.oid,
    cloid: r.cloid ?? undefined,
    price: r.price,
    size: r.size,
    isBuy: r.side === "B",
    startPosition: r.startPosition,
    fee: r.fee,
    closedPnl: r.closedPnl,
    builderFee: r.builderFee,
    dir: r.dir,
    crossed: r.crossed === 1,
    liquidation: r.liquidation === null ? undefined : (JSON.parse(r.liquidation) as LiquidationTag),
    ...(r.twapId === null ? {} : { twapId: r.twapId }),
  };
}

function orderRecord(r: OrderRow): OrderRecord {
  return {
    order: {
      oid: r.oid,
      user: r.user,
      asset: r.asset,
      isBuy: r.isBuy === 1,
      price: r.price,
      size: r.size,
      origSize: r.origSize,
      timestamp: r.timestamp,
      cloid: r.cloid ?? undefined,
      reduceOnly: r.reduceOnly === 1,
      tif: r.tif as Tif | null,
      trigger: r.trigger === null ? undefined : (JSON.parse(r.trigger) as TriggerView),
      isPositionTpsl: r.isPositionTpsl === 1,
    },
    status: r.status as OrderStatus,
    statusTime: r.statusTime,
  };
}
