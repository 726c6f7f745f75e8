/**
 * @module core/clearinghouse/identity
 * Who may act for whom, and replay protection: API wallets (agents) approved by a master account, sub-accounts (keyless
 * accounts a master, or its agents, trade for through the envelope's `vaultAddress`), the nonces of every signer,
 * builder-fee approvals and referrers. Authorisation runs inside the engine, so that a replayed journal makes
 * the same decisions as the live server did: the edge recovers the signer, the engine decides.
 * @see hyperliquid-api.md §5.5 (approveAgent, approveBuilderFee, setReferrer, createSubAccount), §5.6 (nonces),
 * §5.7 (agents, sub-accounts); hyperliquid-mechanics.md §10.2 (sub-accounts)
 */

import type { Authority } from "../command.ts";
import type { Address } from "../ids.ts";
import type { Reject } from "../reject.ts";
import { NonceBook } from "./nonces.ts";
import { type Vault, type VaultSnapshot, vaultFromSnapshot, vaultSnapshot } from "./vaults.ts";

/** An API wallet: it signs L1 actions for its master. */
export interface Agent {
  readonly address: Address;
  readonly master: Address;
  /** "" for the unnamed agent. */
  readonly name: string;
  /** Last valid millisecond, when the approval named one (` valid_until <ms>`). */
  readonly validUntil: number | undefined;
}

/** Named agents per account (plus one unnamed). @see hyperliquid-api.md §5.5 field notes */
export const MAX_NAMED_AGENTS = 3;
/** Highest builder fee a user may approve, tenths of a basis point (0.1% for perps). */
export const MAX_BUILDER_FEE = 100;

/** A sub-account: an account without keys that its master (or the master's agents) acts for. */
export interface SubAccount {
  readonly address: Address;
  readonly master: Address;
  /** 1..16 characters. */
  name: string;
}

/**
 * Traded volume a master needs before creating sub-accounts, 10^-6 USD: Hyperliquid's $100,000 (mechanics §10.2).
 * The master's own volume and its sub-accounts' count (they share its fee tier). An engine configuration may lower it
 * (`subAccountMinVolume`; tests use 0).
 */
export const SUB_ACCOUNT_MIN_VOLUME = 100_000_000_000;
/** Sub-accounts allowed at the volume gate; one more per further $100M of volume, at most 50 (mechanics §10.2). */
export const BASE_SUB_ACCOUNTS = 10;
export const MAX_SUB_ACCOUNTS = 50;
const SUB_ACCOUNT_STEP_VOLUME = 100_000_000_000_000;
/** Longest sub-account name. */
export const MAX_SUB_ACCOUNT_NAME = 16;

/** The identity part of the engine's state. */
export interface Identity {
  readonly nonces: NonceBook;
  /** Agent address → its approval. */
  readonly agents: Map<Address, Agent>;
  /** User → builder → approved fee, tenths of a basis point. */
  readonly builderFees: Map<Address, Map<Address, number>>;
  /** User → the referral code it entered. */
  readonly referrers: Map<Address, string>;
  /** Sub-account address → its record, in creation order (the order is part of the state). */
  readonly subAccounts: Map<Address, SubAccount>;
  /** Vault address → the vault, in creation order (the order is part of the state). */
  readonly vaults: Map<Address, Vault>;
}

export function emptyIdentity(): Identity {
  return {
    nonces: new NonceBook(),
    agents: new Map(),
    builderFees: new Map(),
    referrers: new Map(),
    subAccounts: new Map(),
    vaults: new Map(),
  };
}

/** Whether an agent may sign at `time`. */
function valid(agent: Agent, time: number): boolean {
  return agent.validUntil === undefined || time <= agent.validUntil;
}

/**
 * Checks that `signer` may act for `user` at `time` and that its nonce is fresh; on success consumes the nonce.
 * A user acts for itself once it has an account (has received money); an agent acts for its master while valid; a
 * sub-account is acted for by its master, or by the master's agents, exactly as the master would be; a vault by its
 * leader or the leader's agents.
 * A rejected request consumes nothing.
 */
export function authorize(
  identity: Identity,
  userExists: (user: Address) => boolean,
  user: Address,
  auth: Authority,
  time: number,
): Reject | undefined {
  const { signer } = auth;
  const principal = identity.subAccounts.get(user)?.master ?? identity.vaults.get(user)?.leader ?? user;
  if (signer === principal) {
    if (!userExists(principal)) return { code: "unknownSigner", params: { signer } };
  } else {
    const agent = identity.agents.get(signer);
    if (agent === undefined || agent.master !== principal || !valid(agent, time)) {
      return { code: "unknownSigner", params: { signer } };
    }
  }
  const stale = identity.nonces.check(signer, auth.nonce, time);
  if (stale !== undefined) return stale;
  if (auth.expiresAfter !== undefined && auth.expiresAfter < time) return { code: "expired" };
  identity.nonces.commit(signer, auth.nonce);
  return undefined;
}

/**
 * Approves `address` as an API wallet of `master`. An unnamed approval replaces the unnamed agent; a named one replaces
 * the agent of the same name. A replaced agent's nonces are forgotten (§5.6).
 */
export function approveAgent(
  identity: Identity,
  userExists: (user: Address) => boolean,
  master: Address,
  address: Address,
  name: string,
  validUntil: number | undefined,
  time: number,
): Reject | undefined {
  if (address === master) return { code: "agentIsSelf" };
  if (userExists(address)) return { code: "agentIsUser" };
  const current = identity.agents.get(address);
  let named = 0;
  let replaced: Agent | undefined;
  for (const agent of identity.agents.values()) {
    if (agent.master !== master || !valid(agent, time)) continue;
    if (agent.name === name) replaced = agent;
    else if (agent.name !== "") named++;
  }
  if (name !== "" && replaced === undefined && named >= MAX_NAMED_AGENTS) return { code: "agentLimit" };
  if (replaced !== undefined) {
    identity.agents.delete(replaced.address);
    identity.nonces.forget(replaced.address);
  }
  if (current !== undefined && current.master !== master) identity.nonces.forget(address);
  identity.agents.delete(address);
  identity.agents.set(address, { address, master, name, validUntil });
  return undefined;
}

/** Sets the highest builder fee `user` accepts from `builder` (0 revokes). */
export function approveBuilderFee(
  identity: Identity,
  user: Address,
  builder: Address,
  fee: number,
): Reject | undefined {
  if (!Number.isSafeInteger(fee) || fee < 0) return { code: "invalidAmount" };
  if (fee > MAX_BUILDER_FEE) return { code: "builderFeeTooHigh", params: { max: "0.1%" } };
  let approvals = identity.builderFees.get(user);
  if (approvals === undefined) {
    approvals = new Map();
    identity.builderFees.set(user, approvals);
  }
  if (fee === 0) approvals.delete(builder);
  else approvals.set(builder, fee);
  return undefined;
}

/** The builder fee `user` has approved for `builder`, tenths of a basis point (0 when none). */
export function approvedBuilderFee(identity: Identity, user: Address, builder: Address): number {
  return identity.builderFees.get(user)?.get(builder) ?? 0;
}

/** Records the referral code a user entered (once). */
export function setReferrer(identity: Identity, user: Address, code: string): Reject | undefined {
  if (identity.referrers.has(user)) return { code: "referrerSet" };
  identity.referrers.set(user, code);
  return undefined;
}

/** The valid agents of a master, in approval order. */
export function agentsOf(identity: Identity, master: Address, time: number): Agent[] {
  return [...identity.agents.values()].filter((a) => a.master === master && valid(a, time));
}

// ===== Sub-accounts

/**
 * A 32-bit FNV-1a lane of a string; three lanes with different offsets make the 160 bits of a sub-account address.
 * Not cryptographic: sub-accounts have no keys, so their address only has to be deterministic and unused.
 */
function lane(text: string, offset: number): string {
  let h = offset >>> 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= h >>> 15;
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * The address of a master's `n`-th sub-account attempt: five 32-bit lanes of `"hyperlocal sub-account " + master +
 * " " + n` (FNV-1a with offsets 1..5, each with a final avalanche), concatenated as 40 hex digits. Deterministic, so a
 * replayed journal creates the same addresses; Hyperliquid's own derivation is not documented.
 */
export function subAccountAddress(master: Address, n: number): Address {
  return derivedAddress(`hyperlocal sub-account ${master} ${n}`);
}

/**
 * A keyless address derived from a text: five 32-bit lanes (FNV-1a with offsets 1..5, each with a final avalanche),
 * concatenated as 40 hex digits. Sub-accounts use `"hyperlocal sub-account <master> <n>"`, vaults
 * `"hyperlocal vault <leader> <n>"` (n = the leader's vaults so far, counting up past addresses in use).
 */
export function derivedAddress(text: string): Address {
  let hex = "";
  for (let k = 1; k <= 5; k++) hex += lane(text, Math.imul(0x811c9dc5, k));
  return `0x${hex}` as Address;
}

/** The sub-accounts of a master, in creation order. */
export function subAccountsOf(identity: Identity, master: Address): SubAccount[] {
  return [...identity.subAccounts.values()].filter((sub) => sub.master === master);
}

/** Whether a name is a valid sub-account name: 1..16 characters. */
function validName(name: string): boolean {
  const length = [...name].length;
  return length >= 1 && length <= MAX_SUB_ACCOUNT_NAME;
}

/** How many sub-accounts a master may hold with `volume` traded (10 at the gate, +1 per further $100M, ≤ 50). */
export function subAccountLimit(volume: number, minVolume: number): number {
  if (volume < minVolume) return 0;
  return Math.min(MAX_SUB_ACCOUNTS, BASE_SUB_ACCOUNTS + Math.floor((volume - minVolume) / SUB_ACCOUNT_STEP_VOLUME));
}

/** `$12066.75` / `$100000`: a 10^-6 USD amount as the volume gate's text shows it (cents, trailing zeros cut). */
function dollars(units: number): string {
  const cents = Math.floor(units / 10_000);
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  if (frac === 0) return `$${whole}`;
  return `$${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}

/**
 * Creates a sub-account of `master` named `name`, given the volume traded by the master and its sub-accounts and the
 * gate; returns its address, or why not. `taken` says whether an address is already in use (an account or an agent):
 * the derivation skips such addresses.
 */
export function createSubAccount(
  identity: Identity,
  taken: (address: Address) => boolean,
  master: Address,
  name: string,
  volume: number,
  minVolume: number,
): Address | Reject {
  if (identity.subAccounts.has(master)) return { code: "subAccountOfSubAccount" };
  if (!validName(name)) return { code: "subAccountName" };
  if (volume < minVolume) {
    return { code: "subAccountVolume", params: { required: dollars(minVolume), traded: dollars(volume) } };
  }
  const existing = subAccountsOf(identity, master).length;
  if (existing >= subAccountLimit(volume, minVolume)) return { code: "subAccountLimit" };
  let n = existing;
  let address = subAccountAddress(master, n);
  while (address === master || identity.subAccounts.has(address) || identity.agents.has(address) || taken(address)) {
    address = subAccountAddress(master, ++n);
  }
  identity.subAccounts.set(address, { address, master, name });
  return address;
}

/** Renames a sub-account of `master`. */
export function renameSubAccount(
  identity: Identity,
  master: Address,
  subAccount: Address,
  name: string,
): Reject | undefined {
  const sub = identity.subAccounts.get(subAccount);
  if (sub === undefined || sub.master !== master) {
    return { code: "subAccountNotRegistered", params: { sub: subAccount, master } };
  }
  if (!validName(name)) return { code: "subAccountName" };
  sub.name = name;
  return undefined;
}

/** Snapshot form: sorted, plain. */
export interface IdentitySnapshot {
  readonly nonces: [string, number[]][];
  /** `[agent, master, name, validUntil | null]` in approval order (the order is part of the state). */
  readonly agents: [Address, Address, string, number | null][];
  /** `[user, builder, fee]`, sorted. */
  readonly builderFees: [Address, Address, number][];
  /** `[user, code]`, sorted. */
  readonly referrers: [Address, string][];
  /** `[subAccount, master, name]` in creation order; absent when there are none (absent = none). */
  readonly subAccounts?: [Address, Address, string][];
  /** Vaults in creation order; absent when there are none (absent = none). */
  readonly vaults?: VaultSnapshot[];
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function identitySnapshot(identity: Identity): IdentitySnapshot {
  const builderFees: [Address, Address, number][] = [];
  for (const [user, approvals] of identity.builderFees) {
    for (const [builder, fee] of approvals) builderFees.push([user, builder, fee]);
  }
  builderFees.sort((x, y) => byString(x[0], y[0]) || byString(x[1], y[1]));
  const snap: IdentitySnapshot = {
    nonces: identity.nonces.toJSON(),
    agents: [...identity.agents.values()].map((a) => [a.address, a.master, a.name, a.validUntil ?? null]),
    builderFees,
    referrers: [...identity.referrers.entries()].sort(([a], [b]) => byString(a, b)),
  };
  const vaults = identity.vaults.size === 0 ? undefined : [...identity.vaults.values()].map(vaultSnapshot);
  if (identity.subAccounts.size === 0) return vaults === undefined ? snap : { ...snap, vaults };
  const subAccounts = [...identity.subAccounts.values()].map((x): [Address, Address, string] => [
    x.address,
    x.master,
    x.name,
  ]);
  return vaults === undefined ? { ...snap, subAccounts } : { ...snap, subAccounts, vaults };
}

export function identityFromSnapshot(snap: IdentitySnapshot | undefined): Identity {
  const identity = emptyIdentity();
  if (snap === undefined) return identity;
  const nonces = NonceBook.fromJSON(snap.nonces);
  for (const [address, master, name, validUntil] of snap.agents) {
    identity.agents.set(address, { address, master, name, validUntil: validUntil ?? undefined });
  }
  for (const [user, builder, fee] of snap.builderFees) approveBuilderFee(identity, user, builder, fee);
  for (const [user, code] of snap.referrers) identity.referrers.set(user, code);
  for (const [address, master, name] of snap.subAccounts ?? []) {
    identity.subAccounts.set(address, { address, master, name });
  }
  for (const vault of snap.vaults ?? []) identity.vaults.set(vault.address, vaultFromSnapshot(vault));
  return { ...identity, nonces };
}
