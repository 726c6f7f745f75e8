/**
 * @module test/api/info/_fixture
 * One small exchange history for the /info tests, built through the real engine and recorded into an in-memory
 * history: deposits, oracle prices (mark = oracle), resting orders with and without cloid, a crossing trade, a stop
 * loss, a normalTpsl group waiting for its parent, an isolated BTC position, an hourly funding payment, a transfer,
 * a withdrawal, a canceled order, agents, a builder approval and a referral code. Every number the tests assert is
 * derived in the comments of the test that asserts it.
 */

import assert from "node:assert/strict";
import Database from "better-sqlite3";
import type { InfoContext } from "../../../src/api/context.ts";
import { handleInfo } from "../../../src/api/info/index.ts";
import { HISTORY_SCHEMA, History } from "../../../src/journal/history.ts";
import { ALICE, BOB, BTC, CAROL, Harness, limit, oidOf, SOL, statusesOf, T0, trigger } from "../../helpers/engine.ts";

export { ALICE, BOB, BTC, CAROL, SOL, T0 };

/** An address that never appears in the fixture. */
export const DAVE = `0x${"d".repeat(40)}`;
/** BOB's unnamed API wallet. */
export const AGENT = `0x${"1".repeat(40)}`;
/** BOB's named API wallet ("bot"). */
export const BOT = `0x${"2".repeat(40)}`;
/** A builder BOB approved. */
export const BUILDER = `0x${"3".repeat(40)}`;
/** The cloid of ALICE's resting SOL ask. */
export const ASK_CLOID = `0x${"ab".repeat(16)}`;

export const HOUR = 3_600_000;

/** The oids and times the tests refer to. */
export interface FixtureIds {
  aliceBid: number;
  aliceAsk: number;
  bobStop: number;
  carolParent: number;
  carolTp: number;
  carolSl: number;
  bobBtcAsk: number;
  carolBtcBuy: number;
  bobSolBuy: number;
  aliceCanceled: number;
  /** Time of the SOL trade. */
  solTradeTime: number;
  /** Time of the BTC trade. */
  btcTradeTime: number;
  /** Time of the funding payment (the first hour boundary after T0). */
  fundingTime: number;
  /** Times of the transfer and of the withdrawal. */
  sendTime: number;
  withdrawTime: number;
}

export interface Fixture {
  h: Harness;
  history: History;
  ctx: InfoContext;
  ids: FixtureIds;
  /** The clock the context reports. */
  now: number;
}

/** Records a harness's events into a fresh in-memory history. */
export function historyOf(h: Harness): History {
  const db = new Database(":memory:");
  db.exec(HISTORY_SCHEMA);
  const history = new History(db);
  db.transaction(() => history.record(h.log))();
  return history;
}

/** A context over a harness, its history and a fixed clock. */
export function contextOf(h: Harness, history: History, now: number): InfoContext {
  return { engine: h.engine, history, now: () => now };
}

export function buildFixture(): Fixture {
  const h = new Harness({ markRule: "oracle" }, []);
  h.deposit(ALICE, 100_000);
  h.deposit(BOB, 100_000);
  h.deposit(CAROL, 50_000);
  h.oracle(SOL, "100");
  h.oracle(BTC, "100000");

  // ALICE makes the SOL market: bid 99 × 10, ask 102 × 5 with a cloid.
  const aliceBid = oidOf(statusesOf(h.order(ALICE, [limit(SOL, true, "99", "10")]))[0]);
  const aliceAsk = oidOf(statusesOf(h.order(ALICE, [limit(SOL, false, "102", "5", "Gtc", { cloid: ASK_CLOID })]))[0]);
  // BOB lifts 2 SOL at 102 (taker): BOB long 2, ALICE short 2, 3 left on the ask.
  const bobSolBuy = oidOf(statusesOf(h.order(BOB, [limit(SOL, true, "102", "2", "Ioc")]))[0]);
  const solTradeTime = h.time;
  // BOB protects the long: stop market sell 2 at trigger 90 (worst price 85), reduce-only.
  const bobStop = Number(h.engine.state.nextOid);
  h.order(BOB, [trigger(SOL, false, "85", "2", "90", "sl")]);
  // CAROL: entry bid 95 × 1 with a take profit at 110 and a stop at 90, waiting for the entry to fill.
  const carol = statusesOf(
    h.order(
      CAROL,
      [
        limit(SOL, true, "95", "1"),
        trigger(SOL, false, "110", "1", "110", "tp"),
        trigger(SOL, false, "90", "1", "90", "sl"),
      ],
      "normalTpsl",
    ),
  );
  const carolParent = oidOf(carol[0]);
  // CAROL goes isolated 10x on BTC and buys 0.1 BTC from BOB at 100000.
  h.leverage(CAROL, BTC, false, 10);
  const bobBtcAsk = oidOf(statusesOf(h.order(BOB, [limit(BTC, false, "100000", "0.1")]))[0]);
  const carolBtcBuy = oidOf(statusesOf(h.order(CAROL, [limit(BTC, true, "100000", "0.1", "Ioc")]))[0]);
  const btcTradeTime = h.time;
  // Prices move: SOL 104, BTC 101000.
  h.oracle(SOL, "104");
  h.oracle(BTC, "101000");
  // The first hour boundary passes: funding at the interest rate alone (the books are too thin for impact prices).
  const fundingTime = T0 + HOUR;
  h.tick(fundingTime + 1);
  // Ledger: ALICE sends 100 USDC to CAROL, then withdraws 50 (1 USDC fee).
  h.send(ALICE, CAROL, "100");
  const sendTime = h.time;
  h.withdraw(ALICE, "50");
  const withdrawTime = h.time;
  // A canceled order.
  const aliceCanceled = oidOf(statusesOf(h.order(ALICE, [limit(SOL, true, "90", "1")]))[0]);
  h.cancel(ALICE, SOL, aliceCanceled);
  // BOB's identity: an unnamed agent, a named one valid for a day, a builder, a referral code.
  h.run({ type: "approveAgent", time: ++h.time, user: BOB, agent: AGENT, name: "" });
  h.run({ type: "approveAgent", time: ++h.time, user: BOB, agent: BOT, name: "bot", validUntil: T0 + 24 * HOUR });
  h.run({ type: "approveBuilderFee", time: ++h.time, user: BOB, builder: BUILDER, fee: 10 });
  h.run({ type: "setReferrer", time: ++h.time, user: BOB, code: "CCXT1" });

  const history = historyOf(h);
  const now = h.time + 1000;
  return {
    h,
    history,
    ctx: contextOf(h, history, now),
    now,
    ids: {
      aliceBid,
      aliceAsk,
      bobStop,
      carolParent,
      carolTp: carolParent + 1,
      carolSl: carolParent + 2,
      bobBtcAsk,
      carolBtcBuy,
      bobSolBuy,
      aliceCanceled,
      solTradeTime,
      btcTradeTime,
      fundingTime,
      sendTime,
      withdrawTime,
    },
  };
}

// ===== Asking

/** The JSON of a 200 answer; fails the test on anything else. */
export function ok(ctx: InfoContext, body: unknown): unknown {
  const answer = handleInfo(ctx, body);
  if (answer.status !== 200) assert.fail(`${JSON.stringify(body)} answered ${answer.status}: ${answer.text}`);
  // Through JSON, as a client sees it (drops nothing that should be there, catches undefined values).
  return JSON.parse(JSON.stringify(answer.json));
}

/** The text of a 422 answer; fails the test on anything else. */
export function refused(ctx: InfoContext, body: unknown): string {
  const answer = handleInfo(ctx, body);
  if (answer.status !== 422) assert.fail(`${JSON.stringify(body)} answered ${answer.status}, not 422`);
  return answer.text;
}

/** Hyperliquid's exact 422 text. */
export const DESERIALIZE = "Failed to deserialize the JSON body into the target type";

/** An address in mixed case, as the Python SDK may send a checksummed one. */
export function mixedCase(address: string): string {
  return `0x${[...address.slice(2)].map((c, i) => (i % 2 === 0 ? c.toUpperCase() : c)).join("")}`;
}

/** The default universe as `meta` prints it. */
export const DEFAULT_META = {
  universe: [
    { szDecimals: 5, name: "BTC", maxLeverage: 40, marginTableId: 56 },
    { szDecimals: 4, name: "ETH", maxLeverage: 25, marginTableId: 55 },
    { szDecimals: 2, name: "ATOM", maxLeverage: 5, marginTableId: 5 },
    { szDecimals: 1, name: "MATIC", maxLeverage: 20, marginTableId: 20, isDelisted: true },
    { szDecimals: 1, name: "DYDX", maxLeverage: 5, marginTableId: 5 },
    { szDecimals: 2, name: "SOL", maxLeverage: 20, marginTableId: 54 },
    { szDecimals: 2, name: "AVAX", maxLeverage: 10, marginTableId: 52 },
    { szDecimals: 3, name: "BNB", maxLeverage: 10, marginTableId: 51 },
    { szDecimals: 1, name: "APE", maxLeverage: 5, marginTableId: 5 },
    { szDecimals: 1, name: "OP", maxLeverage: 5, marginTableId: 5 },
    { szDecimals: 2, name: "LTC", maxLeverage: 10, marginTableId: 52 },
    { szDecimals: 1, name: "ARB", maxLeverage: 10, marginTableId: 51 },
    { szDecimals: 0, name: "DOGE", maxLeverage: 10, marginTableId: 52 },
    { szDecimals: 1, name: "INJ", maxLeverage: 5, marginTableId: 5 },
  ],
  marginTables: [
    [
      51,
      {
        description: "tiered 10x",
        marginTiers: [
          { lowerBound: "0.0", maxLeverage: 10 },
          { lowerBound: "3000000.0", maxLeverage: 5 },
        ],
      },
    ],
    [
      52,
      {
        description: "tiered 10x (2)",
        marginTiers: [
          { lowerBound: "0.0", maxLeverage: 10 },
          { lowerBound: "20000000.0", maxLeverage: 5 },
        ],
      },
    ],
    [
      54,
      {
        description: "tiered 20x (2)",
        marginTiers: [
          { lowerBound: "0.0", maxLeverage: 20 },
          { lowerBound: "70000000.0", maxLeverage: 10 },
        ],
      },
    ],
    [
      55,
      {
        description: "tiered 25x",
        marginTiers: [
          { lowerBound: "0.0", maxLeverage: 25 },
          { lowerBound: "100000000.0", maxLeverage: 15 },
        ],
      },
    ],
    [
      56,
      {
        description: "tiered 40x",
        marginTiers: [
          { lowerBound: "0.0", maxLeverage: 40 },
          { lowerBound: "150000000.0", maxLeverage: 20 },
        ],
      },
    ],
  ],
  collateralToken: 0,
};
