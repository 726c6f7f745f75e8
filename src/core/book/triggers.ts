/**
 * @module core/book/triggers
 * Trigger orders (TP/SL, market or limit) waiting for the mark price. They are not in the book: each asset keeps its
 * own map of them, in oid order. A trigger fires when the mark price reaches its trigger price on the side that its
 * order closes: a sell TP or buy SL when the mark is at or above it, a sell SL or buy TP when at or below.
 * normalTpsl children wait here inactive (`waitingForFill`) until their parent fills completely.
 * @see hyperliquid-api.md §5.4 (trigger orders), hyperliquid-mechanics.md §6.4
 */

import type { TpSl } from "../command.ts";
import type { Address, Cloid, Oid } from "../ids.ts";

/** A trigger order. Prices in tick units, sizes in lots. */
export interface TriggerOrder {
  readonly oid: Oid;
  readonly user: Address;
  readonly isBuy: boolean;
  /** Limit price after triggering (for a market trigger, its worst accepted price as sent). */
  readonly price: number;
  readonly size: number;
  readonly timestamp: number;
  readonly cloid: Cloid | undefined;
  readonly reduceOnly: boolean;
  readonly triggerPrice: number;
  readonly isMarket: boolean;
  readonly tpsl: TpSl;
  readonly isPositionTpsl: boolean;
  /** False while a normalTpsl child waits for its parent to fill. */
  active: boolean;
  /** The parent order of a normalTpsl child. */
  parentOid: Oid | undefined;
  /** The other leg of a TP/SL pair. */
  siblingOid: Oid | undefined;
}

/** Whether a trigger fires when the mark is at or above its trigger price (else at or below). */
export function firesAbove(isBuy: boolean, tpsl: TpSl): boolean {
  return isBuy ? tpsl === "sl" : tpsl === "tp";
}

/** Whether a trigger fires at this mark price. */
export function shouldFire(t: TriggerOrder, mark: number): boolean {
  return firesAbove(t.isBuy, t.tpsl) ? mark >= t.triggerPrice : mark <= t.triggerPrice;
}

/** Hyperliquid's `orderType` label for a trigger. */
export function triggerOrderType(isMarket: boolean, tpsl: TpSl): string {
  return `${tpsl === "tp" ? "Take Profit" : "Stop"} ${isMarket ? "Market" : "Limit"}`;
}

/** The active triggers of one asset that fire at `mark`, oldest first. */
export function dueTriggers(triggers: ReadonlyMap<Oid, TriggerOrder>, mark: number): TriggerOrder[] {
  const due: TriggerOrder[] = [];
  for (const t of triggers.values()) if (t.active && shouldFire(t, mark)) due.push(t);
  return due.sort((a, b) => a.oid - b.oid);
}
