/**
 * @module core/markets/marginTables
 * Hyperliquid's margin tables: notional tiers, each with a maximum leverage. The maintenance margin rate of a tier is
 * half its initial margin rate at maximum leverage, and each tier's deduction keeps the maintenance margin continuous
 * in notional. Ids below 50 are single-tier tables whose maximum leverage is the id. Pure.
 * @see hyperliquid-mechanics.md §1.2
 */

import { mulDiv } from "../num.ts";

/** One tier: from `lowerBound` (10^-6 USD of notional) up, at most `maxLeverage`. */
export interface MarginTier {
  readonly lowerBound: number;
  readonly maxLeverage: number;
}

/** A margin table as configured (`meta.marginTables`). */
export interface MarginTable {
  readonly description: string;
  readonly tiers: readonly MarginTier[];
}

const M = 1_000_000;

/** Mainnet's tables for the default perps (docs, 2026-08). */
export const DEFAULT_MARGIN_TABLES: ReadonlyMap<number, MarginTable> = new Map([
  [
    56,
    {
      description: "tiered 40x",
      tiers: [
        { lowerBound: 0, maxLeverage: 40 },
        { lowerBound: 150_000_000 * M, maxLeverage: 20 },
      ],
    },
  ],
  [
    55,
    {
      description: "tiered 25x",
      tiers: [
        { lowerBound: 0, maxLeverage: 25 },
        { lowerBound: 100_000_000 * M, maxLeverage: 15 },
      ],
    },
  ],
  [
    54,
    {
      description: "tiered 20x (2)",
      tiers: [
        { lowerBound: 0, maxLeverage: 20 },
        { lowerBound: 70_000_000 * M, maxLeverage: 10 },
      ],
    },
  ],
  [
    52,
    {
      description: "tiered 10x (2)",
      tiers: [
        { lowerBound: 0, maxLeverage: 10 },
        { lowerBound: 20_000_000 * M, maxLeverage: 5 },
      ],
    },
  ],
  [
    51,
    {
      description: "tiered 10x",
      tiers: [
        { lowerBound: 0, maxLeverage: 10 },
        { lowerBound: 3_000_000 * M, maxLeverage: 5 },
      ],
    },
  ],
]);

/** The table of an id: a configured one, or the single tier of an id below 50. */
export function marginTable(id: number, tables: ReadonlyMap<number, MarginTable> = DEFAULT_MARGIN_TABLES): MarginTable {
  const table = tables.get(id);
  if (table !== undefined) return table;
  if (id >= 1 && id < 50) return { description: "", tiers: [{ lowerBound: 0, maxLeverage: id }] };
  throw new Error(`margin table ${id} is not configured`);
}

/** The index of the tier a notional falls in. */
export function tierIndex(table: MarginTable, notional: number): number {
  let i = 0;
  for (let k = 1; k < table.tiers.length; k++) if (notional > (table.tiers[k] as MarginTier).lowerBound) i = k;
  return i;
}

/** The maximum leverage allowed at a notional. */
export function maxLeverageAt(table: MarginTable, notional: number): number {
  return (table.tiers[tierIndex(table, notional)] as MarginTier).maxLeverage;
}

/**
 * Maintenance margin of a position of this notional (10^-6 USD), rounded up:
 * `notional / (2 × maxLeverage(tier)) − deduction(tier)`, with
 * `deduction(n) = deduction(n−1) + lowerBound(n) × (mmr(n) − mmr(n−1))`.
 */
export function maintenanceMargin(table: MarginTable, notional: number): number {
  const n = tierIndex(table, notional);
  const tier = table.tiers[n] as MarginTier;
  if (n === 0) return mulDiv(notional, 1, 2 * tier.maxLeverage, "ceil");
  // deduction(n) = Σ_{k=1..n} lowerBound(k) × (1/(2 L_k) − 1/(2 L_{k−1})), kept exact with bigint.
  let num = 0n;
  let den = 1n;
  for (let k = 1; k <= n; k++) {
    const lk = BigInt((table.tiers[k] as MarginTier).maxLeverage);
    const lp = BigInt((table.tiers[k - 1] as MarginTier).maxLeverage);
    const lb = BigInt((table.tiers[k] as MarginTier).lowerBound);
    // lb × (1/(2lk) − 1/(2lp)) = lb × (lp − lk) / (2 lk lp)
    const tNum = lb * (lp - lk);
    const tDen = 2n * lk * lp;
    num = num * tDen + tNum * den;
    den = den * tDen;
  }
  // mm = notional / (2 L) − num/den, rounded up.
  const L = BigInt(tier.maxLeverage);
  const totalNum = BigInt(notional) * den - num * 2n * L;
  const totalDen = 2n * L * den;
  if (totalNum <= 0n) return 0;
  const q = (totalNum + totalDen - 1n) / totalDen;
  return Number(q);
}

/** Initial margin of a notional at a leverage, rounded up. */
export function initialMargin(notional: number, leverage: number): number {
  return mulDiv(notional, 1, leverage, "ceil");
}
