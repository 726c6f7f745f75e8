/**
 * @module api/info/_vaults
 * What the vault info types share: a vault's equity (its account value) and a holder's part of it, in 10^-6 USD.
 * Read only.
 * @see hyperliquid-mechanics.md §10.1
 */

import { type Address, type Engine, holdingEquity, type Vault } from "../../core/index.ts";

/** A vault's equity: its account's cross value plus isolated equity, 10^-6 USD. */
export function vaultEquity(engine: Engine, vault: Vault): number {
  const risk = engine.accountRisk(vault.address);
  return risk.crossValue + risk.isolatedValue;
}

/** A user's equity in a vault (0 when it holds no shares), 10^-6 USD: `floor(shares × equity / totalShares)`. */
export function userEquityIn(engine: Engine, vault: Vault, user: Address, equity = vaultEquity(engine, vault)): number {
  return holdingEquity(vault, vault.followers.get(user)?.shares ?? 0, equity);
}

/** The vaults a user holds shares of, in creation order. */
export function vaultsHeldBy(engine: Engine, user: Address): Vault[] {
  return engine.vaults().filter((v) => (v.followers.get(user)?.shares ?? 0) > 0);
}
