/**
 * @module test/feeds/_spot
 * A spot setting for the channel tests: ALICE moves 1000 USDC to spot, BOB receives 1000 PURR by genesis and rests a
 * sell of 100 PURR at 0.2 on PURR/USDC (asset 10000); the tick is ALICE buying 60 of them (Ioc).
 * Hand check: ALICE pays 12 USDC and a 0.07% taker fee in PURR (0.042 PURR); BOB receives 12 USDC less a 0.04%
 * maker fee (0.0048 USDC); 40 PURR stay on the book, held from BOB's balance.
 */

import type { FeedContext, TickEvents } from "../../src/feeds/channel.ts";
import { ALICE, BOB, Harness, limit } from "../helpers/engine.ts";
import { tickOf } from "./_fixture.ts";

export const PURR = 10_000;

export function spotTick(): { h: Harness; ctx: FeedContext; tick: TickEvents; now: number } {
  const h = new Harness();
  h.run({ type: "usdClassTransfer", time: ++h.time, user: ALICE, amount: "1000", toPerp: false });
  h.run({ type: "spotGenesis", time: ++h.time, user: BOB, token: 1, amount: 1000 * 100_000 });
  h.order(BOB, [limit(PURR, false, "0.2", "100")]);
  return { h, ...tickOf(h, () => h.order(ALICE, [limit(PURR, true, "0.2", "60", "Ioc")])) };
}
