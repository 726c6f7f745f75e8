/**
 * @module feeds/userFills
 * `userFills` `{type, user, aggregateByTime: false}`: a user's fills as /info `userFills` prints them. Snapshot on
 * subscribe `{isSnapshot: true, user, fills}` (the captured key order): the user's most recent fills, newest first, at
 * most 2000, as /info. Each tick with fills of the user pushes `{user, fills}` (no `isSnapshot` key, as the wire does),
 * in the order they happened; `aggregateByTime` merges the partial fills of one crossing order as /info does.
 * Also exports {@link fillRecordsOf}, the fill legs of a tick as history records, for the other user channels.
 * @see hyperliquid-api.md §1.7 (userFills payload, isSnapshot), §4.3 UserFill, §4.4 userFills
 */

import * as v from "valibot";
import { marketsOf } from "../api/info/_markets.ts";
import { userFills as wireFills } from "../api/info/_shapes.ts";
import { Address } from "../api/primitives.ts";
import type { Event, FillLeg } from "../core/index.ts";
import type { FillRecord } from "../journal/history.ts";
import type { ChannelSpec } from "./channel.ts";

export const UserFillsSubscription = v.object({
  type: v.literal("userFills"),
  user: Address,
  aggregateByTime: v.optional(v.boolean(), false),
});

export type UserFillsSub = v.InferOutput<typeof UserFillsSubscription>;

type FillEvent = Extract<Event, { type: "fill" }>;

/** One leg of a fill event as the history records it. */
export function fillRecordOf(e: FillEvent, leg: FillLeg, crossed: boolean): FillRecord {
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
    ...(leg.twapId === undefined ? {} : { twapId: leg.twapId }),
  };
}

/** A user's fill legs among events, in order (maker leg before taker leg, as the history writes them). */
export function fillRecordsOf(events: readonly Event[], user: string): FillRecord[] {
  const out: FillRecord[] = [];
  for (const e of events) {
    if (e.type !== "fill") continue;
    if (e.maker.user === user) out.push(fillRecordOf(e, e.maker, false));
    if (e.taker.user === user) out.push(fillRecordOf(e, e.taker, true));
  }
  return out;
}

export const userFills: ChannelSpec<UserFillsSub> = {
  type: "userFills",
  schema: UserFillsSubscription,
  users: (sub) => [sub.user],
  snapshot: (ctx, sub) => ({
    channel: "userFills",
    data: {
      isSnapshot: true,
      user: sub.user,
      fills: wireFills(marketsOf(ctx.engine), ctx.history.fills(sub.user), sub.aggregateByTime),
    },
  }),
  onTick: (ctx, sub, tick) => {
    const records = fillRecordsOf(tick.events, sub.user);
    if (records.length === 0) return undefined;
    const fills = wireFills(marketsOf(ctx.engine), records, sub.aggregateByTime);
    return { channel: "userFills", data: { user: sub.user, fills } };
  },
};
