/**
 * @module feeds/userFundings
 * `userFundings` `{type, user}`: a user's funding payments, each flat `{time, coin, usdc, szi, fundingRate,
 * nSamples}` (the `delta` of /info `userFunding` without its `type`, plus `time`). Snapshot on subscribe
 * `{isSnapshot: true, user, fundings}` with the payments /info `userFunding` answers without `startTime` (oldest
 * first, at most 500; Hyperliquid's snapshot window is UNCERTAIN). Each tick with payments to the user (the hourly
 * funding) pushes `{user, fundings}`. Also exports {@link fundingsOf} for `userEvents`.
 * @see hyperliquid-api.md §1.7 (userFundings payload), §1.8 (funding on the hour), §4.4 userFunding
 */

import * as v from "valibot";
import { userFundingEntry } from "../api/info/_shapes.ts";
import { Address } from "../api/primitives.ts";
import type { Event, Universe } from "../core/index.ts";
import type { FundingRecord } from "../journal/history.ts";
import type { ChannelSpec } from "./channel.ts";

export const UserFundingsSubscription = v.object({ type: v.literal("userFundings"), user: Address });

export type UserFundingsSub = v.InferOutput<typeof UserFundingsSubscription>;

/** One funding payment as the WebSocket prints it. */
export interface FundingItem {
  time: number;
  coin: string;
  usdc: string;
  szi: string;
  fundingRate: string;
  nSamples: number | null;
}

/** A funding record flat, or undefined for an unknown asset. */
export function fundingItem(universe: Universe, r: FundingRecord): FundingItem | undefined {
  const market = universe.get(r.asset);
  if (market === undefined) return undefined;
  const { type: _type, ...delta } = userFundingEntry(market, r).delta;
  return { time: r.time, ...delta };
}

/** A user's funding payments among events, in order; `nSamples` from the same tick's rate of that asset. */
export function fundingsOf(universe: Universe, events: readonly Event[], user: string): FundingItem[] {
  const out: FundingItem[] = [];
  for (const e of events) {
    if (e.type !== "funding" || e.user !== user) continue;
    const rate = events.find((r) => r.type === "fundingRate" && r.asset === e.asset && r.time === e.time);
    const samples = rate?.type === "fundingRate" ? rate.samples : undefined;
    const item = fundingItem(universe, { ...e, samples });
    if (item !== undefined) out.push(item);
  }
  return out;
}

export const userFundings: ChannelSpec<UserFundingsSub> = {
  type: "userFundings",
  schema: UserFundingsSubscription,
  users: (sub) => [sub.user],
  snapshot: (ctx, sub) => {
    const universe = ctx.engine.state.universe;
    const fundings = ctx.history.funding(sub.user, 0).flatMap((r) => fundingItem(universe, r) ?? []);
    return { channel: "userFundings", data: { isSnapshot: true, user: sub.user, fundings } };
  },
  onTick: (ctx, sub, tick) => {
    const fundings = fundingsOf(ctx.engine.state.universe, tick.events, sub.user);
    return fundings.length === 0 ? undefined : { channel: "userFundings", data: { user: sub.user, fundings } };
  },
};
