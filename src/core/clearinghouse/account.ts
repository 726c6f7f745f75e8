/**
 * @module core/clearinghouse/account
 * Per-user state the order book needs today: the signed position size per asset, which decides what a reduce-only
 * order may do. Balances, entry prices, leverage and margin join here with the clearinghouse.
 */

import type { Address, AssetId } from "../ids.ts";

/** One user's account. Positions are signed sizes in lots; zero positions are not stored. */
export class Account {
  readonly positions = new Map<AssetId, number>();
  /** Resting reduce-only orders, so the per-fill reduce-only check can skip users without any. */
  reduceOnlyResting = 0;

  constructor(readonly address: Address) {}

  /** Signed position in lots (0 when flat). */
  position(asset: AssetId): number {
    return this.positions.get(asset) ?? 0;
  }

  /** Adds a signed change to a position. */
  addPosition(asset: AssetId, delta: number): void {
    const next = this.position(asset) + delta;
    if (next === 0) this.positions.delete(asset);
    else this.positions.set(asset, next);
  }

  /** The most an order of this side may fill without increasing the position (0 when it would only increase it). */
  reducible(asset: AssetId, isBuy: boolean): number {
    const pos = this.position(asset);
    if (isBuy) return pos < 0 ? -pos : 0;
    return pos > 0 ? pos : 0;
  }
}
