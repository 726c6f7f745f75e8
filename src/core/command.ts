/**
 * @module core/command
 * Every way the engine's state can change, as plain serialisable records. A command is exactly what the journal
 * stores: it carries its time and its signer, and its prices and sizes as the decimal strings the user sent, so that
 * replaying the journal re-runs the same validation. Nothing else mutates the engine.
 */

import type { Address, AssetId, Cloid, Oid } from "./ids.ts";

/** Time in force of a limit order. `FrontendMarket` behaves as `Ioc`, tagged as a market order. */
export type Tif = "Gtc" | "Ioc" | "Alo" | "FrontendMarket";

/** Take profit or stop loss. */
export type TpSl = "tp" | "sl";

/** What an order does once live: a limit order, or a trigger that waits for the mark price. */
export type OrderKind =
  | { readonly limit: { readonly tif: Tif } }
  | { readonly trigger: { readonly isMarket: boolean; readonly triggerPrice: string; readonly tpsl: TpSl } };

/** One order as requested. Prices and sizes are the user's decimal strings, validated by the engine. */
export interface OrderRequest {
  readonly asset: AssetId;
  readonly isBuy: boolean;
  /** Limit price (for a market trigger: the worst price accepted). */
  readonly price: string;
  readonly size: string;
  readonly reduceOnly: boolean;
  readonly kind: OrderKind;
  readonly cloid?: Cloid;
}

/** How orders of one request relate. @see hyperliquid-api.md §5.4 (grouping) */
export type Grouping = "na" | "normalTpsl" | "positionTpsl";

/** Names a live order: by oid, or by the client's cloid. */
export type OrderRef = { readonly oid: Oid } | { readonly cloid: Cloid };

/** Fields every command carries. */
interface Stamped {
  /** Milliseconds since the epoch, stamped by the sequencer. The only clock the core knows. */
  readonly time: number;
}

/** What a signed request carries about its signature; the engine checks it (agents, nonces, expiry). */
export interface Authority {
  /** The recovered signer: the user itself or one of its API wallets. */
  readonly signer: Address;
  readonly nonce: number;
  /** Hyperliquid's `expiresAfter` (ms), L1 actions only. */
  readonly expiresAfter?: number;
}

/** A request made by a user. */
interface Signed extends Stamped {
  /** The account acting (lowercase). */
  readonly user: Address;
  /**
   * The signature's signer and nonce. Present on everything that came through `/exchange`; absent on commands that
   * tests and tools build directly, which act with the account's authority.
   */
  readonly auth?: Authority;
}

/** A builder's fee on an order. @see hyperliquid-api.md §5.4 (builder) */
export interface BuilderFee {
  readonly builder: Address;
  /** Tenths of a basis point (10 = 0.01%). */
  readonly fee: number;
}

/** Place a batch of orders. */
export interface OrderCommand extends Signed {
  readonly type: "order";
  readonly orders: readonly OrderRequest[];
  readonly grouping: Grouping;
  readonly builder?: BuilderFee;
}

/** Cancel orders by oid. */
export interface CancelCommand extends Signed {
  readonly type: "cancel";
  readonly cancels: readonly { readonly asset: AssetId; readonly oid: Oid }[];
}

/** Cancel orders by cloid. */
export interface CancelByCloidCommand extends Signed {
  readonly type: "cancelByCloid";
  readonly cancels: readonly { readonly asset: AssetId; readonly cloid: Cloid }[];
}

/** Modify orders: each is a cancel of the old order and the placement of a new one with a new oid. */
export interface BatchModifyCommand extends Signed {
  readonly type: "batchModify";
  readonly modifies: readonly { readonly ref: OrderRef; readonly order: OrderRequest }[];
  /** Place the new order even when it would execute (Hyperliquid's `a: true`). */
  readonly alwaysPlace: boolean;
}

/** Arm (with a time) or clear (without) the dead man's switch. */
export interface ScheduleCancelCommand extends Signed {
  readonly type: "scheduleCancel";
  readonly at?: number;
}

/** Set oracle prices (simulator, replay, dev controls). Prices are decimal strings in each market's decimals. */
export interface SetOracleCommand extends Stamped {
  readonly type: "setOracle";
  readonly prices: readonly { readonly asset: AssetId; readonly price: string }[];
}

/** Let time pass: samples premiums, pays funding and fires scheduled cancels that are due. */
export interface TickCommand extends Stamped {
  readonly type: "tick";
}

/** Credit USDC to an account (the local faucet; Hyperliquid's bridge deposit). */
export interface DepositCommand extends Stamped {
  readonly type: "deposit";
  readonly user: Address;
  /** 10^-6 USD, positive. */
  readonly usd: number;
}

/** Send USDC from one perp account to another (`usdSend`). */
export interface UsdSendCommand extends Signed {
  readonly type: "usdSend";
  readonly destination: Address;
  /** Decimal USD string as signed ("1" = $1). */
  readonly amount: string;
}

/** Withdraw USDC off the exchange (`withdraw3`); costs the withdrawal fee. */
export interface WithdrawCommand extends Signed {
  readonly type: "withdraw";
  readonly destination: Address;
  readonly amount: string;
  readonly nonce: number;
}

/** Choose margin mode and leverage for an asset. */
export interface UpdateLeverageCommand extends Signed {
  readonly type: "updateLeverage";
  readonly asset: AssetId;
  readonly isCross: boolean;
  readonly leverage: number;
}

/** Add (positive) or remove (negative) isolated margin, 10^-6 USD. */
export interface UpdateIsolatedMarginCommand extends Signed {
  readonly type: "updateIsolatedMargin";
  readonly asset: AssetId;
  readonly ntli: number;
}

/** Pay funding now for every asset with the samples taken so far (a dev control; the interval restarts). */
export interface PayFundingCommand extends Stamped {
  readonly type: "payFunding";
}

/** Approve an API wallet (`approveAgent`); an empty name is the unnamed agent. */
export interface ApproveAgentCommand extends Signed {
  readonly type: "approveAgent";
  readonly agent: Address;
  readonly name: string;
  readonly validUntil?: number;
}

/** Approve a builder's fee up to a rate (`approveBuilderFee`); 0 revokes. */
export interface ApproveBuilderFeeCommand extends Signed {
  readonly type: "approveBuilderFee";
  readonly builder: Address;
  /** Tenths of a basis point. */
  readonly fee: number;
}

/** Enter a referral code (`setReferrer`). */
export interface SetReferrerCommand extends Signed {
  readonly type: "setReferrer";
  readonly code: string;
}

/** Do nothing but consume the nonce (`noop`). */
export interface NoopCommand extends Signed {
  readonly type: "noop";
}

/** Start a TWAP order (`twapOrder`): `size` (decimal string) over `minutes`, one IOC slice every 30 s. */
export interface TwapOrderCommand extends Signed {
  readonly type: "twapOrder";
  readonly asset: AssetId;
  readonly isBuy: boolean;
  readonly size: string;
  readonly reduceOnly: boolean;
  readonly minutes: number;
  readonly randomize: boolean;
}

/** Stop a running TWAP order (`twapCancel`). */
export interface TwapCancelCommand extends Signed {
  readonly type: "twapCancel";
  readonly asset: AssetId;
  readonly twapId: number;
}

/** Create a sub-account of the acting user (`createSubAccount`); the engine derives its address. */
export interface CreateSubAccountCommand extends Signed {
  readonly type: "createSubAccount";
  readonly name: string;
}

/** Rename a sub-account of the acting user (`subAccountModify`). */
export interface SubAccountModifyCommand extends Signed {
  readonly type: "subAccountModify";
  readonly subAccount: Address;
  readonly name: string;
}

/** Move USDC between the acting user and one of its sub-accounts (`subAccountTransfer`). */
export interface SubAccountTransferCommand extends Signed {
  readonly type: "subAccountTransfer";
  readonly subAccount: Address;
  /** True: master → sub-account; false: sub-account → master. */
  readonly isDeposit: boolean;
  /** 10^-6 USD, as signed (`usd` on the wire). */
  readonly usd: number;
}

/** Send a spot token to another user (`spotSend`): token `NAME:0x<tokenId>`, amount a decimal string. */
export interface SpotSendCommand extends Signed {
  readonly type: "spotSend";
  readonly destination: Address;
  readonly token: string;
  readonly amount: string;
}

/** Move USDC between the perp account and spot (`usdClassTransfer`); amount a decimal USD string. */
export interface UsdClassTransferCommand extends Signed {
  readonly type: "usdClassTransfer";
  readonly amount: string;
  readonly toPerp: boolean;
}

/** Create spot tokens in a user's balance (dev faucet; ledger `spotGenesis`). `amount` in the token's wei. */
export interface SpotGenesisCommand extends Stamped {
  readonly type: "spotGenesis";
  readonly user: Address;
  readonly token: number;
  readonly amount: number;
}

/** Create a vault led by the acting user (`createVault`); the engine derives its address. */
export interface CreateVaultCommand extends Signed {
  readonly type: "createVault";
  readonly name: string;
  readonly description: string;
  /** 10^-6 USD moved from the leader into the vault. */
  readonly initialUsd: number;
}

/** Deposit into or withdraw from a vault (`vaultTransfer`). */
export interface VaultTransferCommand extends Signed {
  readonly type: "vaultTransfer";
  readonly vault: Address;
  readonly isDeposit: boolean;
  /** 10^-6 USD. */
  readonly usd: number;
}

/** Change a vault's settings (`vaultModify`); an absent setting is kept. Leader only. */
export interface VaultModifyCommand extends Signed {
  readonly type: "vaultModify";
  readonly vault: Address;
  readonly allowDeposits?: boolean;
  readonly alwaysCloseOnWithdraw?: boolean;
}

/** Pay USDC out of a vault to its holders pro rata (`vaultDistribute`). Leader only. */
export interface VaultDistributeCommand extends Signed {
  readonly type: "vaultDistribute";
  readonly vault: Address;
  /** 10^-6 USD. */
  readonly usd: number;
}

/** Everything that can change the engine's state. */
export type Command =
  | OrderCommand
  | CancelCommand
  | CancelByCloidCommand
  | BatchModifyCommand
  | ScheduleCancelCommand
  | SetOracleCommand
  | TickCommand
  | DepositCommand
  | UsdSendCommand
  | WithdrawCommand
  | UpdateLeverageCommand
  | UpdateIsolatedMarginCommand
  | PayFundingCommand
  | ApproveAgentCommand
  | ApproveBuilderFeeCommand
  | SetReferrerCommand
  | NoopCommand
  | CreateSubAccountCommand
  | SubAccountModifyCommand
  | SubAccountTransferCommand
  | CreateVaultCommand
  | VaultTransferCommand
  | VaultModifyCommand
  | VaultDistributeCommand
  | TwapOrderCommand
  | TwapCancelCommand
  | SpotSendCommand
  | UsdClassTransferCommand
  | SpotGenesisCommand;

/** A command before the sequencer stamps its time. */
export type UnstampedCommand = Command extends infer C ? (C extends Command ? Omit<C, "time"> : never) : never;
