/**
 * @module api/info/spotMetaAndAssetCtxs
 * `spotMetaAndAssetCtxs`: `[spotMeta, ctx[]]`, one context per pair: mid from the book, mark = mid else last trade,
 * rolling 24 h volume, supplies = the sum of all balances.
 * @see hyperliquid-api.md §4.4 spotMetaAndAssetCtxs, §4.3 SpotAssetCtx
 */

import * as v from "valibot";
import { type Engine, formatUnits } from "../../core/index.ts";
import { formatPrice } from "../wire.ts";
import type { InfoContext } from "../context.ts";
import { formatMid } from "./_shapes.ts";
import { type SpotMetaResponse, spotMetaOf } from "./spotMeta.ts";

export const SpotMetaAndAssetCtxsRequest = v.object({ type: v.literal("spotMetaAndAssetCtxs") });

/** A spot pair's context (none exist yet). */
export interface SpotAssetCtx {
  prevDayPx: string;
  dayNtlVlm: string;
  markPx: string;
  midPx: string | null;
  circulatingSupply: string;
  coin: string;
  totalSupply: string;
  dayBaseVlm: string;
}

export type SpotMetaAndAssetCtxsResponse = [meta: SpotMetaResponse, assetCtxs: SpotAssetCtx[]];

export function spotMetaAndAssetCtxs(
  ctx: InfoContext,
  _req: v.InferOutput<typeof SpotMetaAndAssetCtxsRequest>,
): SpotMetaAndAssetCtxsResponse {
  return [spotMetaOf(), spotAssetCtxs(ctx.engine)];
}

/** The spot pairs' contexts, in pair order. Supplies are the sum of every balance (what genesis created). */
export function spotAssetCtxs(engine: Engine): SpotAssetCtx[] {
  const spot = engine.state.spot;
  const since = engine.state.time - (engine.state.time % 3_600_000) - 86_400_000;
  return spot.markets.map((m): SpotAssetCtx => {
    const book = spot.books[m.pairIndex];
    const bid = book?.bestBid();
    const ask = book?.bestAsk();
    const mid = bid !== undefined && ask !== undefined ? formatMid(m, bid, ask) : null;
    const last = spot.lastTrade[m.pairIndex];
    let notional = 0;
    let base = 0;
    let prevDay: number | undefined;
    for (const b of spot.volume[m.pairIndex] ?? []) {
      if (b.hour <= since) continue;
      prevDay ??= b.openPrice;
      notional += b.notional;
      base += b.base;
    }
    let supply = 0;
    for (const byToken of spot.balances.values()) supply += byToken.get(m.baseToken)?.total ?? 0;
    const markPx = mid ?? (last === undefined ? "0.0" : formatPrice(m, last));
    const supplyText = formatUnits(supply, m.base.weiDecimals);
    return {
      prevDayPx: prevDay !== undefined ? formatPrice(m, prevDay) : markPx,
      dayNtlVlm: formatUnits(notional, 8),
      markPx,
      midPx: mid,
      circulatingSupply: supplyText,
      coin: m.name,
      totalSupply: supplyText,
      dayBaseVlm: formatUnits(base, m.szDecimals),
    };
  });
}
