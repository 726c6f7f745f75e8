/**
 * @module api/info/_markets
 * One lookup over every market a wire name or asset id can name: the perps (`BTC`, asset 0..) and the spot pairs
 * (`PURR/USDC`, `@1`, asset 10000 + pair index). /info handlers and feeds that accept any coin resolve through it;
 * perp-only requests (`fundingHistory`, `activeAssetData`, leverage) keep using the perp universe.
 * @see hyperliquid-api.md §0 (coin names), §4.2 (asset ids)
 */

import type { AssetId, Book, Engine, Market, SpotMarket } from "../../core/index.ts";
import { isSpotAsset } from "../../core/index.ts";

/** Markets by asset id and by coin name. The perp `Universe` satisfies it (perps only). */
export interface MarketLookup {
  get(asset: AssetId): Market | undefined;
  byCoin(coin: string): Market | undefined;
}

/** Perps and spot pairs of an engine. */
export function marketsOf(engine: Engine): MarketLookup {
  const universe = engine.state.universe;
  return {
    get: (asset) => engine.marketOf(asset),
    byCoin: (coin) => universe.byCoin(coin) ?? engine.spotMarketByCoin(coin),
  };
}

/** The spot pair a market is, or undefined for a perp. */
export function asSpot(market: Market): SpotMarket | undefined {
  return isSpotAsset(market.asset) && "lotWei" in market ? (market as SpotMarket) : undefined;
}

/** The book of a market, perp or spot. */
export function bookOfMarket(engine: Engine, market: Market): Book | undefined {
  const spot = asSpot(market);
  return spot === undefined ? engine.state.books[market.asset] : engine.state.spot.books[spot.pairIndex];
}
