/**
 * @module core/event
 * Everything the engine reports. Each state change is an event; a user command also ends with one `reply` event
 * that the edge turns into Hyperliquid's response. Events hold integers in each market's units; the edge formats them.
 */

import type { Tif, TpSl } from "./command.ts";
import type { Address, AssetId, Cloid, Oid, Tid } from "./ids.ts";
import type { Reject } from "./reject.ts";

/** Hyperliquid's order status vocabulary. @see hyperliquid-api.md §4.3 OrderStatus */
export type OrderStatus =
  | "open"
  | "filled"
  | "canceled"
  | "triggered"
  | "rejected"
  | "marginCanceled"
  | "selfTradeCanceled"
  | "reduceOnlyCanceled"
  | "siblingFilledCanceled"
  | "scheduledCancel"
  | "tickRejected"
  | "minTradeNtlRejected"
  | "perpMarginRejected"
  | "reduceOnlyRejected"
  | "badAloPxRejected"
  | "iocCancelRejected"
  | "badTriggerPxRejected"
  | "marketOrderNoLiquidityRejected";

/** A trigger's parameters, in price units. */
export interface TriggerView {
  readonly triggerPrice: number;
  readonly isMarket: boolean;
  readonly tpsl: TpSl;
}

/** An order as it stands when its status changes. Prices and sizes in the market's units. */
export interface OrderView {
  readonly oid: Oid;
  readonly user: Address;
  readonly asset: AssetId;
  readonly isBuy: boolean;
  /** Limit price. */
  readonly price: number;
  /** Remaining size. */
  readonly size: number;
  readonly origSize: number;
  /** Placement time (ms). */
  readonly timestamp: number;
  readonly cloid: Cloid | undefined;
  readonly reduceOnly: boolean;
  /** Time in force; null for a trigger order that has not triggered. */
  readonly tif: Tif | null;
  readonly trigger: TriggerView | undefined;
  /** Part of a `positionTpsl` group. */
  readonly isPositionTpsl: boolean;
}

/** One side of a fill. The clearinghouse (issue 3) adds fee, dir and closedPnl here. */
export interface FillLeg {
  readonly user: Address;
  readonly oid: Oid;
  readonly cloid: Cloid | undefined;
  /** Signed position size (lots) before this fill. */
  readonly startPosition: number;
}

/** The result of one order of a request. @see hyperliquid-api.md §5.2 */
export type OrderResult =
  | { readonly resting: { readonly oid: Oid; readonly cloid: Cloid | undefined } }
  | {
      readonly filled: {
        readonly oid: Oid;
        readonly cloid: Cloid | undefined;
        /** Total filled size (lots). */
        readonly totalSize: number;
        /** Sum of price × size over the fills, in price-units × lots (10^-6 USD for perps). */
        readonly totalNotional: number;
      };
    }
  | { readonly error: Reject }
  | "waitingForFill"
  | "waitingForTrigger";

/** The result of one cancel. */
export type CancelResult = "success" | { readonly error: Reject };

/** What a user command answers. */
export type Reply =
  | { readonly kind: "order"; readonly statuses: readonly OrderResult[] }
  | { readonly kind: "cancel"; readonly statuses: readonly CancelResult[] }
  | { readonly kind: "default" }
  | { readonly kind: "error"; readonly reject: Reject };

export type Event =
  | { readonly type: "orderStatus"; readonly time: number; readonly status: OrderStatus; readonly order: OrderView }
  | {
      readonly type: "fill";
      readonly time: number;
      readonly asset: AssetId;
      readonly tid: Tid;
      readonly price: number;
      readonly size: number;
      /** The taker's side: the aggressor. */
      readonly takerIsBuy: boolean;
      readonly maker: FillLeg;
      readonly taker: FillLeg;
    }
  | { readonly type: "markPrice"; readonly time: number; readonly asset: AssetId; readonly price: number }
  | { readonly type: "reply"; readonly reply: Reply };
