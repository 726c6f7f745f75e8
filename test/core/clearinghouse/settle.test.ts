/**
 * @module test/core/clearinghouse/settle
 * Settlement of fills: dir labels, weighted entry, closedPnl without fees, flips, fees, isolated margin movements.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { Account, isZeroPosition } from "../../../src/core/clearinghouse/account.ts";
import { direction, feeFor, settleLeg } from "../../../src/core/clearinghouse/settle.ts";

const cross = { type: "cross", value: 10 } as const;
const isolated = { type: "isolated", value: 5 } as const;

test("dir labels as Hyperliquid prints them", () => {
  assert.equal(direction(0, 5), "Open Long");
  assert.equal(direction(0, -5), "Open Short");
  assert.equal(direction(5, 8), "Open Long");
  assert.equal(direction(5, 2), "Close Long");
  assert.equal(direction(5, 0), "Close Long");
  assert.equal(direction(5, -1), "Long > Short");
  assert.equal(direction(-5, -8), "Open Short");
  assert.equal(direction(-5, 0), "Close Short");
  assert.equal(direction(-5, 2), "Short > Long");
});

test("fees: 0.045% taker on $12.852 rounds up to the micro-dollar; rebates are negative", () => {
  assert.equal(feeFor(12_852_000, 25_000), 3_213, "the Python cassette's 12.852 × 0.00025 = 0.003213");
  assert.equal(feeFor(1_000_000, 45_000), 450);
  assert.equal(feeFor(1_000_001, 45_000), 451);
  assert.equal(feeFor(1_000_000, -1_000), -10);
});

test("open, add, reduce, flip: entry is size-weighted, closedPnl = side × (px − entry) × closed size", () => {
  const a = new Account("0xa");
  // SOL: price units 10^-4, lots 10^-2. Buy 2 @ 100, buy 1 @ 130 → entry 110.
  let r = settleLeg(a, 5, cross, true, 100_0000, 200, 0);
  assert.deepEqual(r, { startPosition: 0, closedPnl: 0, fee: 0, dir: "Open Long" });
  settleLeg(a, 5, cross, true, 130_0000, 100, 0);
  assert.equal(a.positionOf(5).entryNotional, 330_000_000, "3 × 110");
  // Sell 1 @ 120: +$10 realized.
  r = settleLeg(a, 5, cross, false, 120_0000, 100, 90_000);
  assert.equal(r.closedPnl, 10_000_000);
  assert.equal(r.dir, "Close Long");
  // Sell 4 @ 90: closes 2 (−$40), opens 2 short at 90.
  r = settleLeg(a, 5, cross, false, 90_0000, 400, 0);
  assert.deepEqual([r.startPosition, r.closedPnl, r.dir], [200, -40_000_000, "Long > Short"]);
  assert.equal(a.position(5), -200);
  assert.equal(a.positionOf(5).entryNotional, 180_000_000, "short 2 @ 90");
  // Cash: −200 −130 +120 −0.09 fee +360 = $149.91.
  assert.equal(a.cash, 149_910_000);
});

test("isolated: initial margin moves in on opening and the position's equity moves out on closing", () => {
  const a = new Account("0xa");
  a.cash = 1_000_000_000; // $1,000
  settleLeg(a, 5, isolated, true, 100_0000, 1000, 0); // 10 SOL @ 100 at 5x: $200 margin
  assert.equal(a.cash, 800_000_000);
  assert.equal(a.positionOf(5).isoRaw, 200_000_000 - 1_000_000_000, "rawUsd = margin − size × entry");
  settleLeg(a, 5, isolated, false, 110_0000, 500, 0); // close half @ 110: equity 300 → release 150
  assert.equal(a.cash, 950_000_000);
  a.positionOf(5).funding.allTime = 7;
  settleLeg(a, 5, isolated, false, 110_0000, 500, 0); // close the rest: release the other 150
  assert.equal(a.cash, 1_100_000_000, "$1,000 + $100 profit");
  assert.ok(isZeroPosition(a.positionOf(5)), "a closed position is as a new one, its funding record too");
});
