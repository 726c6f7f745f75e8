/**
 * @module core/markets/universe
 * The perp universe: each market's name, size decimals, maximum leverage and asset index, and the tick and lot units
 * derived from them. Pure data; the default set mirrors Hyperliquid mainnet's first entries, indices included, so
 * that a bot that hard-codes `BTC = 0` or `SOL = 5` works unchanged.
 */

import type { AssetId } from "../ids.ts";

/** Hyperliquid's MAX_DECIMALS for perp prices. @see hyperliquid-api.md §5.4 */
export const PERP_MAX_DECIMALS = 6;

/** One perp market as configured. */
export interface MarketConfig {
  /** Coin name as on the wire (`"BTC"`). */
  readonly name: string;
  /** Decimals of the size lot (`szDecimals`). */
  readonly szDecimals: number;
  /** Maximum leverage. */
  readonly maxLeverage: number;
  /** Id of the margin table (Hyperliquid's `marginTableId`). */
  readonly marginTableId: number;
  /** Only isolated margin allowed. */
  readonly onlyIsolated?: boolean;
  /** Delisted: listed for index stability, closed to new orders. */
  readonly isDelisted?: boolean;
  /** Notional (USD) whose average execution price is the impact price: 20,000 for BTC and ETH, else 6,000. */
  readonly impactNotional?: number;
}

/** A market as the engine uses it: config plus its index and derived units. */
export interface Market extends MarketConfig {
  /** Asset index, equal to the market's position in the universe. */
  readonly asset: AssetId;
  /** Decimals of a price: 6 − szDecimals. A price is an integer count of 10^-priceDecimals. */
  readonly priceDecimals: number;
  /** Impact notional, 10^-6 USD. */
  readonly impactNotionalMicro: number;
}

/**
 * Hyperliquid mainnet's first fourteen perps with their real parameters (from `{"type":"meta"}`), in mainnet order.
 * MATIC is delisted there and kept here so that the indices after it stay true.
 */
export const DEFAULT_PERPS: readonly MarketConfig[] = [
  { name: "BTC", szDecimals: 5, maxLeverage: 40, marginTableId: 56, impactNotional: 20_000 },
  { name: "ETH", szDecimals: 4, maxLeverage: 25, marginTableId: 55, impactNotional: 20_000 },
  { name: "ATOM", szDecimals: 2, maxLeverage: 5, marginTableId: 5 },
  { name: "MATIC", szDecimals: 1, maxLeverage: 20, marginTableId: 20, isDelisted: true },
  { name: "DYDX", szDecimals: 1, maxLeverage: 5, marginTableId: 5 },
  { name: "SOL", szDecimals: 2, maxLeverage: 20, marginTableId: 54 },
  { name: "AVAX", szDecimals: 2, maxLeverage: 10, marginTableId: 52 },
  { name: "BNB", szDecimals: 3, maxLeverage: 10, marginTableId: 51 },
  { name: "APE", szDecimals: 1, maxLeverage: 5, marginTableId: 5 },
  { name: "OP", szDecimals: 1, maxLeverage: 5, marginTableId: 5 },
  { name: "LTC", szDecimals: 2, maxLeverage: 10, marginTableId: 52 },
  { name: "ARB", szDecimals: 1, maxLeverage: 10, marginTableId: 51 },
  { name: "DOGE", szDecimals: 0, maxLeverage: 10, marginTableId: 52 },
  { name: "INJ", szDecimals: 1, maxLeverage: 5, marginTableId: 5 },
];

/** An indexed, validated universe. */
export class Universe {
  readonly markets: readonly Market[];
  private readonly byName: ReadonlyMap<string, Market>;

  /** Throws on an invalid configuration (a bug or a bad config file, never a user's order). */
  constructor(configs: readonly MarketConfig[]) {
    const names = new Map<string, Market>();
    this.markets = configs.map((c, asset) => {
      if (!/^[A-Za-z0-9]{1,20}$/.test(c.name))
        throw new Error(`market ${asset}: invalid name ${JSON.stringify(c.name)}`);
      if (!Number.isInteger(c.szDecimals) || c.szDecimals < 0 || c.szDecimals > PERP_MAX_DECIMALS) {
        throw new Error(`market ${c.name}: szDecimals must be an integer in 0..${PERP_MAX_DECIMALS}`);
      }
      if (!Number.isInteger(c.maxLeverage) || c.maxLeverage < 1 || c.maxLeverage > 100) {
        throw new Error(`market ${c.name}: maxLeverage must be an integer in 1..100`);
      }
      if (names.has(c.name)) throw new Error(`market ${c.name}: duplicate name`);
      const market: Market = {
        ...c,
        asset,
        priceDecimals: PERP_MAX_DECIMALS - c.szDecimals,
        impactNotionalMicro: (c.impactNotional ?? 6_000) * 1_000_000,
      };
      names.set(c.name, market);
      return market;
    });
    this.byName = names;
  }

  /** The market of an asset index, or undefined. */
  get(asset: AssetId): Market | undefined {
    return this.markets[asset];
  }

  /** The market of a coin name (case-sensitive, as Hyperliquid), or undefined. */
  byCoin(name: string): Market | undefined {
    return this.byName.get(name);
  }

  /** The configs, for snapshots. */
  configs(): MarketConfig[] {
    return this.markets.map(({ asset: _a, priceDecimals: _p, impactNotionalMicro: _i, ...c }) => c);
  }
}
