/**
 * @module test/feeds/_twap
 * A small TWAP market for the TWAP channel tests: Bob rests an ask of 100 SOL at 101 on an oracle of 100, and
 * {@link twapTick} runs Dave's TWAP placement (its first slice fills at once) as one tick.
 */

import type { FeedContext, TickEvents } from "../../src/feeds/channel.ts";
import { Harness, limit, SOL } from "../helpers/engine.ts";
import { tickOf } from "./_fixture.ts";

export const DAVE = `0x${"d".repeat(40)}`;

export function twapMarket(): Harness {
  const h = new Harness({ markRule: "oracle" }, [`0x${"b".repeat(40)}`, DAVE]);
  h.oracle(SOL, "100");
  h.order(`0x${"b".repeat(40)}`, [limit(SOL, false, "101", "100")]);
  return h;
}

/** Places Dave's 11 SOL buy over 5 minutes as one tick. */
export function twapTick(h: Harness): { ctx: FeedContext; tick: TickEvents; now: number } {
  return tickOf(h, () =>
    h.run({
      type: "twapOrder",
      time: ++h.time,
      user: DAVE,
      asset: SOL,
      isBuy: true,
      size: "11",
      reduceOnly: false,
      minutes: 5,
      randomize: false,
    }),
  );
}
