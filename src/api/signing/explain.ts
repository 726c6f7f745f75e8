/**
 * @module api/signing/explain
 * Explains a signature that did not verify: the address it recovers to, the exact bytes and values hashed, the source
 * and chain id used. JSON-friendly output for the `--explain-signatures` flag; never throws on bad input.
 * @see hyperliquid-api.md §6.1, §6.2, §6.5
 */

import { encodeType, type Hex, keccak256, SigningInputError, toHex } from "./eip712.ts";
import {
  actionType,
  hashedVault,
  L1_DOMAIN,
  L1_DOMAIN_SEPARATOR,
  type L1Envelope,
  type L1Source,
  l1Digest,
  l1HashInput,
} from "./l1.ts";
import { encodeAction } from "./msgpack.ts";
import { recoverAddress, type SignatureLike } from "./recover.ts";
import {
  type HyperliquidChain,
  isUserSignedActionType,
  multiSigOuterHash,
  type UserSignedHash,
  userSignedHash,
} from "./userSigned.ts";

/** How an L1 envelope was hashed and what it recovered to. */
export interface L1Explanation {
  readonly kind: "l1";
  readonly actionType: string | undefined;
  readonly source: L1Source;
  readonly chainId: number;
  /** The recovered signer, or undefined for a malformed signature. */
  readonly recovered: Hex | undefined;
  /** The vault address that was hashed (null: "no vault" byte). */
  readonly vaultInHash: string | null;
  readonly msgpackHex: Hex;
  /** All bytes hashed into the connectionId: msgpack || nonce || vault || expiresAfter. */
  readonly hashedBytesHex: Hex;
  readonly nonceHex: Hex;
  readonly expiresAfter: string | null;
  readonly connectionId: Hex;
  readonly domainSeparator: Hex;
  readonly digest: Hex;
}

/** How a user-signed action was hashed and what it recovered to. */
export interface UserSignedExplanation {
  readonly kind: "userSigned";
  readonly actionType: string;
  readonly primaryType: string;
  readonly encodeType: string;
  /** The chain id taken from `signatureChainId`, in decimal. */
  readonly chainId: string;
  readonly hyperliquidChain: unknown;
  readonly recovered: Hex | undefined;
  /** The values hashed, field by field, in type order (bigints as decimal strings). */
  readonly message: Readonly<Record<string, unknown>>;
  readonly domainSeparator: Hex;
  readonly structHash: Hex;
  readonly digest: Hex;
}

/** The action could not be hashed at all. */
export interface InvalidExplanation {
  readonly kind: "invalid";
  readonly actionType: string | undefined;
  readonly error: string;
}

export type SignatureExplanation = L1Explanation | UserSignedExplanation | InvalidExplanation;

/** Options for {@link explainL1}. */
export interface ExplainL1Options {
  /** Which vault reading to show: the by-type rule (default), or forced with/without the envelope vault. */
  readonly vault?: "byType" | "with" | "without";
}

function invalid(action: unknown, error: unknown): InvalidExplanation {
  const message = error instanceof SigningInputError ? error.message : String(error);
  return { kind: "invalid", actionType: actionType(action), error: message };
}

function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return toHex(value);
  return value;
}

/** Explains an L1 envelope for one source. */
export function explainL1(
  envelope: L1Envelope,
  source: L1Source,
  options: ExplainL1Options = {},
): SignatureExplanation {
  try {
    const mode = options.vault ?? "byType";
    const vault = mode === "byType" ? hashedVault(envelope) : mode === "with" ? (envelope.vaultAddress ?? null) : null;
    const hashed = l1HashInput(envelope.action, envelope.nonce, vault, envelope.expiresAfter);
    const msgpack = encodeAction(envelope.action);
    const connectionId = keccak256(hashed);
    const digest = l1Digest(connectionId, source);
    const expires = envelope.expiresAfter ?? null;
    return {
      kind: "l1",
      actionType: actionType(envelope.action),
      source,
      chainId: L1_DOMAIN.chainId,
      recovered: recoverAddress(digest, envelope.signature),
      vaultInHash: vault,
      msgpackHex: toHex(msgpack),
      hashedBytesHex: toHex(hashed),
      nonceHex: toHex(hashed.subarray(msgpack.length, msgpack.length + 8)),
      expiresAfter: expires === null ? null : String(expires),
      connectionId: toHex(connectionId),
      domainSeparator: toHex(L1_DOMAIN_SEPARATOR),
      digest: toHex(digest),
    };
  } catch (error) {
    return invalid(envelope.action, error);
  }
}

/** The explanation of a computed user-signed hash. */
function fromHash(action: unknown, hash: UserSignedHash, signature: SignatureLike): UserSignedExplanation {
  const message: Record<string, unknown> = {};
  for (const f of hash.fields) message[f.name] = jsonSafe(hash.message[f.name]);
  return {
    kind: "userSigned",
    actionType: actionType(action) ?? "",
    primaryType: hash.primaryType,
    encodeType: encodeType(hash.primaryType, hash.fields),
    chainId: hash.chainId.toString(),
    hyperliquidChain: hash.message.hyperliquidChain,
    recovered: recoverAddress(hash.digest, signature),
    message,
    domainSeparator: toHex(hash.domainSeparator),
    structHash: toHex(hash.structHash),
    digest: toHex(hash.digest),
  };
}

/** Explains a user-signed action and its signature. */
export function explainUserSigned(action: unknown, signature: SignatureLike): SignatureExplanation {
  try {
    return fromHash(action, userSignedHash(action), signature);
  } catch (error) {
    return invalid(action, error);
  }
}

/**
 * Explains the leader's `SendMultiSig` signature of a `multiSig` envelope for one network (the posted action does not
 * say which). @see hyperliquid-api.md §6.3
 */
export function explainMultiSigOuter(envelope: L1Envelope, hyperliquidChain: HyperliquidChain): SignatureExplanation {
  try {
    return fromHash(envelope.action, multiSigOuterHash(envelope, hyperliquidChain), envelope.signature);
  } catch (error) {
    return invalid(envelope.action, error);
  }
}

/**
 * Explains an envelope whichever its kind: one explanation per source for an L1 action, one for a user-signed
 * action, and one per network (source "a" = Mainnet, "b" = Testnet) for the leader signature of a `multiSig`.
 */
export function explainSignature(
  envelope: L1Envelope,
  sources: readonly L1Source[] = ["a", "b"],
): SignatureExplanation[] {
  const type = actionType(envelope.action);
  if (isUserSignedActionType(type)) return [explainUserSigned(envelope.action, envelope.signature)];
  if (type === "multiSig") {
    return sources.map((source) => explainMultiSigOuter(envelope, source === "a" ? "Mainnet" : "Testnet"));
  }
  return sources.map((source) => explainL1(envelope, source));
}

/** A few readable lines for a log or the terminal. */
export function formatExplanation(e: SignatureExplanation): string {
  switch (e.kind) {
    case "invalid":
      return `signature of ${e.actionType ?? "?"}: cannot hash the action: ${e.error}`;
    case "l1":
      return [
        `L1 ${e.actionType ?? "?"} source=${e.source} chainId=${e.chainId} recovered=${e.recovered ?? "none"}`,
        `  vault in hash: ${e.vaultInHash ?? "none"}; expiresAfter: ${e.expiresAfter ?? "none"}; nonce: ${e.nonceHex}`,
        `  hashed bytes: ${e.hashedBytesHex}`,
        `  connectionId: ${e.connectionId}`,
        `  digest:       ${e.digest}`,
      ].join("\n");
    case "userSigned":
      return [
        `user-signed ${e.actionType} ${e.primaryType} chainId=${e.chainId} recovered=${e.recovered ?? "none"}`,
        `  type: ${e.encodeType}`,
        `  message: ${JSON.stringify(e.message)}`,
        `  domainSeparator: ${e.domainSeparator}`,
        `  structHash:      ${e.structHash}`,
        `  digest:          ${e.digest}`,
      ].join("\n");
  }
}
