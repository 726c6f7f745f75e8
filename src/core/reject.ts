/**
 * @module core/reject
 * The one catalogue of rejections: a code per user mistake, Hyperliquid's exact text for it, and the order status it
 * leaves in the order history. The core returns codes; only {@link rejectText} turns them into wire strings.
 * Strings not documented for Hyperliquid (`unknownAsset`, `delisted`, `duplicateCloid`, `parentFailed`,
 * `emptyBatch`, `invalidAmount`, `selfTransfer`, `invalidLeverage`, `isolatedRemove`, `isolatedAdd`,
 * `unknownAssetAction`, `expired`, the agent, builder-limit and referrer texts) are hyperlocal's own, worded in the same style; every other text is Hyperliquid's verbatim.
 * @see hyperliquid-api.md §5.3 (error strings)
 */

import type { AssetId } from "./ids.ts";

/** Per-order rejections, with Hyperliquid's base text. Live order errors carry an ` asset=N` suffix. */
export const ORDER_REJECTS = {
  tick: "Price must be divisible by tick size.",
  minNotional: "Order must have minimum value of $10.",
  margin: "Insufficient margin to place order.",
  reduceOnly: "Reduce only order would increase position.",
  badAloPx: "Post only order would have immediately matched, bbo was {bbo}.",
  iocCancel: "Order could not immediately match against any resting orders.",
  badTriggerPx: "Invalid TP/SL price.",
  marketNoLiquidity: "No liquidity available for market order.",
  invalidPrice: "Order has invalid price.",
  invalidSize: "Order has invalid size.",
  zeroSize: "Order has zero size.",
  unknownAsset: "Asset {asset} is not a valid asset.",
  delisted: "Trading is halted for this asset.",
  duplicateCloid: "Order with the same cloid already exists.",
  parentFailed: "Parent order of TP/SL group was not placed.",
  perpMaxPosition: "Order would cause position to exceed margin tier limit at current leverage",
  // Spot (§5.3): the live texts. spotTrigger is hyperlocal's own.
  spotMinNotional: "Order must have minimum value of 10 {quote}.",
  insufficientSpotBalance: "Insufficient spot balance",
  spotTrigger: "Trigger orders are not supported on spot.",
} as const;

/** Per-cancel and per-modify rejections. */
export const CANCEL_REJECTS = {
  missingOrder: "Order was never placed, already canceled, or filled.",
  modifyMissing: "Cannot modify canceled or filled order",
} as const;

/** Whole-action rejections (`{"status":"err","response":…}`). */
export const ACTION_REJECTS = {
  scheduleTooEarly: "Scheduled cancel time too early, must be at least 5 seconds from now.",
  scheduleLimit: "Too many scheduled cancels triggered for the day. Limit is 10.",
  emptyBatch: "Empty order batch.",
  insufficientWithdraw: "Insufficient balance for withdrawal.",
  insufficientTransfer: "Insufficient balance for token transfer.",
  invalidAmount: "Invalid amount.",
  selfTransfer: "Cannot transfer to self.",
  invalidLeverage: "Invalid leverage value.",
  switchLeverageType: "Cannot switch leverage type with open position.",
  crossNotAllowed: "Cross margin is not allowed for this asset.",
  crossDecrease: "Cross position does not have sufficient margin available to decrease leverage.",
  isolatedDecrease:
    "Isolated position does not have sufficient margin available to decrease leverage. To decrease leverage, add margin to the position.",
  notIsolated: "Position does not use isolated margin.",
  isolatedRemove: "Insufficient margin to remove from isolated position.",
  isolatedAdd: "Insufficient margin to add to isolated position.",
  unknownAssetAction: "Invalid asset.",
  // Identity and replay protection (§5.3, §5.6). The window's texts are uncertain; these follow the live "too low".
  unknownSigner: "User or API Wallet {signer} does not exist.",
  nonceDuplicate: "Invalid nonce: duplicate nonce {nonce}",
  nonceTooLow: "Invalid nonce: nonce too low {nonce} < {smallest}",
  nonceTooHigh: "Invalid nonce: nonce too high {nonce} > {newest}",
  expired: "Action already expired",
  // Agents, builders, referrers (hyperlocal's wording where Hyperliquid's is undocumented, except builderFeeNotApproved).
  agentIsUser: "Agent address is already a user.",
  agentIsSelf: "Cannot approve self as agent.",
  agentLimit: "Too many named agents. Deregister one first.",
  builderFeeNotApproved: "Builder fee has not been approved.",
  builderFeeTooHigh: "Builder fee is above the maximum of {max}.",
  builderFeeDecrease: "Builder fee approval can only be increased; revoke it with a rate of 0%.",
  referrerSet: "Referrer already set.",
  // Sub-accounts (§5.3; hyperliquid-mechanics.md §10.2). Name, limit and nesting texts are hyperlocal's own.
  subAccountVolume: "Cannot create sub-accounts until enough volume traded. Required: {required}. Traded: {traded}.",
  subAccountName: "Invalid sub-account name: it must have 1 to 16 characters.",
  subAccountLimit: "Too many sub-accounts for cumulative volume traded.",
  subAccountOfSubAccount: "A sub-account cannot create sub-accounts.",
  subAccountTransfer: "Invalid sub-account transfer from {from} to {to}",
  subAccountNotRegistered: "Sub-account {sub} is not registered to {master}",
  vaultNotRegistered: "Vault not registered: {vault}",
  // Vaults (§5.3; hyperliquid-mechanics.md §10.1). onlyLeader and insufficient are Hyperliquid's; the rest hyperlocal's.
  vaultOnlyLeader: "Only leader can perform this vault action",
  vaultInsufficient: "Insufficient balance to create vault",
  vaultName: "Invalid vault name: it must have 3 to 50 characters.",
  vaultDescription: "Invalid vault description: it must have 10 to 250 characters.",
  vaultMinDeposit: "Initial vault deposit must be at least 100 USDC.",
  vaultDepositsClosed: "Vault does not allow deposits.",
  vaultNoEquity: "Vault has no equity to deposit into.",
  vaultLeaderShare: "Vault leader must keep at least 5% of the vault.",
  vaultLocked: "Vault deposit is locked until {until}.",
  // Spot transfers: hyperlocal's wording.
  invalidToken: "Invalid token.",
} as const;

/** TWAP rejections (in `data.status.error` of `twapOrder` / `twapCancel`). @see hyperliquid-mechanics.md §7 */
export const TWAP_REJECTS = {
  twapDuration: "Invalid TWAP duration: {minutes} min(s)",
  twapTooSmall: "TWAP order value too small. Min is $" + "{min}, which is $10 per minute.",
  twapReduceOnly: "Reduce-only TWAP order would increase position.",
  twapMissing: "TWAP was never placed, already canceled, or filled.",
} as const;

export type OrderRejectCode = keyof typeof ORDER_REJECTS;
export type CancelRejectCode = keyof typeof CANCEL_REJECTS;
export type ActionRejectCode = keyof typeof ACTION_REJECTS;
export type TwapRejectCode = keyof typeof TWAP_REJECTS;
export type RejectCode = OrderRejectCode | CancelRejectCode | ActionRejectCode | TwapRejectCode;

/** A rejection as a value: its code and what the text needs. */
export interface Reject {
  readonly code: RejectCode;
  /** The asset of an order rejection; appended as ` asset=N` as the live server does. */
  readonly asset?: AssetId;
  /** Pre-formatted wire values for the text's placeholders (`{bbo}`). */
  readonly params?: Readonly<Record<string, string>>;
}

const ALL: Record<RejectCode, string> = { ...ORDER_REJECTS, ...CANCEL_REJECTS, ...ACTION_REJECTS, ...TWAP_REJECTS };

/** Order statuses Hyperliquid records for rejected orders, by code. @see hyperliquid-api.md §4.3 OrderStatus */
export const REJECT_STATUS: Partial<Record<RejectCode, string>> = {
  tick: "tickRejected",
  minNotional: "minTradeNtlRejected",
  margin: "perpMarginRejected",
  reduceOnly: "reduceOnlyRejected",
  badAloPx: "badAloPxRejected",
  iocCancel: "iocCancelRejected",
  badTriggerPx: "badTriggerPxRejected",
  marketNoLiquidity: "marketOrderNoLiquidityRejected",
  perpMaxPosition: "perpMaxPositionRejected",
  spotMinNotional: "minTradeNtlRejected",
  insufficientSpotBalance: "insufficientSpotBalanceRejected",
};

/** Hyperliquid's text for a rejection, placeholders filled, with the ` asset=N` suffix on order errors. */
export function rejectText(reject: Reject): string {
  let text = ALL[reject.code];
  if (reject.params !== undefined) {
    for (const [k, v] of Object.entries(reject.params)) text = text.replace(`{${k}}`, v);
  }
  if (reject.asset !== undefined) text = text.replace("{asset}", String(reject.asset));
  if (reject.asset !== undefined && reject.code in ORDER_REJECTS && reject.code !== "unknownAsset") {
    text += ` asset=${reject.asset}`;
  }
  return text;
}
