/**
 * @module test/sim/simulator
 * The market simulator against a real server over HTTP, stepped by hand (no timers): books get depth on BTC and ETH,
 * trades print, candles form, the agents' orders pass the tick rules, and the same seed (with fixed clocks) gives the
 * same books and oracle prices while another seed does not. Spot too: PURR/USDC and `@1` get two-sided books with spot
 * prices (8 − szDecimals decimals, 5 significant figures) around the simulator's own reference walk, trades print on
 * PURR/USDC, the agents hold spot balances from `spotGenesis`, no spot oracle is set, and the same seed gives the same
 * spot books.
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { App } from "../../src/server/app.ts";
import { createSimulator, httpTransport, type Simulator } from "../../src/sim/simulator.ts";
import { canonical, formatPrice, sizeForNotional } from "../../src/sim/price.ts";
import { Rng } from "../../src/sim/rng.ts";
import { post, startServer } from "../helpers/server.ts";

const STEPS = 20;
const T0 = 1_800_000_000_000;

interface Run {
  app: App;
  sim: Simulator;
}

/** A fresh server and simulator sharing one fixed clock that the test advances by tickMs per step. */
async function run(seed: string, steps: number): Promise<Run> {
  let now = T0;
  const clock = () => now;
  const app = await startServer({ clock });
  const sim = createSimulator({ transport: httpTransport(app.url), seed, clock, autoStep: false, tickMs: 500 });
  await sim.start();
  for (let i = 0; i < steps; i++) {
    now += 60_000 / 4; // 15 s per step, so candles of several minutes form
    await sim.step();
  }
  return { app, sim };
}

async function info(app: App, body: unknown): Promise<unknown> {
  return (await post(app, "/info", body)).body;
}

type Level = { px: string; sz: string; n: number };
async function book(app: App, coin: string): Promise<[Level[], Level[]]> {
  return ((await info(app, { type: "l2Book", coin })) as { levels: [Level[], Level[]] }).levels;
}

async function oraclePxs(app: App): Promise<string[]> {
  const r = (await info(app, { type: "metaAndAssetCtxs" })) as [unknown, { oraclePx: string }[]];
  return r[1].map((c) => c.oraclePx);
}

describe("sim/price", () => {
  it("rounds prices to 5 significant figures and 6 − szDecimals decimals", () => {
    assert.equal(formatPrice(65012.37, 1), "65012");
    assert.equal(formatPrice(3512.345, 2, "down"), "3512.3");
    assert.equal(formatPrice(3512.345, 2, "up"), "3512.4");
    assert.equal(formatPrice(0.1523456, 6), "0.15235");
    assert.equal(formatPrice(8.123456, 4), "8.1235");
    assert.equal(formatPrice(9.99999, 4), "10");
    assert.equal(formatPrice(123456.7, 1), "123457");
    assert.equal(sizeForNotional(1000, 65000, 5), "0.01539");
    // Spot: 8 − szDecimals decimals (PURR 0 → 8, HYPE 2 → 6), still 5 significant figures.
    assert.equal(formatPrice(0.2012345, 8), "0.20123");
    assert.equal(formatPrice(0.000123456, 8), "0.00012346");
    assert.equal(formatPrice(25.123456, 6, "down"), "25.123");
    assert.equal(sizeForNotional(100, 0.2, 0), "500");
  });

  it("the PRNG is seeded", () => {
    const a = new Rng("x");
    const b = new Rng("x");
    const c = new Rng("y");
    const xs = [a.next(), a.next(), a.normal()];
    assert.deepEqual(xs, [b.next(), b.next(), b.normal()]);
    assert.notEqual(xs[0], c.next());
  });
});

describe("sim/simulator", { timeout: 60_000 }, () => {
  it("makes a market: depth, trades, candles, valid orders; same seed same market", async () => {
    const a = await run("alpha", STEPS);
    const b = await run("alpha", STEPS);
    const c = await run("beta", STEPS);
    try {
      const { app, sim } = a;
      for (const coin of ["BTC", "ETH"]) {
        const [bids, asks] = await book(app, coin);
        assert.ok(bids.length >= 5 && asks.length >= 5, `${coin} book has depth: ${bids.length}/${asks.length}`);
        assert.ok(Number((bids[0] as Level).px) < Number((asks[0] as Level).px), `${coin} book not crossed`);
        const trades = (await info(app, { type: "recentTrades", coin })) as unknown[];
        assert.ok(trades.length > 0, `${coin} trades printed`);
        const candles = (await info(app, {
          type: "candleSnapshot",
          req: { coin, interval: "1m", startTime: T0 - 60_000, endTime: T0 + 3_600_000 },
        })) as unknown[];
        assert.ok(candles.length > 0, `${coin} candles formed`);
      }
      const ref = sim.prices();
      for (const [coin, szDecimals, opening] of [
        ["PURR/USDC", 0, 0.2],
        ["@1", 2, 25],
      ] as const) {
        const [bids, asks] = await book(app, coin);
        assert.ok(bids.length >= 5 && asks.length >= 5, `${coin} spot book has depth: ${bids.length}/${asks.length}`);
        const bid = Number((bids[0] as Level).px);
        const ask = Number((asks[0] as Level).px);
        assert.ok(bid < ask, `${coin} spot book not crossed`);
        const refPx = Number(ref[coin]);
        assert.ok(bid < refPx * 1.01 && ask > refPx * 0.99, `${coin} quotes around its reference ${refPx}`);
        assert.ok(refPx > opening * 0.8 && refPx < opening * 1.25, `${coin} walk starts at ${opening}: ${refPx}`);
        for (const l of [...bids, ...asks]) {
          const [whole = "", frac = ""] = canonical(l.px).split(".");
          assert.ok(frac.length <= 8 - szDecimals, `${coin} price ${l.px} has at most ${8 - szDecimals} decimals`);
          assert.ok(
            `${whole}${frac}`.replace(/^0+/, "").length <= 5 || frac === "",
            `${coin} price ${l.px}: 5 figures`,
          );
          assert.ok((canonical(l.sz).split(".")[1] ?? "").length <= szDecimals, `${coin} size ${l.sz} in szDecimals`);
        }
      }
      const purrTrades = (await info(app, { type: "recentTrades", coin: "PURR/USDC" })) as { px: string }[];
      assert.ok(purrTrades.length > 0, "PURR/USDC trades printed");
      const spotCtxs = (await info(app, { type: "spotMetaAndAssetCtxs" })) as [unknown, { coin: string }[]];
      assert.ok(spotCtxs[1].some((c) => c.coin === "PURR/USDC"));
      const perpCoins = ((await info(app, { type: "meta" })) as { universe: { name: string }[] }).universe.map(
        (u) => u.name,
      );
      assert.ok(!perpCoins.includes("PURR/USDC"), "spot reference prices are not perp oracles");
      const makerSpot = (await info(app, { type: "spotClearinghouseState", user: sim.addresses.makers[0] })) as {
        balances: { coin: string; total: string }[];
      };
      assert.deepEqual(
        makerSpot.balances.map((b) => b.coin),
        ["USDC", "PURR", "HYPE"],
        "the maker holds spot USDC, PURR and HYPE",
      );
      for (const b of makerSpot.balances) assert.ok(Number(b.total) > 0, `maker ${b.coin} > 0`);

      assert.equal(sim.stats.steps, STEPS);
      assert.equal(sim.stats.errors, 0, `no errors: ${sim.stats.lastErrors.join(" | ")}`);
      assert.ok(sim.stats.takerFills > 0);
      console.log(JSON.stringify(sim.stats));

      for (const coin of ["BTC", "ETH", "SOL", "DOGE", "PURR/USDC", "@1"])
        assert.deepEqual(await book(b.app, coin), await book(a.app, coin));
      assert.deepEqual(await oraclePxs(b.app), await oraclePxs(a.app));
      assert.deepEqual(b.sim.prices(), a.sim.prices());
      assert.notDeepEqual(await oraclePxs(c.app), await oraclePxs(a.app));
      assert.notDeepEqual(await book(c.app, "BTC"), await book(a.app, "BTC"));
      assert.notDeepEqual(await book(c.app, "PURR/USDC"), await book(a.app, "PURR/USDC"));
      assert.deepEqual(
        await info(b.app, { type: "recentTrades", coin: "PURR/USDC" }),
        await info(a.app, { type: "recentTrades", coin: "PURR/USDC" }),
      );
    } finally {
      await Promise.all([a.app.close(), b.app.close(), c.app.close()]);
    }
  });
});
