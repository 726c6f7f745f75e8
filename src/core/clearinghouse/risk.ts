/**
 * @module core/clearinghouse/risk
 * Pre-trade checks, run when an order is placed (and when a trigger fires): the part of the order that would increase
 * the position must stay within the margin tier allowed at the current leverage, and must be covered by free cross
 * margin (`notional / leverage`, at the order's limit price). Reduce-only and position-reducing parts need no margin.
 * @see hyperliquid-mechanics.md §1.2, §1.5
 */

import type { AssetId } from "../ids.ts";
import { initialMargin, maxLeverageAt } from "../markets/marginTables.ts";
import type { Account } from "./account.ts";
import { freeCrossMargin, leverageOf, type MarginEnv, orderMargin, tableOf } from "./margin.ts";

/** The part (lots) of an order of `size` that would increase the position's absolute size. */
export function increasingPart(position: number, isBuy: boolean, size: number): number {
  const reducing = (position > 0 && !isBuy) || (position < 0 && isBuy);
  if (!reducing) return size;
  const abs = position < 0 ? -position : position;
  return size > abs ? size - abs : 0;
}

/** Why an order may not be placed, or undefined when it may. */
export function orderRisk(
  env: MarginEnv,
  account: Account,
  asset: AssetId,
  isBuy: boolean,
  price: number,
  size: number,
): "margin" | "perpMaxPosition" | undefined {
  const position = account.position(asset);
  const increasing = increasingPart(position, isBuy, size);
  if (increasing === 0) return undefined;
  const leverage = leverageOf(env, account, asset);
  const sameSide = position === 0 || position > 0 === isBuy;
  const newSize = sameSide ? Math.abs(position) + size : increasing;
  if (maxLeverageAt(tableOf(env, asset), newSize * price) < leverage.value) return "perpMaxPosition";
  const required = initialMargin(increasing * price, leverage.value);
  return freeCrossMargin(env, account) - orderMargin(env, account) < required ? "margin" : undefined;
}
