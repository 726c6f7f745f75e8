/**
 * @module core/clearinghouse/account
 * Per-user state: cross cash, positions (signed size, entry notional, isolated cash, cumulative funding), leverage
 * settings per asset, and the running totals the risk checks need (resting order notional, reduce-only count).
 * Accounting is Hyperliquid's "cash plus signed size": equity = cash + Σ size × mark, so a fill moves cash by
 * exactly its notional and money is conserved to the last 10^-6 USD. Entry price is a display quantity.
 * @see hyperliquid-mechanics.md §1.3
 */

import type { Address, AssetId } from "../ids.ts";

/** Margin mode and leverage of a position. */
export interface Leverage {
  readonly type: "cross" | "isolated";
  readonly value: number;
}

/** Cumulative funding of a position, 10^-6 USD, positive when paid. */
export interface CumFunding {
  allTime: number;
  sinceOpen: number;
  sinceChange: number;
}

/** One open (or recently closed) position. */
export class Position {
  constructor(readonly asset: AssetId) {}

  /** Signed size in lots. */
  size = 0;
  /** |size| × entry price, 10^-6 USD (display; realizes closedPnl). */
  entryNotional = 0;
  /** Isolated positions: the cash bound to the position (isolated equity = isoRaw + size × mark). */
  isoRaw = 0;
  readonly funding: CumFunding = { allTime: 0, sinceOpen: 0, sinceChange: 0 };
}

/** Resting order notional of one asset, per side, 10^-6 USD. */
export interface OrderNotional {
  readonly asset: AssetId;
  buy: number;
  sell: number;
}

/** Whether a position is as a new one: flat, no entry, no isolated cash, no funding. */
export function isZeroPosition(p: Position): boolean {
  return (
    p.size === 0 &&
    p.entryNotional === 0 &&
    p.isoRaw === 0 &&
    p.funding.allTime === 0 &&
    p.funding.sinceOpen === 0 &&
    p.funding.sinceChange === 0
  );
}

/** One user's account. */
export class Account {
  /** Cross cash (Hyperliquid's cross `totalRawUsd`), 10^-6 USD. May go negative while positions hold value. */
  cash = 0;
  readonly positions = new Map<AssetId, Position>();
  /** Chosen leverage per asset; absent means the default. */
  readonly leverage = new Map<AssetId, Leverage>();
  /** Resting non-reduce-only order notional per asset, 10^-6 USD. Entries stay once made (zeros are harmless). */
  readonly orderNotional = new Map<AssetId, OrderNotional>();
  /** Oids of resting reduce-only orders: the reduce-only checks look only at these. */
  readonly reduceOnlyOids = new Set<number>();
  /** Time (ms) until which liquidations of this account are for the whole position. */
  liquidationCooldownUntil = 0;
  /** Has received money once: the first transfer to an account that has not costs an activation fee. */
  activated = false;
  /** Notional traded, both sides counted as Hyperliquid's `cumVlm`, 10^-6 USD. */
  volume = 0;

  /**
   * @param isLiquidator the backstop liquidator's account: its orders skip the margin checks. A flag, so that the hot
   *   path compares no addresses.
   */
  constructor(
    readonly address: Address,
    readonly isLiquidator = false,
  ) {}

  /** Signed position in lots (0 when flat). */
  position(asset: AssetId): number {
    return this.positions.get(asset)?.size ?? 0;
  }

  /** The position object of an asset, created flat on first use. */
  positionOf(asset: AssetId): Position {
    let p = this.positions.get(asset);
    if (p === undefined) {
      p = new Position(asset);
      this.positions.set(asset, p);
    }
    return p;
  }

  /** The most an order of this side may fill without increasing the position (0 when it would only increase it). */
  reducible(asset: AssetId, isBuy: boolean): number {
    const pos = this.position(asset);
    if (isBuy) return pos < 0 ? -pos : 0;
    return pos > 0 ? pos : 0;
  }

  /** Adds (or with a negative amount removes) resting order notional on one side of an asset. */
  addOrderNotional(asset: AssetId, isBuy: boolean, notional: number): void {
    let pair = this.orderNotional.get(asset);
    if (pair === undefined) {
      pair = { asset, buy: 0, sell: 0 };
      this.orderNotional.set(asset, pair);
    }
    if (isBuy) pair.buy += notional;
    else pair.sell += notional;
  }
}
