/**
 * @module core/clearinghouse/identity
 * Who may act for whom, and replay protection: API wallets (agents) approved by a master account, the nonces of every
 * signer, builder-fee approvals and referrers. Authorisation runs inside the engine, so that a replayed journal makes
 * the same decisions as the live server did: the edge recovers the signer, the engine decides.
 * @see hyperliquid-api.md §5.5 (approveAgent, approveBuilderFee, setReferrer), §5.6 (nonces), §5.7 (agents)
 */

import type { Authority } from "../command.ts";
import type { Address } from "../ids.ts";
import type { Reject } from "../reject.ts";
import { NonceBook } from "./nonces.ts";

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

/** The identity part of the engine's state. */
export interface Identity {
  readonly nonces: NonceBook;
  /** Agent address → its approval. */
  readonly agents: Map<Address, Agent>;
  /** User → builder → approved fee, tenths of a basis point. */
  readonly builderFees: Map<Address, Map<Address, number>>;
  /** User → the referral code it entered. */
  readonly referrers: Map<Address, string>;
}

export function emptyIdentity(): Identity {
  return { nonces: new NonceBook(), agents: new Map(), builderFees: new Map(), referrers: new Map() };
}

/** Whether an agent may sign at `time`. */
function valid(agent: Agent, time: number): boolean {
  return agent.validUntil === undefined || time <= agent.validUntil;
}

/**
 * Checks that `signer` may act for `user` at `time` and that its nonce is fresh; on success consumes the nonce.
 * A user acts for itself once it has an account (has received money); an agent acts for its master while valid.
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
  if (signer === user) {
    if (!userExists(user)) return { code: "unknownSigner", params: { signer } };
  } else {
    const agent = identity.agents.get(signer);
    if (agent === undefined || agent.master !== user || !valid(agent, time)) {
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

/** Snapshot form: sorted, plain. */
export interface IdentitySnapshot {
  readonly nonces: [string, number[]][];
  /** `[agent, master, name, validUntil | null]` in approval order (the order is part of the state). */
  readonly agents: [Address, Address, string, number | null][];
  /** `[user, builder, fee]`, sorted. */
  readonly builderFees: [Address, Address, number][];
  /** `[user, code]`, sorted. */
  readonly referrers: [Address, string][];
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
  return {
    nonces: identity.nonces.toJSON(),
    agents: [...identity.agents.values()].map((a) => [a.address, a.master, a.name, a.validUntil ?? null]),
    builderFees,
    referrers: [...identity.referrers.entries()].sort(([a], [b]) => byString(a, b)),
  };
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
  return { ...identity, nonces };
}
