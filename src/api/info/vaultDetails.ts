/**
 * @module api/info/vaultDetails
 * `vaultDetails`: a vault's description, holders and limits, or `null` for an address that is not a vault. With
 * `user`, `followerState` is that user's holding (`null` when it holds none) and `maxWithdrawable` what it could take
 * out now; without, `maxWithdrawable` is the vault's. Amounts in `followers` are decimal strings; `leaderFraction`,
 * `maxDistributable` and `maxWithdrawable` are JSON numbers, as Hyperliquid sends them. hyperlocal keeps no vault
 * history: `portfolio` has one point per period (now: the equity and the holders' pnl), `apr` is 0, `isClosed` false
 * and `relationship` `{type:"normal"}`.
 * @see hyperliquid-api.md §4.4 vaultDetails; hyperliquid-mechanics.md §10.1
 */

import * as v from "valibot";
import { type Address, type Engine, VAULT_LEADER_COMMISSION_PERCENT, type Vault } from "../../core/index.ts";
import type { InfoContext } from "../context.ts";
import { formatUsd } from "../wire.ts";
import { Address as AddressSchema, type Hex, maybe } from "./_schemas.ts";
import { vaultEquity } from "./_vaults.ts";
import { holdingEquity } from "../../core/index.ts";

export const VaultDetailsRequest = v.object({
  type: v.literal("vaultDetails"),
  vaultAddress: AddressSchema,
  user: maybe(AddressSchema),
});

export interface VaultFollowerWire {
  user: Hex | "Leader";
  vaultEquity: string;
  pnl: string;
  allTimePnl: string;
  daysFollowing: number;
  vaultEntryTime: number;
  lockupUntil: number;
}

/** One period of the portfolio. */
interface PortfolioPeriod {
  accountValueHistory: [number, string][];
  pnlHistory: [number, string][];
  vlm: string;
}

/** Hyperliquid's portfolio: the eight periods, in this order. */
export type Portfolio = [
  ["day", PortfolioPeriod],
  ["week", PortfolioPeriod],
  ["month", PortfolioPeriod],
  ["allTime", PortfolioPeriod],
  ["perpDay", PortfolioPeriod],
  ["perpWeek", PortfolioPeriod],
  ["perpMonth", PortfolioPeriod],
  ["perpAllTime", PortfolioPeriod],
];

export interface VaultDetailsResponseBody {
  name: string;
  vaultAddress: Hex;
  leader: Hex;
  description: string;
  portfolio: Portfolio;
  apr: number;
  followerState: (VaultFollowerWire & { user: Hex }) | null;
  leaderFraction: number;
  leaderCommission: number;
  followers: VaultFollowerWire[];
  maxDistributable: number;
  maxWithdrawable: number;
  isClosed: boolean;
  relationship: { type: "normal" };
  allowDeposits: boolean;
  alwaysCloseOnWithdraw: boolean;
}

export type VaultDetailsResponse = VaultDetailsResponseBody | null;

const DAY_MS = 86_400_000;

/** A USD amount of 10^-6 units as a JSON number. */
function usdNumber(units: number): number {
  return units / 1_000_000;
}

function follower(vault: Vault, user: Address, equity: number, now: number): VaultFollowerWire | undefined {
  const f = vault.followers.get(user);
  if (f === undefined) return undefined;
  const held = holdingEquity(vault, f.shares, equity);
  return {
    user: user === vault.leader ? "Leader" : (user as Hex),
    vaultEquity: formatUsd(held),
    pnl: formatUsd(held - f.basis),
    allTimePnl: formatUsd(held - f.basis + f.realized),
    daysFollowing: Math.max(0, Math.floor((now - f.entryTime) / DAY_MS)),
    vaultEntryTime: f.entryTime,
    lockupUntil: f.lockedUntil,
  };
}

/** The vault's details as Hyperliquid shapes them. */
export function vaultDetailsOf(
  engine: Engine,
  vault: Vault,
  user: Address | undefined,
  now: number,
): VaultDetailsResponseBody {
  const equity = vaultEquity(engine, vault);
  const withdrawable = engine.accountRisk(vault.address).withdrawable;
  const followers: VaultFollowerWire[] = [];
  let basis = 0;
  for (const f of vault.followers.values()) {
    basis += f.basis;
    const wire = follower(vault, f.user, equity, now);
    if (wire !== undefined && (f.shares > 0 || f.user === vault.leader)) followers.push(wire);
  }
  const mine = user === undefined ? undefined : follower(vault, user, equity, now);
  const leaderShares = vault.followers.get(vault.leader)?.shares ?? 0;
  const period = (): PortfolioPeriod => ({
    accountValueHistory: [[now, formatUsd(equity)]],
    pnlHistory: [[now, formatUsd(equity - basis)]],
    vlm: "0.0",
  });
  return {
    name: vault.name,
    vaultAddress: vault.address as Hex,
    leader: vault.leader as Hex,
    description: vault.description,
    portfolio: [
      ["day", period()],
      ["week", period()],
      ["month", period()],
      ["allTime", period()],
      ["perpDay", period()],
      ["perpWeek", period()],
      ["perpMonth", period()],
      ["perpAllTime", period()],
    ],
    apr: 0,
    followerState: mine === undefined || user === undefined ? null : { ...mine, user: user as Hex },
    leaderFraction: vault.totalShares > 0 ? leaderShares / vault.totalShares : 0,
    leaderCommission: VAULT_LEADER_COMMISSION_PERCENT / 100,
    followers,
    maxDistributable: usdNumber(withdrawable),
    maxWithdrawable: usdNumber(
      user === undefined
        ? withdrawable
        : Math.min(withdrawable, holdingEquity(vault, vault.followers.get(user)?.shares ?? 0, equity)),
    ),
    isClosed: false,
    relationship: { type: "normal" },
    allowDeposits: vault.allowDeposits,
    alwaysCloseOnWithdraw: vault.alwaysCloseOnWithdraw,
  };
}

export function vaultDetails(ctx: InfoContext, req: v.InferOutput<typeof VaultDetailsRequest>): VaultDetailsResponse {
  const vault = ctx.engine.vault(req.vaultAddress);
  return vault === undefined ? null : vaultDetailsOf(ctx.engine, vault, req.user ?? undefined, ctx.now());
}
