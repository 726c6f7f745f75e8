/**
 * @module core/config
 * The engine's configuration: markets, margin tables, fees, funding, liquidation parameters. Part of every snapshot,
 * so a journal always replays under the configuration it was written with. Pure data with Hyperliquid's defaults.
 */

import type { Address } from "./ids.ts";
import { DEFAULT_MARGIN_TABLES, type MarginTable } from "./markets/marginTables.ts";
import { DEFAULT_PERPS, type MarketConfig } from "./markets/universe.ts";

/** Denominator of fee rates: rates are parts per 10^8 (45_000 = 0.045%). */
export const FEE_SCALE = 100_000_000;
/** Denominator of funding rates and premiums: parts per 10^12. */
export const RATE_SCALE = 1_000_000_000_000;
/** 10^-6 USD per USD. */
export const USD = 1_000_000;

export interface EngineConfig {
  readonly markets: readonly MarketConfig[];
  /** `[id, table]` pairs; ids below 50 need no entry. */
  readonly marginTables: readonly (readonly [number, MarginTable])[];
  /** Perp taker fee, parts per 10^8 (Hyperliquid base tier: 0.045%). */
  readonly takerFee: number;
  /** Perp maker fee, parts per 10^8 (base tier: 0.015%; negative is a rebate). */
  readonly makerFee: number;
  /** Funding interval (ms): one payment per interval, on its boundaries. */
  readonly fundingIntervalMs: number;
  /** Premium sampling period (ms). */
  readonly premiumSampleMs: number;
  /** Interest rate per 8 hours, parts per 10^12 (0.01%). */
  readonly interestRate8h: number;
  /** Clamp on (interest − premium), parts per 10^12 (0.05%). */
  readonly premiumClamp: number;
  /** Cap on the hourly funding rate, parts per 10^12 (4%). */
  readonly fundingCapHourly: number;
  /** Fee of a withdrawal, 10^-6 USD ($1). */
  readonly withdrawFee: number;
  /** Fee of the first transfer to an account that does not exist yet, 10^-6 USD ($1). */
  readonly activationFee: number;
  /** Positions above this notional (10^-6 USD) are liquidated 20% at a time. */
  readonly partialLiquidationNotional: number;
  /** Share of a large position sent per partial liquidation, percent. */
  readonly partialLiquidationPercent: number;
  /** After a partial liquidation, liquidations are for the whole position during this long (ms). */
  readonly partialLiquidationCooldownMs: number;
  /** The backstop liquidator account. */
  readonly liquidator: Address;
  /** Default leverage for an asset without a choice: min(this, asset max), cross. */
  readonly defaultLeverage: number;
  /**
   * How the mark price follows the oracle: `"hyperliquid"` (the median rule of the mechanics doc, §2), or `"oracle"`
   * (mark = oracle, so a scenario or a test moves the mark exactly; hyperlocal's own option).
   */
  readonly markRule: "hyperliquid" | "oracle";
  /**
   * Traded volume (10^-6 USD) a master needs before `createSubAccount`; absent = Hyperliquid's $100,000. Optional and
   * absent from the defaults so that existing snapshots and their hashes are unchanged.
   */
  readonly subAccountMinVolume?: number;
}

export const DEFAULT_CONFIG: EngineConfig = {
  markets: DEFAULT_PERPS,
  marginTables: [...DEFAULT_MARGIN_TABLES.entries()],
  takerFee: 45_000,
  makerFee: 15_000,
  fundingIntervalMs: 3_600_000,
  premiumSampleMs: 5_000,
  interestRate8h: 100_000_000,
  premiumClamp: 500_000_000,
  fundingCapHourly: 40_000_000_000,
  withdrawFee: 1 * USD,
  activationFee: 1 * USD,
  partialLiquidationNotional: 100_000 * USD,
  partialLiquidationPercent: 20,
  partialLiquidationCooldownMs: 30_000,
  liquidator: "0x0000000000000000000000000000000000000001",
  defaultLeverage: 20,
  markRule: "hyperliquid",
};

/** A full configuration from defaults and overrides. */
export function makeConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return { ...DEFAULT_CONFIG, ...overrides };
}
