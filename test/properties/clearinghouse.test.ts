/**
 * @module test/properties/clearinghouse
 * Properties of the clearinghouse over random command streams: money is conserved to the micro-dollar (deposits =
 * cash + isolated cash + fees + withdrawals, also checked by checkInvariants after every command), open interest long
 * equals short, no account is left below maintenance after a liquidation sweep when the book can absorb it, and
 * snapshot round-trips and replays give the same state hash and the same future events.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { type Command, Engine, type OrderRequest } from "../../src/core/index.ts";

const USERS = ["a", "b", "c", "d"].map((c) => `0x${c.repeat(40)}`);
const T0 = 1_767_225_600_000;
const SOL = 5;
const ETH = 1;

const priceOf = (asset: number, ticks: number) => (asset === SOL ? String(90 + ticks / 2) : String(3000 + ticks * 5));
const user = (i: number) => USERS[i] as string;

const orderArb = fc.record({
  asset: fc.constantFrom(SOL, ETH),
  isBuy: fc.boolean(),
  ticks: fc.integer({ min: 0, max: 12 }),
  lots: fc.integer({ min: 1, max: 60 }),
  tif: fc.constantFrom<"Gtc" | "Ioc" | "Alo">("Gtc", "Gtc", "Gtc", "Ioc", "Alo"),
  reduceOnly: fc.constantFrom(false, false, false, false, true),
});

type Step =
  | {
      kind: "order";
      user: number;
      o: {
        asset: number;
        isBuy: boolean;
        ticks: number;
        lots: number;
        tif: "Gtc" | "Ioc" | "Alo";
        reduceOnly: boolean;
      };
    }
  | { kind: "oracle"; asset: number; ticks: number }
  | { kind: "leverage"; user: number; asset: number; cross: boolean; lev: number }
  | { kind: "send"; user: number; to: number; dollars: number }
  | { kind: "withdraw"; user: number; dollars: number }
  | { kind: "deposit"; user: number; dollars: number }
  | { kind: "wait"; ms: number }
  | { kind: "schedule"; user: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 30, arbitrary: fc.record({ kind: fc.constant("order" as const), user: fc.nat(3), o: orderArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("oracle" as const),
      asset: fc.constantFrom(SOL, ETH),
      ticks: fc.integer({ min: -20, max: 60 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("leverage" as const),
      user: fc.nat(3),
      asset: fc.constantFrom(SOL, ETH),
      cross: fc.boolean(),
      lev: fc.integer({ min: 1, max: 25 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("send" as const),
      user: fc.nat(3),
      to: fc.nat(3),
      dollars: fc.integer({ min: 1, max: 3000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("withdraw" as const),
      user: fc.nat(3),
      dollars: fc.integer({ min: 2, max: 3000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("deposit" as const),
      user: fc.nat(3),
      dollars: fc.integer({ min: 1, max: 2000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 1, max: 7_200_000 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("schedule" as const), user: fc.nat(3) }) },
);

/** Turns steps into commands with increasing times; every user starts with $2,000. */
function commands(steps: Step[]): Command[] {
  let time = T0;
  const out: Command[] = USERS.map((u) => ({ type: "deposit", time: ++time, user: u, usd: 2_000_000_000 }));
  out.push({
    type: "setOracle",
    time: ++time,
    prices: [
      { asset: SOL, price: "100" },
      { asset: ETH, price: "3100" },
    ],
  });
  for (const step of steps) {
    time += 1_000;
    switch (step.kind) {
      case "order": {
        const { o } = step;
        const size = o.asset === SOL ? (o.lots / 4).toFixed(2) : (o.lots / 100).toFixed(4);
        const order: OrderRequest = {
          asset: o.asset,
          isBuy: o.isBuy,
          // Bids sit a little higher than asks, so books cross often.
          price: priceOf(o.asset, o.isBuy ? o.ticks + 6 : o.ticks),
          size,
          reduceOnly: o.reduceOnly,
          kind: { limit: { tif: o.tif } },
        };
        out.push({ type: "order", time, user: user(step.user), grouping: "na", orders: [order] });
        break;
      }
      case "oracle":
        out.push({ type: "setOracle", time, prices: [{ asset: step.asset, price: priceOf(step.asset, step.ticks) }] });
        break;
      case "leverage":
        out.push({
          type: "updateLeverage",
          time,
          user: user(step.user),
          asset: step.asset,
          isCross: step.cross,
          leverage: step.lev,
        });
        break;
      case "send":
        out.push({
          type: "usdSend",
          time,
          user: user(step.user),
          destination: user(step.to),
          amount: String(step.dollars),
        });
        break;
      case "withdraw":
        out.push({
          type: "withdraw",
          time,
          user: user(step.user),
          destination: user(step.user),
          amount: String(step.dollars),
          nonce: time,
        });
        break;
      case "deposit":
        out.push({ type: "deposit", time, user: user(step.user), usd: step.dollars * 1_000_000 });
        break;
      case "wait":
        time += step.ms;
        out.push({ type: "tick", time });
        break;
      case "schedule":
        out.push({ type: "scheduleCancel", time, user: user(step.user), at: time + 5_000 });
        break;
    }
  }
  return out;
}

const streams = fc.array(stepArb, { minLength: 10, maxLength: 120 });

test("money is conserved and open interest balances after every command", () => {
  fc.assert(
    fc.property(streams, (steps) => {
      const engine = Engine.create();
      for (const cmd of commands(steps)) {
        engine.apply(cmd);
        engine.checkInvariants();
      }
      const s = engine.state;
      let held = s.treasury.fees + s.treasury.withdrawn;
      for (const a of s.accounts.values()) {
        held += a.cash;
        for (const p of a.positions.values()) held += p.isoRaw;
      }
      assert.equal(held, s.treasury.deposited);
      for (const asset of [SOL, ETH]) {
        let long = 0;
        let short = 0;
        for (const a of s.accounts.values()) {
          const size = a.position(asset);
          if (size > 0) long += size;
          else short -= size;
        }
        assert.equal(long, short);
        assert.equal(s.openInterest[asset], long);
      }
    }),
    { numRuns: 150 },
  );
});

test("the random streams do trade (the properties are not vacuous)", () => {
  const sample = fc.sample(streams, { numRuns: 50, seed: 7 });
  let fills = 0;
  for (const steps of sample) {
    const engine = Engine.create();
    for (const cmd of commands(steps)) fills += engine.apply(cmd).filter((e) => e.type === "fill").length;
  }
  assert.ok(fills > 100, `only ${fills} fills in 50 streams`);
});

test("after a mark update with a deep book, no account is left below maintenance", () => {
  fc.assert(
    fc.property(streams, fc.integer({ min: -20, max: 60 }), (steps, ticks) => {
      const engine = Engine.create({ markRule: "oracle" });
      for (const cmd of commands(steps)) engine.apply(cmd);
      // A deep-pocketed market maker quotes both sides deep and close to the new price, so market liquidations fill
      // within their 10% limit.
      let time = engine.state.time + 1;
      const mm = `0x${"e".repeat(40)}`;
      engine.apply({ type: "deposit", time, user: mm, usd: 1_000_000_000_000_000 });
      const sol = 90 + ticks / 2;
      const eth = 3000 + ticks * 5;
      for (const [asset, lo, hi, size] of [
        [SOL, String(sol - 1), String(sol + 1), "2000"],
        [ETH, String(eth - 20), String(eth + 20), "80"],
      ] as const) {
        engine.apply({
          type: "order",
          time: ++time,
          user: mm,
          grouping: "na",
          orders: [
            { asset, isBuy: true, price: lo, size, reduceOnly: false, kind: { limit: { tif: "Gtc" } } },
            { asset, isBuy: false, price: hi, size, reduceOnly: false, kind: { limit: { tif: "Gtc" } } },
          ],
        });
      }
      engine.apply({
        type: "setOracle",
        time: ++time,
        prices: [
          { asset: SOL, price: priceOf(SOL, ticks) },
          { asset: ETH, price: priceOf(ETH, ticks) },
        ],
      });
      engine.checkInvariants();
      for (const u of USERS) {
        const r = engine.accountRisk(u);
        const cross = r.positions.some((p) => p.leverage.type === "cross" && p.position.size !== 0);
        if (cross) assert.ok(r.crossValue >= r.crossMaintenance, `${u}: ${r.crossValue} < ${r.crossMaintenance}`);
        for (const p of r.positions) {
          if (p.leverage.type === "isolated") assert.ok(p.isolatedEquity >= p.maintenanceMargin, `${u} isolated`);
        }
      }
    }),
    { numRuns: 100 },
  );
});

test("a snapshot taken anywhere, restored and fed the rest, matches live and a full replay", () => {
  fc.assert(
    fc.property(streams, fc.nat(), (steps, cut) => {
      const cmds = commands(steps);
      const k = cut % cmds.length;
      const live = Engine.create();
      let restored: Engine | undefined;
      const liveEvents: unknown[] = [];
      const restoredEvents: unknown[] = [];
      cmds.forEach((cmd, i) => {
        liveEvents.push(live.apply(cmd));
        if (i === k) restored = Engine.fromSnapshot(JSON.parse(JSON.stringify(live.toSnapshot())));
        else if (restored !== undefined) restoredEvents.push(restored.apply(cmd));
      });
      assert.ok(restored);
      assert.equal(restored.stateHash(), live.stateHash());
      assert.deepEqual(restoredEvents, liveEvents.slice(k + 1));
      const replay = Engine.create();
      for (const cmd of cmds) replay.apply(cmd);
      assert.equal(replay.stateHash(), live.stateHash());
    }),
    { numRuns: 100 },
  );
});
