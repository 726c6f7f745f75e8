/**
 * @module api/signing/l1
 * L1 actions: the msgpack action hash (connectionId), the phantom-agent EIP-712 digest (domain "Exchange", chain id
 * 1337) and recovery of the signer from an `/exchange` envelope. Pure; deciding whether the signer is a known user or
 * agent is the caller's business.
 * @see hyperliquid-api.md §6.1, §6.4, §6.5
 */

import {
  concatBytes,
  domainSeparator,
  type Eip712Field,
  type Hex,
  keccak256,
  parseAddress,
  SigningInputError,
  toUint,
  typeHash,
  uintBytes,
  utf8,
} from "./eip712.ts";
import { encodeAction } from "./msgpack.ts";
import { recoverAddress, type SignatureLike } from "./recover.ts";

/** Phantom-agent `source`: `"a"` = mainnet, `"b"` = testnet. @see hyperliquid-api.md §6.4 */
export type L1Source = "a" | "b";

/** Both sources, mainnet first. */
export const L1_SOURCES: readonly L1Source[] = ["a", "b"];

/** The fixed L1 domain: chain id 1337 whatever the wallet's network. @see hyperliquid-api.md §6.1 */
export const L1_DOMAIN = {
  name: "Exchange",
  version: "1",
  chainId: 1337,
  verifyingContract: "0x0000000000000000000000000000000000000000",
} as const;

/** `Agent(string source,bytes32 connectionId)`. @see hyperliquid-api.md §6.1 */
export const AGENT_TYPE = "Agent";
export const AGENT_FIELDS: readonly Eip712Field[] = [
  { name: "source", type: "string" },
  { name: "connectionId", type: "bytes32" },
];

/** `domainSeparator(Exchange, 1, 1337, 0x0)`; the doc's value is 0xd79297fc…. */
export const L1_DOMAIN_SEPARATOR: Uint8Array = domainSeparator(L1_DOMAIN);

/**
 * L1 action types whose signature covers the envelope `vaultAddress`: the set @nktkas allows a vault for, plus the
 * four Python also signs with its vault (`noop`, `agentSetAbstraction`, `agentEnableDexAbstraction`,
 * `gossipPriorityBid`). For every other type the real server evidently ignores the envelope vault (Python still posts
 * it), so it is hashed as "no vault". The rule is marked UNCERTAIN in the doc; {@link recoverL1Candidates} can try
 * both.
 * @see hyperliquid-api.md §5.5 (the "vault" column and the vault handling note)
 */
export const VAULT_ACTION_TYPES: ReadonlySet<string> = new Set([
  "order",
  "cancel",
  "cancelByCloid",
  "modify",
  "batchModify",
  "scheduleCancel",
  "updateLeverage",
  "updateIsolatedMargin",
  "topUpIsolatedOnlyMargin",
  "twapOrder",
  "twapCancel",
  "borrowLend",
  "noop",
  "agentSetAbstraction",
  "agentEnableDexAbstraction",
  "gossipPriorityBid",
]);

/** An `/exchange` request as far as L1 signing is concerned. @see hyperliquid-api.md §5.1 */
export interface L1Envelope {
  /** The action object exactly as received (key order matters). */
  readonly action: unknown;
  /** The ms timestamp nonce (uint64). */
  readonly nonce: number | bigint;
  readonly signature: SignatureLike;
  /** 20 bytes of hex, `0x` optional, any case; null or absent for none. */
  readonly vaultAddress?: string | null | undefined;
  /** ms timestamp; null or absent for none. */
  readonly expiresAfter?: number | bigint | null | undefined;
}

/** The `type` of an action, if it is an object with a string `type`. */
export function actionType(action: unknown): string | undefined {
  if (typeof action !== "object" || action === null) return undefined;
  const type = (action as Record<string, unknown>).type;
  return typeof type === "string" ? type : undefined;
}

/** Whether SDKs sign this action type with the envelope's vault address (§5.5). */
export function actionUsesVault(action: unknown): boolean {
  const type = actionType(action);
  return type !== undefined && VAULT_ACTION_TYPES.has(type);
}

/**
 * The bytes whose keccak256 is the connectionId:
 * `msgpack(action) || uint64_be(nonce) || (vault ? 0x01 || 20 bytes : 0x00) || (expiresAfter ? 0x00 || uint64_be : ∅)`.
 * Throws {@link SigningInputError} for an action, nonce, vault or expiresAfter that cannot be encoded.
 * @see hyperliquid-api.md §6.1
 */
export function l1HashInput(
  action: unknown,
  nonce: number | bigint,
  vaultAddress: string | null | undefined,
  expiresAfter: number | bigint | null | undefined,
): Uint8Array {
  const parts: Uint8Array[] = [encodeAction(action), uintBytes(toUint(nonce, 64, "nonce"), 8)];
  if (vaultAddress === null || vaultAddress === undefined) parts.push(Uint8Array.of(0));
  else parts.push(Uint8Array.of(1), parseAddress(vaultAddress, "vaultAddress"));
  if (expiresAfter !== null && expiresAfter !== undefined) {
    parts.push(Uint8Array.of(0), uintBytes(toUint(expiresAfter, 64, "expiresAfter"), 8));
  }
  return concatBytes(...parts);
}

/** The action hash (phantom agent's `connectionId`), 32 bytes. @see hyperliquid-api.md §6.1 */
export function l1ActionHash(
  action: unknown,
  nonce: number | bigint,
  vaultAddress: string | null | undefined,
  expiresAfter: number | bigint | null | undefined,
): Uint8Array {
  return keccak256(l1HashInput(action, nonce, vaultAddress, expiresAfter));
}

/**
 * The digest the wallet signed: EIP-712 of `Agent{source, connectionId}` under the Exchange/1337 domain.
 * @see hyperliquid-api.md §6.1
 */
export function l1Digest(connectionId: Uint8Array, source: L1Source): Uint8Array {
  const head = AGENT_HEADS[source];
  if (head === undefined) throw new SigningInputError(`unknown L1 source ${String(source)}`);
  if (!(connectionId instanceof Uint8Array) || connectionId.length !== 32) {
    throw new SigningInputError("connectionId: expected 32 bytes");
  }
  // The same bytes as typedDataDigest(L1_DOMAIN_SEPARATOR, hashStruct(Agent, …)), with the constant parts precomputed:
  // two keccaks per digest instead of four (this runs once per request and source).
  const struct = new Uint8Array(96);
  struct.set(head, 0);
  struct.set(connectionId, 64);
  const digestInput = new Uint8Array(66);
  digestInput.set(DIGEST_HEAD, 0);
  digestInput.set(keccak256(struct), 34);
  return keccak256(digestInput);
}

/** Per source: `typeHash(Agent) || keccak256(source)`, the first 64 bytes of the Agent struct's encoding. */
const AGENT_HEADS: Readonly<Record<string, Uint8Array>> = Object.fromEntries(
  L1_SOURCES.map((source) => [source, concatBytes(typeHash(AGENT_TYPE, AGENT_FIELDS), keccak256(utf8(source)))]),
);

/** `0x19 0x01 || domainSeparator(Exchange)`. */
const DIGEST_HEAD = concatBytes(Uint8Array.of(0x19, 0x01), L1_DOMAIN_SEPARATOR);

/** The vault address that goes into the hash under the by-type rule: the envelope's, or null. */
export function hashedVault(envelope: Pick<L1Envelope, "action" | "vaultAddress">): string | null {
  const vault = envelope.vaultAddress ?? null;
  return vault !== null && actionUsesVault(envelope.action) ? vault : null;
}

/**
 * The signer of an L1 envelope for one source, hashing the vault by the {@link VAULT_ACTION_TYPES} rule; undefined
 * for a malformed signature. Throws {@link SigningInputError} when the envelope cannot be hashed.
 */
export function recoverL1Signer(envelope: L1Envelope, source: L1Source): Hex | undefined {
  const connectionId = l1ActionHash(envelope.action, envelope.nonce, hashedVault(envelope), envelope.expiresAfter);
  return recoverAddress(l1Digest(connectionId, source), envelope.signature);
}

/** One way of reading an L1 envelope and the address it yields. */
export interface L1Candidate {
  readonly signer: Hex;
  readonly source: L1Source;
  /** The vault address that was hashed, or null for "no vault". */
  readonly vaultInHash: string | null;
  readonly connectionId: Uint8Array;
}

/** Options for {@link recoverL1Candidates}. */
export interface L1CandidateOptions {
  /** Sources to try, in order of preference (§6.4: accept "a", "b" or both). */
  readonly sources: readonly L1Source[];
  /** Also try the other vault reading (with the vault when the rule says none, and vice versa). */
  readonly tryBothVault: boolean;
}

/**
 * Every address the envelope recovers to under the allowed readings, most likely first: for each source, the by-type
 * vault rule, then (with `tryBothVault` and an envelope vault) the other reading. The caller accepts the first
 * candidate whose signer is a known user or agent (§6.5). Throws {@link SigningInputError} when it cannot be hashed.
 */
export function recoverL1Candidates(envelope: L1Envelope, options: L1CandidateOptions): L1Candidate[] {
  const envelopeVault = envelope.vaultAddress ?? null;
  const ruled = hashedVault(envelope);
  const vaults: (string | null)[] = [ruled];
  if (options.tryBothVault && envelopeVault !== null) vaults.push(ruled === null ? envelopeVault : null);
  const connectionIds = vaults.map((v) => l1ActionHash(envelope.action, envelope.nonce, v, envelope.expiresAfter));
  const out: L1Candidate[] = [];
  for (const source of options.sources) {
    vaults.forEach((vaultInHash, i) => {
      const connectionId = connectionIds[i] as Uint8Array;
      const signer = recoverAddress(l1Digest(connectionId, source), envelope.signature);
      if (signer !== undefined) out.push({ signer, source, vaultInHash, connectionId });
    });
  }
  return out;
}

// ===== Multi-sig

/** The `payload` of a `multiSig` action. @see hyperliquid-api.md §6.3 */
export interface MultiSigPayload {
  readonly multiSigUser: string;
  readonly outerSigner: string;
  readonly action: unknown;
}

/**
 * What each authorized signer signs as an L1 action for an L1 inner action: the array
 * `[multiSigUser_lower, outerSigner_lower, action]`, hashed with the envelope's nonce, vault and expiresAfter.
 * @see hyperliquid-api.md §6.3
 */
export function multiSigInnerL1Action(payload: MultiSigPayload): unknown[] {
  return [payload.multiSigUser.toLowerCase(), payload.outerSigner.toLowerCase(), payload.action];
}

/**
 * `multiSigActionHash`, which the leader signs as `HyperliquidTransaction:SendMultiSig`: the connectionId computation
 * applied to the `multiSig` action without its `type` key.
 * @see hyperliquid-api.md §6.3
 */
export function multiSigActionHash(
  multiSigAction: unknown,
  nonce: number | bigint,
  vaultAddress: string | null | undefined,
  expiresAfter: number | bigint | null | undefined,
): Uint8Array {
  if (typeof multiSigAction !== "object" || multiSigAction === null || Array.isArray(multiSigAction)) {
    throw new SigningInputError("multiSig action must be an object");
  }
  const { type: _type, ...rest } = multiSigAction as Record<string, unknown>;
  return l1ActionHash(rest, nonce, vaultAddress, expiresAfter);
}
