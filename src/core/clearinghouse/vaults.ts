/**
 * @module core/clearinghouse/vaults
 * Hyperliquid's (legacy, HyperCore) user vaults: `createVault`, `vaultTransfer` (deposit and withdraw), `vaultModify`
 * and `vaultDistribute`. A vault is an ordinary perp account without keys that its leader (or the leader's agents)
 * trades for through the envelope's `vaultAddress`; its depositors hold shares of its equity.
 *
 * Accounting, all in integers:
 * - Shares are safe integers. The creation deposit mints one share per 10^-6 USD. Later a deposit of `d` into a vault
 *   of equity `E` (its account value: cash plus positions at mark) and `T` shares mints `floor(d × T / E)`; a
 *   withdrawal of `u` burns `ceil(u × T / E)` (all the follower's shares when `u` is its whole equity). A follower's
 *   equity is `floor(shares × E / T)`. Every rounding goes against the depositor or withdrawer, so no one can take out
 *   more than their shares are worth: rounding never creates money, its dust stays in the vault.
 * - Each follower keeps a cost basis (USD deposited, less the basis of what it withdrew). A withdrawal of `u` out of an
 *   equity `Eq` carries the basis `floor(basis × u / Eq)` (the whole basis when every share goes); a follower other
 *   than the leader pays the leader `floor(10% × max(0, u − basis part))` (the `commission`), credited to the leader's
 *   own account with a `vaultLeaderCommission` ledger update naming the follower.
 * - hyperlocal does not close vault positions for a withdrawal: a withdrawal larger than the vault account's
 *   withdrawable is refused with `Insufficient balance for withdrawal.` (so `closingCost` is always 0) and
 *   `alwaysCloseOnWithdraw` is stored and shown but changes nothing.
 * - The leader must keep at least 5% of the shares: a follower deposit or a leader withdrawal that would break it is
 *   refused (the leader may withdraw everything once no follower is left).
 * - Follower deposits are locked for 1 day after the latest one; the leader's are not.
 * - Creation: a name of 3..50 and a description of 10..250 characters (the limits @nktkas/hyperliquid checks), at
 *   least 100 USDC, plus the creation fee (100 USDC before 2026-04-01 UTC, 10,000 USDC from then, by the
 *   command's time), which goes to the exchange's fees.
 * - `vaultDistribute` pays `usd` out of the vault to every holder pro rata, `floor(shares × usd / T)` each (the
 *   remainder stays in the vault); shares and bases are unchanged and no commission is taken.
 * @see hyperliquid-mechanics.md §10.1; hyperliquid-api.md §4.3 LedgerUpdate, §4.4 vaultDetails, §5.5
 */

import type { Ctx } from "../ctx.ts";
import type { Address } from "../ids.ts";
import type { Reject } from "../reject.ts";
import { accountOf } from "../state.ts";
import { accountRisk } from "./margin.ts";

/** Smallest creation deposit, 10^-6 USD (100 USDC). */
export const VAULT_MIN_INITIAL_USD = 100_000_000;
/** Creation fee before 2026-04-01 (100 USDC) and from then on (10,000 USDC). */
export const VAULT_CREATE_FEE_OLD = 100_000_000;
export const VAULT_CREATE_FEE = 10_000_000_000;
/** 2026-04-01T00:00:00Z: the day the creation fee became 10,000 USDC (the docs say "2026-04"). */
export const VAULT_FEE_CHANGE_TIME = 1_775_001_600_000;
/** Share of the vault the leader must keep: 5%, as a percentage. */
export const VAULT_LEADER_MIN_PERCENT = 5;
/** Share of a follower's profit the leader takes at withdrawal: 10%, as a percentage. */
export const VAULT_LEADER_COMMISSION_PERCENT = 10;
/** Lock-up of a follower's deposit: 1 day. */
export const VAULT_LOCKUP_MS = 86_400_000;

/** One holder of a vault's shares (the leader included). */
export interface VaultFollower {
  readonly user: Address;
  shares: number;
  /** Cost basis of the shares held, 10^-6 USD. */
  basis: number;
  /** Time of the first deposit of the current holding (ms). */
  entryTime: number;
  /** Withdrawals are refused before this time (ms); the leader's is its entry time. */
  lockedUntil: number;
  /** Pnl realized by earlier withdrawals (net received − basis), 10^-6 USD. */
  realized: number;
}

/** A vault. Its money is the account at `address`. */
export interface Vault {
  readonly address: Address;
  readonly leader: Address;
  readonly name: string;
  readonly description: string;
  readonly createTime: number;
  allowDeposits: boolean;
  alwaysCloseOnWithdraw: boolean;
  totalShares: number;
  /** Holders by address, leader first, then in order of first deposit. */
  readonly followers: Map<Address, VaultFollower>;
}

/** The creation fee at `time`. */
export function vaultCreateFee(time: number): number {
  return time >= VAULT_FEE_CHANGE_TIME ? VAULT_CREATE_FEE : VAULT_CREATE_FEE_OLD;
}

/** `floor(a × b / c)` exactly (c > 0). */
function mulDivFloor(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** `ceil(a × b / c)` exactly (a, b ≥ 0, c > 0). */
function mulDivCeil(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  return Number((n + d - 1n) / d);
}

/** A vault's equity: its account value (cash plus positions at mark), 10^-6 USD. */
export function vaultEquity(ctx: Pick<Ctx, "s">, vault: Vault): number {
  const risk = accountRisk(ctx.s, accountOf(ctx.s, vault.address));
  return risk.crossValue + risk.isolatedValue;
}

/** What a holding is worth in a vault of equity `equity`: `floor(shares × equity / totalShares)`, at least 0. */
export function holdingEquity(vault: Vault, shares: number, equity: number): number {
  if (vault.totalShares <= 0 || equity <= 0 || shares <= 0) return 0;
  return mulDivFloor(shares, equity, vault.totalShares);
}

/** Whether a text has `min..max` characters (code points). */
function lengthBetween(text: string, min: number, max: number): boolean {
  const n = [...text].length;
  return n >= min && n <= max;
}

/** Whether the leader keeps at least 5% of `total` shares with `leaderShares`. */
function leaderKeepsShare(leaderShares: number, total: number): boolean {
  return BigInt(leaderShares) * 100n >= BigInt(total) * BigInt(VAULT_LEADER_MIN_PERCENT);
}

/**
 * The address of a leader's `n`-th vault attempt, given the derivation of sub-account addresses (five FNV-1a lanes)
 * applied to `"hyperlocal vault " + leader + " " + n`.
 */
export type DeriveAddress = (text: string) => Address;

/**
 * Creates a vault led by `leader`: moves `initialUsd` from the leader's account into the new vault account and the
 * creation fee into the exchange's fees; returns the vault's address, or why not. `taken` says whether an address is
 * already in use (an account, an agent, a sub-account or a vault); the derivation skips such addresses.
 */
export function createVault(
  ctx: Ctx,
  vaults: Map<Address, Vault>,
  derive: DeriveAddress,
  taken: (address: Address) => boolean,
  leader: Address,
  name: string,
  description: string,
  initialUsd: number,
): Address | Reject {
  if (vaults.has(leader)) return { code: "vaultOnlyLeader" };
  if (!lengthBetween(name, 3, 50)) return { code: "vaultName" };
  if (!lengthBetween(description, 10, 250)) return { code: "vaultDescription" };
  if (!Number.isSafeInteger(initialUsd) || initialUsd <= 0) return { code: "invalidAmount" };
  if (initialUsd < VAULT_MIN_INITIAL_USD) return { code: "vaultMinDeposit" };
  const s = ctx.s;
  const fee = vaultCreateFee(ctx.time);
  const account = accountOf(s, leader);
  if (initialUsd + fee > accountRisk(s, account).withdrawable) return { code: "vaultInsufficient" };
  let n = 0;
  for (const v of vaults.values()) if (v.leader === leader) n++;
  let address = derive(`hyperlocal vault ${leader} ${n}`);
  while (address === leader || vaults.has(address) || taken(address))
    address = derive(`hyperlocal vault ${leader} ${++n}`);
  const vaultAccount = accountOf(s, address);
  account.cash -= initialUsd + fee;
  vaultAccount.cash += initialUsd;
  vaultAccount.activated = true;
  s.treasury.fees += fee;
  const holder: VaultFollower = {
    user: leader,
    shares: initialUsd,
    basis: initialUsd,
    entryTime: ctx.time,
    lockedUntil: ctx.time,
    realized: 0,
  };
  vaults.set(address, {
    address,
    leader,
    name,
    description,
    createTime: ctx.time,
    allowDeposits: true,
    alwaysCloseOnWithdraw: false,
    totalShares: initialUsd,
    followers: new Map([[leader, holder]]),
  });
  ctx.out.push({
    type: "ledger",
    time: ctx.time,
    user: leader,
    delta: { type: "vaultCreate", vault: address, usd: initialUsd, fee },
  });
  return address;
}

/** Deposits into (`isDeposit`) or withdraws from a vault, for any user. */
export function vaultTransfer(
  ctx: Ctx,
  vaults: Map<Address, Vault>,
  user: Address,
  vaultAddress: Address,
  isDeposit: boolean,
  usd: number,
): Reject | undefined {
  const vault = vaults.get(vaultAddress);
  if (vault === undefined) return { code: "vaultNotRegistered", params: { vault: vaultAddress } };
  if (!Number.isSafeInteger(usd) || usd <= 0) return { code: "invalidAmount" };
  if (user === vaultAddress) return { code: "selfTransfer" };
  return isDeposit ? depositInto(ctx, vault, user, usd) : withdrawFrom(ctx, vault, user, usd);
}

function depositInto(ctx: Ctx, vault: Vault, user: Address, usd: number): Reject | undefined {
  const s = ctx.s;
  const isLeader = user === vault.leader;
  if (!isLeader && !vault.allowDeposits) return { code: "vaultDepositsClosed" };
  const account = accountOf(s, user);
  if (usd > accountRisk(s, account).withdrawable) return { code: "insufficientTransfer" };
  const equity = vaultEquity(ctx, vault);
  if (equity <= 0 || vault.totalShares <= 0) return { code: "vaultNoEquity" };
  const minted = mulDivFloor(usd, vault.totalShares, equity);
  if (minted <= 0 || !Number.isSafeInteger(vault.totalShares + minted)) return { code: "invalidAmount" };
  const leaderShares = vault.followers.get(vault.leader)?.shares ?? 0;
  if (!isLeader && !leaderKeepsShare(leaderShares, vault.totalShares + minted)) return { code: "vaultLeaderShare" };
  account.cash -= usd;
  accountOf(s, vault.address).cash += usd;
  let holder = vault.followers.get(user);
  if (holder === undefined) {
    holder = { user, shares: 0, basis: 0, entryTime: ctx.time, lockedUntil: ctx.time, realized: 0 };
    vault.followers.set(user, holder);
  }
  holder.shares += minted;
  holder.basis += usd;
  if (!isLeader) holder.lockedUntil = ctx.time + VAULT_LOCKUP_MS;
  vault.totalShares += minted;
  ctx.out.push({ type: "ledger", time: ctx.time, user, delta: { type: "vaultDeposit", vault: vault.address, usd } });
  return undefined;
}

function withdrawFrom(ctx: Ctx, vault: Vault, user: Address, usd: number): Reject | undefined {
  const s = ctx.s;
  const holder = vault.followers.get(user);
  if (holder === undefined || holder.shares <= 0) return { code: "insufficientWithdraw" };
  const isLeader = user === vault.leader;
  if (!isLeader && ctx.time < holder.lockedUntil) {
    return { code: "vaultLocked", params: { until: String(holder.lockedUntil) } };
  }
  const equity = vaultEquity(ctx, vault);
  const held = holdingEquity(vault, holder.shares, equity);
  if (usd > held) return { code: "insufficientWithdraw" };
  const vaultAccount = accountOf(s, vault.address);
  if (usd > accountRisk(s, vaultAccount).withdrawable) return { code: "insufficientWithdraw" };
  const all = usd === held;
  const burned = all ? holder.shares : Math.min(holder.shares, mulDivCeil(usd, vault.totalShares, equity));
  if (isLeader) {
    const others = vault.totalShares - holder.shares;
    if (others > 0 && !leaderKeepsShare(holder.shares - burned, vault.totalShares - burned)) {
      return { code: "vaultLeaderShare" };
    }
  }
  const basis = all ? holder.basis : mulDivFloor(holder.basis, usd, held);
  const profit = usd - basis;
  const commission = isLeader || profit <= 0 ? 0 : Math.floor((profit * VAULT_LEADER_COMMISSION_PERCENT) / 100);
  const closingCost = 0;
  const net = usd - commission - closingCost;
  vaultAccount.cash -= usd;
  accountOf(s, user).cash += net;
  holder.shares -= burned;
  holder.basis -= basis;
  holder.realized += net - basis;
  vault.totalShares -= burned;
  if (holder.shares === 0 && !isLeader) vault.followers.delete(user);
  ctx.out.push({
    type: "ledger",
    time: ctx.time,
    user,
    delta: {
      type: "vaultWithdraw",
      vault: vault.address,
      user,
      requestedUsd: usd,
      commission,
      closingCost,
      basis,
      netWithdrawnUsd: net,
    },
  });
  if (commission > 0) {
    const leaderAccount = accountOf(s, vault.leader);
    leaderAccount.cash += commission;
    leaderAccount.activated = true;
    ctx.out.push({
      type: "ledger",
      time: ctx.time,
      user: vault.leader,
      delta: { type: "vaultLeaderCommission", user, usd: commission },
    });
  }
  return undefined;
}

/** The vault `vaultAddress` when `user` leads it, or why not. */
function ledBy(vaults: Map<Address, Vault>, user: Address, vaultAddress: Address): Vault | Reject {
  const vault = vaults.get(vaultAddress);
  if (vault === undefined) return { code: "vaultNotRegistered", params: { vault: vaultAddress } };
  if (vault.leader !== user) return { code: "vaultOnlyLeader" };
  return vault;
}

/** Changes a vault's settings (`null`/undefined keeps one); leader only. */
export function vaultModify(
  vaults: Map<Address, Vault>,
  user: Address,
  vaultAddress: Address,
  allowDeposits: boolean | undefined,
  alwaysCloseOnWithdraw: boolean | undefined,
): Reject | undefined {
  const vault = ledBy(vaults, user, vaultAddress);
  if ("code" in vault) return vault;
  if (allowDeposits !== undefined) vault.allowDeposits = allowDeposits;
  if (alwaysCloseOnWithdraw !== undefined) vault.alwaysCloseOnWithdraw = alwaysCloseOnWithdraw;
  return undefined;
}

/** Pays `usd` out of a vault to its holders pro rata; leader only, at most the vault's withdrawable. */
export function vaultDistribute(
  ctx: Ctx,
  vaults: Map<Address, Vault>,
  user: Address,
  vaultAddress: Address,
  usd: number,
): Reject | undefined {
  const vault = ledBy(vaults, user, vaultAddress);
  if ("code" in vault) return vault;
  if (!Number.isSafeInteger(usd) || usd <= 0) return { code: "invalidAmount" };
  const s = ctx.s;
  const vaultAccount = accountOf(s, vault.address);
  if (usd > accountRisk(s, vaultAccount).withdrawable || vault.totalShares <= 0)
    return { code: "insufficientWithdraw" };
  for (const holder of vault.followers.values()) {
    const part = mulDivFloor(holder.shares, usd, vault.totalShares);
    if (part <= 0) continue;
    vaultAccount.cash -= part;
    accountOf(s, holder.user).cash += part;
    holder.realized += part;
    ctx.out.push({
      type: "ledger",
      time: ctx.time,
      user: holder.user,
      delta: { type: "vaultDistribution", vault: vault.address, usd: part },
    });
  }
  return undefined;
}

/** Snapshot form of a vault: plain, holders in their order. */
export interface VaultSnapshot {
  readonly address: Address;
  readonly leader: Address;
  readonly name: string;
  readonly description: string;
  readonly createTime: number;
  readonly allowDeposits: boolean;
  readonly alwaysCloseOnWithdraw: boolean;
  readonly totalShares: number;
  /** `[user, shares, basis, entryTime, lockedUntil, realized]`. */
  readonly followers: [Address, number, number, number, number, number][];
}

export function vaultSnapshot(v: Vault): VaultSnapshot {
  return {
    address: v.address,
    leader: v.leader,
    name: v.name,
    description: v.description,
    createTime: v.createTime,
    allowDeposits: v.allowDeposits,
    alwaysCloseOnWithdraw: v.alwaysCloseOnWithdraw,
    totalShares: v.totalShares,
    followers: [...v.followers.values()].map((f) => [
      f.user,
      f.shares,
      f.basis,
      f.entryTime,
      f.lockedUntil,
      f.realized,
    ]),
  };
}

export function vaultFromSnapshot(snap: VaultSnapshot): Vault {
  const followers = new Map<Address, VaultFollower>();
  for (const [user, shares, basis, entryTime, lockedUntil, realized] of snap.followers) {
    followers.set(user, { user, shares, basis, entryTime, lockedUntil, realized });
  }
  return { ...snap, followers };
}
