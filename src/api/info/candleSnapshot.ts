/**
 * @module api/info/candleSnapshot
 * `candleSnapshot`: the candles of a coin and interval overlapping `[startTime, endTime]` (the bucket holding
 * `startTime` included), by open time ascending, among the 5000 most recent. Intervals without a trade have no
 * candle. An unknown coin answers `[]`.
 * @see hyperliquid-api.md §3 (candles), §4.4 candleSnapshot
 */

import * as v from "valibot";
import type { CandleInterval } from "../../journal/history.ts";
import type { InfoContext } from "../context.ts";
import { marketsOf } from "./_markets.ts";
import { Coin, maybe, UInt } from "./_schemas.ts";
import { type Candle, candle } from "./_shapes.ts";

/** Hyperliquid's 14 interval names, exact (case-sensitive: "1m" a minute, "1M" a month). */
export const INTERVALS = [
  "1m",
  "3m",
  "5m",
  "15m",
  "30m",
  "1h",
  "2h",
  "4h",
  "8h",
  "12h",
  "1d",
  "3d",
  "1w",
  "1M",
] as const satisfies readonly CandleInterval[];

export const CandleSnapshotRequest = v.object({
  type: v.literal("candleSnapshot"),
  req: v.object({ coin: Coin, interval: v.picklist(INTERVALS), startTime: UInt, endTime: maybe(UInt) }),
});

export type CandleSnapshotResponse = Candle[];

export function candleSnapshot(
  ctx: InfoContext,
  { req }: v.InferOutput<typeof CandleSnapshotRequest>,
): CandleSnapshotResponse {
  const market = marketsOf(ctx.engine).byCoin(req.coin);
  if (market === undefined) return [];
  return ctx.history.candles(market.asset, req.interval, req.startTime, req.endTime).map((r) => candle(market, r));
}
