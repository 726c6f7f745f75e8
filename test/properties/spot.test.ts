/**
 * @module test/properties/spot
 * Spot over random command streams: every token is conserved to the wei (balances + fees = genesis, and USDC also
 * = what came from perp), holds always equal what resting orders reserve and never exceed totals (checked by
 * checkInvariants after every command), and a snapshot round-trip keeps the state hash.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { type Command, Engine } from "../../src/core/index.ts";

const USERS = ["a", "b", "c"].map((c) => `0x${c.repeat(40)}`);
const T0 = 1_767_225_600_000;
const PURR = 10_000;
const HYPE = 10_001;
const user = (i: number) => USERS[i] as string;

const stepArb = fc.oneof(
  fc.record({
    kind: fc.constant("order" as const),
    user: fc.integer({ min: 0, max: 2 }),
    asset: fc.constantFrom(PURR, HYPE),
    isBuy: fc.boolean(),
    ticks: fc.integer({ min: 0, max: 8 }),
    lots: fc.integer({ min: 1, max: 400 }),
    tif: fc.constantFrom<"Gtc" | "Ioc" | "Alo">("Gtc", "Gtc", "Ioc", "Alo"),
  }),
  fc.record({ kind: fc.constant("cancelAll" as const), user: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    kind: fc.constant("send" as const),
    user: fc.integer({ min: 0, max: 2 }),
    to: fc.integer({ min: 0, max: 2 }),
    token: fc.constantFrom("USDC:0x6d1e7cde53ba9467b783cb7c530ce054", "PURR:0xc1fb593aeffbeb02f85e0308e9956a90"),
    amount: fc.constantFrom("1", "3.5", "250", "0.00001"),
  }),
  fc.record({
    kind: fc.constant("class" as const),
    user: fc.integer({ min: 0, max: 2 }),
    toPerp: fc.boolean(),
    amount: fc.constantFrom("5", "100.25", "5000"),
  }),
);

test("spot tokens are conserved and holds stay true over random streams", () => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
      const e = Engine.create();
      let time = T0;
      for (const [i, u] of USERS.entries()) {
        e.apply({ type: "deposit", time: ++time, user: u, usd: 100_000_000_000 });
        e.apply({ type: "usdClassTransfer", time: ++time, user: u, amount: "20000", toPerp: false });
        e.apply({ type: "spotGenesis", time: ++time, user: u, token: 1, amount: (i + 1) * 100_000_000 });
        e.apply({ type: "spotGenesis", time: ++time, user: u, token: 2, amount: (i + 1) * 10_000_000_000 });
      }
      for (const st of steps) {
        let cmd: Command;
        if (st.kind === "order") {
          const price = st.asset === PURR ? String((20 + st.ticks) / 100) : String((100 + st.ticks) / 4);
          const size = st.asset === PURR ? String(st.lots) : String(st.lots / 100);
          cmd = {
            type: "order",
            time: ++time,
            user: user(st.user),
            grouping: "na",
            orders: [
              { asset: st.asset, isBuy: st.isBuy, price, size, reduceOnly: false, kind: { limit: { tif: st.tif } } },
            ],
          };
        } else if (st.kind === "cancelAll") {
          const cancels = e.liveOrders(user(st.user)).map(([oid, asset]) => ({ asset, oid }));
          cmd = { type: "cancel", time: ++time, user: user(st.user), cancels };
        } else if (st.kind === "send") {
          cmd = {
            type: "spotSend",
            time: ++time,
            user: user(st.user),
            destination: user(st.to),
            token: st.token,
            amount: st.amount,
          };
        } else {
          cmd = { type: "usdClassTransfer", time: ++time, user: user(st.user), amount: st.amount, toPerp: st.toPerp };
        }
        e.apply(cmd);
        e.checkInvariants();
      }
      const restored = Engine.fromSnapshot(JSON.parse(JSON.stringify(e.toSnapshot())));
      restored.checkInvariants();
      assert.equal(restored.stateHash(), e.stateHash());
    }),
    { numRuns: 150, seed: 8 },
  );
});
