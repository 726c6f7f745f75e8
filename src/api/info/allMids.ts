/**
 * @module api/info/allMids
 * `allMids`: coin → mid price for every listed perp. The mid is `(best bid + best ask) / 2`, exact; a market whose
 * book is one-sided or empty falls back to its last trade price (as Hyperliquid does), then to its mark (so a
 * market with only an oracle price still has a mid, which the Python SDK's market orders need); a market with no
 * price at all is left out, and so are delisted markets.
 * @see hyperliquid-api.md §4.4 allMids
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { formatPrice } from "../wire.ts";
import { Dex, type InfoRejection, unknownDex } from "./_schemas.ts";
import { formatMid } from "./_shapes.ts";

export const AllMidsRequest = v.object({ type: v.literal("allMids"), dex: Dex });

/** Coin → mid price. */
export type AllMidsResponse = Record<string, string>;

export function allMids(ctx: InfoContext, req: v.InferOutput<typeof AllMidsRequest>): AllMidsResponse | InfoRejection {
  const refused = unknownDex(req.dex);
  if (refused !== undefined) return refused;
  const { engine } = ctx;
  const mids: AllMidsResponse = {};
  for (const market of engine.state.universe.markets) {
    if (market.isDelisted === true) continue;
    const book = engine.state.books[market.asset];
    const bid = book?.bestBid();
    const ask = book?.bestAsk();
    if (bid !== undefined && ask !== undefined) {
      mids[market.name] = formatMid(market, bid, ask);
      continue;
    }
    const fallback = engine.state.prices[market.asset]?.lastTrade ?? engine.assetContext(market.asset)?.mark;
    if (fallback !== undefined) mids[market.name] = formatPrice(market, fallback);
  }
  // Spot pairs by their universe name (`PURR/USDC`, `@1`): the book's mid, else the last trade.
  const spot = engine.state.spot;
  for (const m of spot.markets) {
    const book = spot.books[m.pairIndex];
    const bid = book?.bestBid();
    const ask = book?.bestAsk();
    const last = spot.lastTrade[m.pairIndex];
    if (bid !== undefined && ask !== undefined) mids[m.name] = formatMid(m, bid, ask);
    else if (last !== undefined) mids[m.name] = formatPrice(m, last);
  }
  return mids;
}
