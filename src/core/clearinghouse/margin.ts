/**
 * @module core/clearinghouse/margin
 * What an account is worth and what it must hold, as Hyperliquid computes it: position value, unrealized PnL,
 * initial margin (notional / leverage), tiered maintenance margin, cross and isolated equity, withdrawable, order
 * margin and liquidation price. Pure functions of an account and the prices; nothing here changes state.
 * @see hyperliquid-mechanics.md §1.2–§1.5, §4.1
 */

import type { EngineConfig } from "../config.ts";
import type { AssetId } from "../ids.ts";
import { initialMargin, maintenanceMargin, type MarginTable, marginTable } from "../markets/marginTables.ts";
import type { PriceState } from "../markets/prices.ts";
import type { Market, Universe } from "../markets/universe.ts";
import { ceilDiv, floorDiv, mulDiv } from "../num.ts";
import type { Account, Leverage, Position } from "./account.ts";

/** What the margin functions read. */
export interface MarginEnv {
  readonly universe: Universe;
  readonly tables: ReadonlyMap<number, MarginTable>;
  readonly prices: readonly PriceState[];
  readonly config: EngineConfig;
}

/** One position's risk figures, 10^-6 USD unless named otherwise. */
export interface PositionRisk {
  readonly asset: AssetId;
  readonly position: Position;
  readonly leverage: Leverage;
  /** Price used for value (mark, else last trade, else oracle, else entry), tick units. */
  readonly mark: number;
  /** |size| × mark. */
  readonly notional: number;
  /** size × mark − signed entry notional. */
  readonly unrealizedPnl: number;
  /** notional / leverage. */
  readonly initialMargin: number;
  readonly maintenanceMargin: number;
  /** Isolated only: isoRaw + size × mark. */
  readonly isolatedEquity: number;
}

/** An account's risk figures. */
export interface AccountRisk {
  readonly positions: readonly PositionRisk[];
  /** cash + Σ cross size × mark. */
  readonly crossValue: number;
  readonly crossNotional: number;
  readonly crossInitialMargin: number;
  readonly crossMaintenance: number;
  /** Σ isolated equity. */
  readonly isolatedValue: number;
  readonly isolatedNotional: number;
  /** Margin reserved by resting orders. */
  readonly orderMargin: number;
  /** What can leave the account: cross value − max(cross IM, 10% of cross notional), at least 0. */
  readonly withdrawable: number;
}

/** Default leverages per universe (a universe belongs to one engine and never changes). */
const defaults = new WeakMap<Universe, readonly Leverage[]>();

/** The leverage in force for an asset: the user's choice, else cross at min(default, max). */
export function leverageOf(env: MarginEnv, account: Account, asset: AssetId): Leverage {
  const chosen = account.leverage.get(asset);
  if (chosen !== undefined) return chosen;
  let table = defaults.get(env.universe);
  if (table === undefined) {
    table = env.universe.markets.map((market): Leverage => {
      const value = Math.min(env.config.defaultLeverage, market.maxLeverage);
      return market.onlyIsolated === true ? { type: "isolated", value } : { type: "cross", value };
    });
    defaults.set(env.universe, table);
  }
  return table[asset] as Leverage;
}

/** The margin table of an asset. */
export function tableOf(env: MarginEnv, asset: AssetId): MarginTable {
  return marginTable((env.universe.get(asset) as Market).marginTableId, env.tables);
}

/** The price positions of an asset are valued at: mark, else last trade, else oracle. */
export function markOf(env: MarginEnv, asset: AssetId): number | undefined {
  const p = env.prices[asset];
  return p?.mark ?? p?.lastTrade ?? p?.oracle;
}

/** Risk figures of one position. */
export function positionRisk(env: MarginEnv, account: Account, asset: AssetId, position: Position): PositionRisk {
  const abs = Math.abs(position.size);
  const entry = abs === 0 ? 0 : floorDiv(position.entryNotional, abs);
  const mark = markOf(env, asset) ?? entry;
  const notional = abs * mark;
  const signedEntry = position.size >= 0 ? position.entryNotional : -position.entryNotional;
  const leverage = leverageOf(env, account, asset);
  return {
    asset,
    position,
    leverage,
    mark,
    notional,
    unrealizedPnl: position.size * mark - signedEntry,
    initialMargin: initialMargin(notional, leverage.value),
    maintenanceMargin: maintenanceMargin(tableOf(env, asset), notional),
    isolatedEquity: leverage.type === "isolated" ? position.isoRaw + position.size * mark : 0,
  };
}

/** Margin reserved by an account's resting orders: per asset, the larger side's notional / leverage. */
export function orderMargin(env: MarginEnv, account: Account): number {
  let total = 0;
  // Values, not entries: an entry array per asset per order check is garbage the hot path need not make.
  for (const { asset, buy, sell } of account.orderNotional.values()) {
    if (buy === 0 && sell === 0) continue;
    total += initialMargin(buy > sell ? buy : sell, leverageOf(env, account, asset).value);
  }
  return total;
}

/**
 * Cross value minus cross initial margin (without order margin), the quick figure the order checks need: no
 * maintenance margin, no per-position objects.
 */
export function freeCrossMargin(env: MarginEnv, account: Account): number {
  let free = account.cash;
  for (const position of account.positions.values()) {
    const size = position.size;
    if (size === 0) continue;
    const asset = position.asset;
    const leverage = leverageOf(env, account, asset);
    if (leverage.type !== "cross") continue;
    const mark = markOf(env, asset) ?? floorDiv(position.entryNotional, size < 0 ? -size : size);
    free += size * mark - initialMargin((size < 0 ? -size : size) * mark, leverage.value);
  }
  return free;
}

/** Risk figures of a whole account. */
export function accountRisk(env: MarginEnv, account: Account): AccountRisk {
  const positions: PositionRisk[] = [];
  let crossValue = account.cash;
  let crossNotional = 0;
  let crossInitialMargin = 0;
  let crossMaintenance = 0;
  let isolatedValue = 0;
  let isolatedNotional = 0;
  for (const [asset, position] of account.positions) {
    if (position.size === 0 && position.isoRaw === 0) continue;
    const r = positionRisk(env, account, asset, position);
    positions.push(r);
    if (r.leverage.type === "cross") {
      crossValue += position.size * r.mark;
      crossNotional += r.notional;
      crossInitialMargin += r.initialMargin;
      crossMaintenance += r.maintenanceMargin;
    } else {
      isolatedValue += r.isolatedEquity;
      isolatedNotional += r.notional;
    }
  }
  positions.sort((a, b) => a.asset - b.asset);
  const transferRequired = Math.max(crossInitialMargin, ceilDiv(crossNotional, 10));
  return {
    positions,
    crossValue,
    crossNotional,
    crossInitialMargin,
    crossMaintenance,
    isolatedValue,
    isolatedNotional,
    orderMargin: orderMargin(env, account),
    withdrawable: Math.max(0, crossValue - transferRequired),
  };
}

/** Cross margin free for new orders: cross value − cross IM − order margin. */
export function availableMargin(risk: AccountRisk): number {
  return risk.crossValue - risk.crossInitialMargin - risk.orderMargin;
}

/**
 * Liquidation price (tick units) of a position, or undefined when none is finite:
 * `mark − side × available / |size| / (1 − side × mmr)`, `available` = equity − maintenance margin
 * (cross: the whole cross account; isolated: the position), mmr = 1 / (2 × max leverage of the tier).
 * @see hyperliquid-mechanics.md §4.1
 */
export function liquidationPrice(env: MarginEnv, risk: AccountRisk, p: PositionRisk): number | undefined {
  const size = p.position.size;
  if (size === 0) return undefined;
  const table = tableOf(env, p.asset);
  const tier = table.tiers.find((_, i, all) => i === all.length - 1 || p.notional <= (all[i + 1]?.lowerBound ?? 0));
  const twoL = 2 * (tier?.maxLeverage ?? 1);
  const available =
    p.leverage.type === "cross" ? risk.crossValue - risk.crossMaintenance : p.isolatedEquity - p.maintenanceMargin;
  const side = size > 0 ? 1 : -1;
  const abs = Math.abs(size);
  // mark − side × available × 2L / (|size| × (2L − side))
  const shift = mulDiv(available, twoL, abs * (twoL - side), "floor");
  const price = p.mark - side * shift;
  return price > 0 ? price : undefined;
}
