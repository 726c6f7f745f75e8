/**
 * @module api/info/twapHistory
 * `twapHistory`: a user's TWAP orders, one entry per status change (`activated`, then `finished` or `terminated`),
 * oldest first, each with the TWAP as it stood. `time` is in seconds, as Hyperliquid's. Also exports the `TwapState`
 * shape that `twapStates` and `webData2` print.
 * @see hyperliquid-api.md §4.3 TwapState / TwapHistory, §4.4 twapHistory
 */

import * as v from "valibot";
import type { TwapStatus, TwapView, Universe } from "../../core/index.ts";
import type { TwapHistoryRecord } from "../../journal/history.ts";
import type { InfoContext } from "../context.ts";
import { formatSize, formatUsd, side } from "../wire.ts";
import { Address, type Hex } from "./_schemas.ts";

export const TwapHistoryRequest = v.object({ type: v.literal("twapHistory"), user: Address });

/** `TwapState`. Trigger and stop prices are always null (hyperlocal runs no triggered TWAPs). */
export interface TwapState {
  coin: string;
  executedNtl: string;
  executedSz: string;
  minutes: number;
  randomize: boolean;
  reduceOnly: boolean;
  side: "A" | "B";
  stopPx: string | null;
  sz: string;
  timestamp: number;
  trigger: { px: string; above: boolean } | null;
  user: Hex;
}

/** `TwapHistory`. */
export interface TwapHistory {
  /** Seconds. */
  time: number;
  state: TwapState;
  status: { status: TwapStatus };
  twapId: number;
}

export type TwapHistoryResponse = TwapHistory[];

/** A TWAP as `TwapState`, or undefined for an unknown asset. */
export function twapState(universe: Universe, t: TwapView): TwapState | undefined {
  const market = universe.get(t.asset);
  if (market === undefined) return undefined;
  return {
    coin: market.name,
    executedNtl: formatUsd(t.executedNotional),
    executedSz: formatSize(market, t.executedSize),
    minutes: t.minutes,
    randomize: t.randomize,
    reduceOnly: t.reduceOnly,
    side: side(t.isBuy),
    stopPx: null,
    sz: formatSize(market, t.size),
    timestamp: t.timestamp,
    trigger: null,
    user: t.user as Hex,
  };
}

/** History records as `TwapHistory[]`. */
export function twapHistories(universe: Universe, records: readonly TwapHistoryRecord[]): TwapHistory[] {
  const out: TwapHistory[] = [];
  for (const r of records) {
    const state = twapState(universe, r.twap);
    if (state !== undefined) {
      out.push({ time: Math.floor(r.time / 1000), state, status: { status: r.status }, twapId: r.twap.twapId });
    }
  }
  return out;
}

/** `[twapId, TwapState][]` of a user's running TWAPs (`twapStates`, `webData2.twapStates`). */
export function twapStates(ctx: InfoContext, user: string): [number, TwapState][] {
  const universe = ctx.engine.state.universe;
  const out: [number, TwapState][] = [];
  for (const t of ctx.engine.twaps(user)) {
    const state = twapState(universe, t);
    if (state !== undefined) out.push([t.twapId, state]);
  }
  return out;
}

export function twapHistory(ctx: InfoContext, req: v.InferOutput<typeof TwapHistoryRequest>): TwapHistoryResponse {
  return twapHistories(ctx.engine.state.universe, ctx.history.twapHistory(req.user));
}
