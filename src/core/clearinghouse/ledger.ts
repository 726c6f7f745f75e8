/**
 * @module core/clearinghouse/ledger
 * USDC movements outside trading and funding, and the margin settings of a position: deposits (the local faucet),
 * `usdSend`, `subAccountTransfer`, `withdraw3` (with its $1 fee), `updateLeverage` and `updateIsolatedMargin`, with Hyperliquid's rejections.
 * Each movement emits the ledger event `userNonFundingLedgerUpdates` is built from.
 * @see hyperliquid-mechanics.md §1.1, §1.4, §5 (transfers)
 */

import type { Ctx } from "../ctx.ts";
import type { Address, AssetId } from "../ids.ts";
import { initialMargin } from "../markets/marginTables.ts";
import { ceilDiv, parseUnits } from "../num.ts";
import type { Reject } from "../reject.ts";
import { accountOf } from "../state.ts";
import { accountRisk, availableMargin, leverageOf, positionRisk } from "./margin.ts";

/** USDC amounts on the wire have 6 decimals. */
const USD_DECIMALS = 6;

function parseAmount(text: string): number | undefined {
  const parsed = parseUnits(text, USD_DECIMALS);
  return parsed.ok && parsed.units > 0 ? parsed.units : undefined;
}

/** Credits a deposit. */
export function deposit(ctx: Ctx, user: Address, usd: number): void {
  if (!Number.isSafeInteger(usd) || usd <= 0) throw new Error(`deposit: invalid amount ${usd}`);
  const account = accountOf(ctx.s, user);
  account.cash += usd;
  account.activated = true;
  ctx.s.treasury.deposited += usd;
  ctx.out.push({ type: "ledger", time: ctx.time, user, delta: { type: "deposit", usd } });
}

/** Sends USDC to another account; the first transfer to an account that never held money pays the activation fee. */
export function usdSend(ctx: Ctx, user: Address, destination: Address, amount: string): Reject | undefined {
  const usd = parseAmount(amount);
  if (usd === undefined) return { code: "invalidAmount" };
  if (destination === user) return { code: "selfTransfer" };
  const s = ctx.s;
  const sender = accountOf(s, user);
  const receiver = accountOf(s, destination);
  const fee = receiver.activated ? 0 : s.config.activationFee;
  if (usd + fee > accountRisk(s, sender).withdrawable) return { code: "insufficientTransfer" };
  sender.cash -= usd + fee;
  receiver.cash += usd;
  receiver.activated = true;
  s.treasury.fees += fee;
  const delta = { type: "internalTransfer", usd, user, destination, fee } as const;
  ctx.out.push({ type: "ledger", time: ctx.time, user, delta });
  ctx.out.push({ type: "ledger", time: ctx.time, user: destination, delta });
  return undefined;
}

/**
 * Moves USDC between a master and one of its sub-accounts: deposit (master → sub-account) or withdrawal (sub-account →
 * master), at most the sender's withdrawable, with no fee. `isSubAccountOf` says whether `subAccount` belongs to
 * `master`. Both accounts get a `subAccountTransfer` ledger event naming the sender (`user`) and the receiver.
 */
export function subAccountTransfer(
  ctx: Ctx,
  master: Address,
  subAccount: Address,
  isDeposit: boolean,
  usd: number,
  isSubAccountOf: (subAccount: Address, master: Address) => boolean,
): Reject | undefined {
  const from = isDeposit ? master : subAccount;
  const to = isDeposit ? subAccount : master;
  if (!isSubAccountOf(subAccount, master)) return { code: "subAccountTransfer", params: { from, to } };
  if (!Number.isSafeInteger(usd) || usd <= 0) return { code: "invalidAmount" };
  const s = ctx.s;
  const sender = accountOf(s, from);
  if (usd > accountRisk(s, sender).withdrawable) return { code: "insufficientTransfer" };
  const receiver = accountOf(s, to);
  sender.cash -= usd;
  receiver.cash += usd;
  receiver.activated = true;
  const delta = { type: "subAccountTransfer", usd, user: from, destination: to } as const;
  ctx.out.push({ type: "ledger", time: ctx.time, user: from, delta });
  ctx.out.push({ type: "ledger", time: ctx.time, user: to, delta });
  return undefined;
}

/** Withdraws USDC off the exchange; the fee is taken from the amount. */
export function withdraw(ctx: Ctx, user: Address, amount: string, nonce: number): Reject | undefined {
  const usd = parseAmount(amount);
  const fee = ctx.s.config.withdrawFee;
  if (usd === undefined || usd <= fee) return { code: "invalidAmount" };
  const account = accountOf(ctx.s, user);
  if (usd > accountRisk(ctx.s, account).withdrawable) return { code: "insufficientWithdraw" };
  account.cash -= usd;
  ctx.s.treasury.withdrawn += usd - fee;
  ctx.s.treasury.fees += fee;
  ctx.out.push({ type: "ledger", time: ctx.time, user, delta: { type: "withdraw", usd, fee, nonce } });
  return undefined;
}

/**
 * Sets margin mode and leverage of an asset. With an open position the mode cannot change, and lowering leverage
 * needs the margin it adds. @see hyperliquid-mechanics.md §1.1
 */
export function updateLeverage(
  ctx: Ctx,
  user: Address,
  asset: AssetId,
  isCross: boolean,
  leverage: number,
): Reject | undefined {
  const s = ctx.s;
  const market = s.universe.get(asset);
  if (market === undefined) return { code: "unknownAssetAction" };
  if (!Number.isInteger(leverage) || leverage < 1 || leverage > market.maxLeverage) return { code: "invalidLeverage" };
  if (isCross && market.onlyIsolated === true) return { code: "crossNotAllowed" };
  const account = accountOf(s, user);
  const position = account.positions.get(asset);
  const current = leverageOf(s, account, asset);
  if (position !== undefined && position.size !== 0) {
    if ((current.type === "cross") !== isCross) return { code: "switchLeverageType" };
    if (leverage < current.value) {
      const r = positionRisk(s, account, asset, position);
      const more = initialMargin(r.notional, leverage) - r.initialMargin;
      if (isCross && availableMargin(accountRisk(s, account)) < more) return { code: "crossDecrease" };
      if (!isCross && r.isolatedEquity < initialMargin(r.notional, leverage)) return { code: "isolatedDecrease" };
    }
  }
  account.leverage.set(asset, { type: isCross ? "cross" : "isolated", value: leverage });
  if (position !== undefined) position.funding.sinceChange = 0;
  return undefined;
}

/** Adds (ntli > 0) or removes (ntli < 0) margin of an isolated position, 10^-6 USD. */
export function updateIsolatedMargin(ctx: Ctx, user: Address, asset: AssetId, ntli: number): Reject | undefined {
  const s = ctx.s;
  if (s.universe.get(asset) === undefined) return { code: "unknownAssetAction" };
  if (!Number.isSafeInteger(ntli) || ntli === 0) return { code: "invalidAmount" };
  const account = accountOf(s, user);
  const position = account.positions.get(asset);
  if (position === undefined || position.size === 0 || leverageOf(s, account, asset).type !== "isolated") {
    return { code: "notIsolated" };
  }
  if (ntli > 0) {
    if (availableMargin(accountRisk(s, account)) < ntli) return { code: "isolatedAdd" };
  } else {
    const r = positionRisk(s, account, asset, position);
    const required = Math.max(r.initialMargin, ceilDiv(r.notional, 10));
    if (r.isolatedEquity + ntli < required) return { code: "isolatedRemove" };
  }
  account.cash -= ntli;
  position.isoRaw += ntli;
  return undefined;
}
