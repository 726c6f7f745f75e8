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
  | "liquidatedCanceled"
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
  | "marketOrderNoLiquidityRejected"
  | "insufficientSpotBalanceRejected";

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

/** One side of a fill, settled. Amounts in 10^-6 USD. */
export interface FillLeg {
  readonly user: Address;
  readonly oid: Oid;
  readonly cloid: Cloid | undefined;
  /** Signed position size (lots) before this fill. */
  readonly startPosition: number;
  /** Fee charged (negative: rebate), the builder's part included. */
  readonly fee: number;
  /** The builder's part of the fee, when the order pays one. */
  readonly builderFee?: number;
  /** Realized PnL of the closing part, fees excluded. */
  readonly closedPnl: number;
  /** Hyperliquid's `dir`: "Open Long", "Close Short", "Long > Short", "Liquidated Cross Long", ... */
  readonly dir: string;
  /** Set on the leg of a TWAP slice: the TWAP's id. */
  readonly twapId?: number;
  /** Spot fills: the token the fee was paid in (fee in its wei; closedPnl in 10^-8 quote). */
  readonly feeToken?: number;
}

/** A TWAP order's status in its history. @see hyperliquid-api.md §4.3 TwapHistory */
export type TwapStatus = "activated" | "finished" | "terminated";

/** A TWAP order as it stands. Sizes in lots, notional in price units × lots (10^-6 USD for perps). */
export interface TwapView {
  readonly twapId: number;
  readonly user: Address;
  readonly asset: AssetId;
  readonly isBuy: boolean;
  readonly size: number;
  readonly executedSize: number;
  readonly executedNotional: number;
  readonly minutes: number;
  readonly randomize: boolean;
  readonly reduceOnly: boolean;
  /** Placement time (ms). */
  readonly timestamp: number;
}

/** The result of a `twapOrder`: running under an id, or an error. */
export type TwapOrderResult = { readonly running: number } | { readonly error: Reject };

/** How a liquidation fill came about. */
export interface LiquidationTag {
  readonly liquidatedUser: Address;
  /** Mark price at liquidation, tick units. */
  readonly markPrice: number;
  readonly method: "market" | "backstop";
}

/** A change to an account's USDC outside trading and funding. Amounts in 10^-6 USD. */
export type LedgerDelta =
  | { readonly type: "deposit"; readonly usd: number }
  | { readonly type: "withdraw"; readonly usd: number; readonly fee: number; readonly nonce: number }
  | {
      readonly type: "internalTransfer";
      readonly usd: number;
      readonly user: Address;
      readonly destination: Address;
      readonly fee: number;
    }
  | {
      readonly type: "subAccountTransfer";
      readonly usd: number;
      /** The account the money left. */
      readonly user: Address;
      readonly destination: Address;
    }
  /** Spot: `usd` 10^-6 USD between the perp account and spot USDC. */
  | { readonly type: "accountClassTransfer"; readonly usd: number; readonly toPerp: boolean }
  /** Spot: `amount` in the token's wei. */
  | {
      readonly type: "spotTransfer";
      readonly token: number;
      readonly amount: number;
      readonly user: Address;
      readonly destination: Address;
      readonly fee: number;
    }
  | { readonly type: "spotGenesis"; readonly token: number; readonly amount: number }
  | { readonly type: "vaultCreate"; readonly vault: Address; readonly usd: number; readonly fee: number }
  | { readonly type: "vaultDeposit"; readonly vault: Address; readonly usd: number }
  | { readonly type: "vaultDistribution"; readonly vault: Address; readonly usd: number }
  | {
      readonly type: "vaultWithdraw";
      readonly vault: Address;
      readonly user: Address;
      readonly requestedUsd: number;
      readonly commission: number;
      readonly closingCost: number;
      /** Cost basis of the part withdrawn. */
      readonly basis: number;
      readonly netWithdrawnUsd: number;
    }
  /** The leader's commission on a follower's (`user`) withdrawal. */
  | { readonly type: "vaultLeaderCommission"; readonly user: Address; readonly usd: number }
  | {
      readonly type: "liquidation";
      readonly notional: number;
      readonly accountValue: number;
      readonly leverageType: "Cross" | "Isolated";
      readonly positions: readonly { readonly asset: AssetId; readonly size: number }[];
    };

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
  /** `createSubAccount`: the new sub-account's address. */
  | { readonly kind: "createSubAccount"; readonly address: Address }
  /** `createVault`: the new vault's address. */
  | { readonly kind: "createVault"; readonly address: Address }
  | { readonly kind: "error"; readonly reject: Reject }
  | { readonly kind: "twapOrder"; readonly result: TwapOrderResult }
  | { readonly kind: "twapCancel"; readonly result: CancelResult };

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
      /** Set on fills of a liquidation. */
      readonly liquidation: LiquidationTag | undefined;
    }
  | { readonly type: "ledger"; readonly time: number; readonly user: Address; readonly delta: LedgerDelta }
  | {
      readonly type: "funding";
      readonly time: number;
      readonly user: Address;
      readonly asset: AssetId;
      /** Received (positive) or paid (negative), 10^-6 USD. */
      readonly usd: number;
      /** Signed size at payment, lots. */
      readonly size: number;
      /** Hourly rate, parts per 10^12. */
      readonly rate: number;
    }
  | {
      readonly type: "fundingRate";
      readonly time: number;
      readonly asset: AssetId;
      readonly rate: number;
      /** Average premium of the interval, parts per 10^12. */
      readonly premium: number;
      readonly samples: number;
    }
  | {
      readonly type: "liquidation";
      readonly time: number;
      readonly user: Address;
      readonly liquidator: Address;
      readonly leverageType: "Cross" | "Isolated";
      readonly notional: number;
      readonly accountValue: number;
    }
  | { readonly type: "markPrice"; readonly time: number; readonly asset: AssetId; readonly price: number }
  | { readonly type: "twap"; readonly time: number; readonly status: TwapStatus; readonly twap: TwapView }
  | { readonly type: "reply"; readonly reply: Reply };
