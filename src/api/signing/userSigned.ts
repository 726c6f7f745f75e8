/**
 * @module api/signing/userSigned
 * User-signed actions: the `HyperliquidTransaction:*` EIP-712 types (domain "HyperliquidSignTransaction", chain id
 * from the action's `signatureChainId`), their digests and signer recovery, and the multi-sig leader's `SendMultiSig`
 * envelope. Pure; the recovered address is the acting user.
 * @see hyperliquid-api.md §5.5 (user-signed table), §6.2, §6.3
 */

import {
  domainSeparator,
  type Eip712Field,
  type Eip712FieldType,
  encodeType,
  type Hex,
  hashStruct,
  hexToBigInt,
  SigningInputError,
  toHex,
  typedDataDigest,
} from "./eip712.ts";
import { multiSigActionHash } from "./l1.ts";
import { recoverAddress, type SignatureLike } from "./recover.ts";

// ===== The table

/** One user-signed action type. */
export interface UserSignedSpec {
  /** EIP-712 primary type, e.g. `HyperliquidTransaction:UsdSend`. */
  readonly primaryType: string;
  /** Ordered fields, `hyperliquidChain` first. */
  readonly fields: readonly Eip712Field[];
  /** The field that carries the nonce and must equal the envelope `nonce`. */
  readonly nonceField: "time" | "nonce";
}

const HYPERLIQUID_CHAIN: Eip712Field = { name: "hyperliquidChain", type: "string" };

function spec(
  name: string,
  fields: readonly [string, Eip712FieldType][],
  nonceField: "time" | "nonce",
): UserSignedSpec {
  return {
    primaryType: `HyperliquidTransaction:${name}`,
    fields: [HYPERLIQUID_CHAIN, ...fields.map(([n, type]) => ({ name: n, type }))],
    nonceField,
  };
}

/**
 * Action `type` → EIP-712 primary type and fields, in order.
 * @see hyperliquid-api.md §5.5 (user-signed actions table)
 */
export const USER_SIGNED_ACTIONS = {
  usdSend: spec(
    "UsdSend",
    [
      ["destination", "string"],
      ["amount", "string"],
      ["time", "uint64"],
    ],
    "time",
  ),
  spotSend: spec(
    "SpotSend",
    [
      ["destination", "string"],
      ["token", "string"],
      ["amount", "string"],
      ["time", "uint64"],
    ],
    "time",
  ),
  withdraw3: spec(
    "Withdraw",
    [
      ["destination", "string"],
      ["amount", "string"],
      ["time", "uint64"],
    ],
    "time",
  ),
  usdClassTransfer: spec(
    "UsdClassTransfer",
    [
      ["amount", "string"],
      ["toPerp", "bool"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  sendAsset: spec(
    "SendAsset",
    [
      ["destination", "string"],
      ["sourceDex", "string"],
      ["destinationDex", "string"],
      ["token", "string"],
      ["amount", "string"],
      ["fromSubAccount", "string"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  sendToEvmWithData: spec(
    "SendToEvmWithData",
    [
      ["token", "string"],
      ["amount", "string"],
      ["sourceDex", "string"],
      ["destinationRecipient", "string"],
      ["addressEncoding", "string"],
      ["destinationChainId", "uint32"],
      ["gasLimit", "uint64"],
      ["data", "bytes"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  approveAgent: spec(
    "ApproveAgent",
    [
      ["agentAddress", "address"],
      ["agentName", "string"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  approveBuilderFee: spec(
    "ApproveBuilderFee",
    [
      ["maxFeeRate", "string"],
      ["builder", "address"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  tokenDelegate: spec(
    "TokenDelegate",
    [
      ["validator", "address"],
      ["wei", "uint64"],
      ["isUndelegate", "bool"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  cDeposit: spec(
    "CDeposit",
    [
      ["wei", "uint64"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  cWithdraw: spec(
    "CWithdraw",
    [
      ["wei", "uint64"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  convertToMultiSigUser: spec(
    "ConvertToMultiSigUser",
    [
      ["signers", "string"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  userDexAbstraction: spec(
    "UserDexAbstraction",
    [
      ["user", "address"],
      ["enabled", "bool"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  userSetAbstraction: spec(
    "UserSetAbstraction",
    [
      ["user", "address"],
      ["abstraction", "string"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  userPortfolioMargin: spec(
    "UserPortfolioMargin",
    [
      ["user", "address"],
      ["enabled", "bool"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  linkStakingUser: spec(
    "LinkStakingUser",
    [
      ["user", "address"],
      ["isFinalize", "bool"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
  stakingLinkDisableTradingUser: spec(
    "StakingLinkDisableTradingUser",
    [
      ["tradingUser", "address"],
      ["nonce", "uint64"],
    ],
    "nonce",
  ),
} as const satisfies Record<string, UserSignedSpec>;

/** An action `type` that is user-signed (EIP-712 without phantom agent). */
export type UserSignedActionType = keyof typeof USER_SIGNED_ACTIONS;

/** Whether `type` names a user-signed action (otherwise it is L1, or `multiSig`). */
export function isUserSignedActionType(type: unknown): type is UserSignedActionType {
  return typeof type === "string" && Object.hasOwn(USER_SIGNED_ACTIONS, type);
}

/**
 * Defaults for optional fields the client may omit from the posted action. Python signs `approveAgent` without a
 * name as `agentName: ""` and then deletes the key.
 * @see hyperliquid-api.md §5.5 (Python quirk), §6.2
 */
const FIELD_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  approveAgent: { agentName: "" },
};

// ===== Domain

/** The user-signed domain name. @see hyperliquid-api.md §6.2 */
export const USER_SIGNED_DOMAIN_NAME = "HyperliquidSignTransaction";

/**
 * The chain id in `signatureChainId` (`"0x66eee"` → 421614). Hex with `0x`, as every SDK sends it.
 * Throws {@link SigningInputError}.
 */
export function parseSignatureChainId(value: unknown): bigint {
  if (typeof value !== "string" || !/^0[xX][0-9a-fA-F]{1,64}$/.test(value)) {
    throw new SigningInputError("signatureChainId: expected a 0x hex chain id");
  }
  return hexToBigInt(value) as bigint;
}

const domainCache = new Map<bigint, Uint8Array>();

/** `domainSeparator(HyperliquidSignTransaction, 1, chainId, 0x0)`, cached per chain id. */
export function userSignedDomainSeparator(chainId: bigint): Uint8Array {
  let sep = domainCache.get(chainId);
  if (sep === undefined) {
    sep = domainSeparator({
      name: USER_SIGNED_DOMAIN_NAME,
      version: "1",
      chainId,
      verifyingContract: "0x0000000000000000000000000000000000000000",
    });
    if (domainCache.size < 64) domainCache.set(chainId, sep);
  }
  return sep;
}

// ===== Hashing and recovery

/** Everything that went into a user-signed digest (also what `explain.ts` reports). */
export interface UserSignedHash {
  readonly primaryType: string;
  readonly fields: readonly Eip712Field[];
  readonly chainId: bigint;
  /** The values hashed, per field, after defaults (and lowercasing, if asked). */
  readonly message: Readonly<Record<string, unknown>>;
  readonly domainSeparator: Uint8Array;
  readonly structHash: Uint8Array;
  readonly digest: Uint8Array;
}

/** Options for {@link userSignedHash}. */
export interface UserSignedOptions {
  /**
   * The fallback reading of §6.2: lowercase `string` fields holding a `0x` hex value (a checksummed `destination`
   * that the client may have signed lowercased). Default false: strings are hashed exactly as received.
   */
  readonly lowercaseHexStrings?: boolean;
  /**
   * For an inner action of a multi-sig: `payloadMultiSigUser:address, outerSigner:address` are inserted right after
   * `hyperliquidChain` (types and message). Not covered by a known-answer vector.
   * @see hyperliquid-api.md §6.3
   */
  readonly multiSig?: { readonly multiSigUser: string; readonly outerSigner: string };
}

const HEX_STRING = /^0[xX][0-9a-fA-F]+$/;

/**
 * The EIP-712 digest of a user-signed action. Only the declared fields are read (`type`, `signatureChainId` and any
 * extra keys are ignored). Throws {@link SigningInputError} for an unknown type, a missing field (other than a
 * defaulted one) or a value of the wrong shape.
 * @see hyperliquid-api.md §6.2
 */
export function userSignedHash(action: unknown, options: UserSignedOptions = {}): UserSignedHash {
  if (typeof action !== "object" || action === null) throw new SigningInputError("action must be an object");
  const record = action as Record<string, unknown>;
  const type = record.type;
  if (!isUserSignedActionType(type)) throw new SigningInputError(`not a user-signed action type: ${String(type)}`);
  const { primaryType, fields: baseFields } = USER_SIGNED_ACTIONS[type];
  const chainId = parseSignatureChainId(record.signatureChainId);
  const defaults = FIELD_DEFAULTS[type] ?? {};
  const message: Record<string, unknown> = {};
  for (const f of baseFields) {
    let value = Object.hasOwn(record, f.name) ? record[f.name] : defaults[f.name];
    if (value === undefined) throw new SigningInputError(`${type}: missing field ${f.name}`);
    if (options.lowercaseHexStrings === true && f.type === "string" && typeof value === "string") {
      if (HEX_STRING.test(value)) value = value.toLowerCase();
    }
    message[f.name] = value;
  }
  let fields = baseFields as readonly Eip712Field[];
  if (options.multiSig !== undefined) {
    const [first, ...rest] = fields;
    fields = [
      first as Eip712Field,
      { name: "payloadMultiSigUser", type: "address" },
      { name: "outerSigner", type: "address" },
      ...rest,
    ];
    message.payloadMultiSigUser = options.multiSig.multiSigUser.toLowerCase();
    message.outerSigner = options.multiSig.outerSigner.toLowerCase();
  }
  const domainSep = userSignedDomainSeparator(chainId);
  const structHash = hashStruct(primaryType, fields, message);
  return {
    primaryType,
    fields,
    chainId,
    message,
    domainSeparator: domainSep,
    structHash,
    digest: typedDataDigest(domainSep, structHash),
  };
}

/**
 * The user who signed a user-signed action (lowercase), or undefined for a malformed signature. Throws
 * {@link SigningInputError} when the action cannot be hashed. The caller also checks `hyperliquidChain` against the
 * networks it accepts and {@link userSignedNonce} against the envelope nonce (§6.5 step 3).
 */
export function recoverUserSigner(
  action: unknown,
  signature: SignatureLike,
  options: UserSignedOptions = {},
): Hex | undefined {
  return recoverAddress(userSignedHash(action, options).digest, signature);
}

/** The nonce carried inside a user-signed action (`time` or `nonce`), which must equal the envelope's. */
export function userSignedNonce(action: unknown): unknown {
  if (typeof action !== "object" || action === null) return undefined;
  const type = (action as Record<string, unknown>).type;
  if (!isUserSignedActionType(type)) return undefined;
  return (action as Record<string, unknown>)[USER_SIGNED_ACTIONS[type].nonceField];
}

// ===== Multi-sig leader

/** `hyperliquidChain` values. @see hyperliquid-api.md §6.2, §6.4 */
export type HyperliquidChain = "Mainnet" | "Testnet";

/** `HyperliquidTransaction:SendMultiSig`, signed by the multi-sig leader. @see hyperliquid-api.md §5.5, §6.3 */
export const SEND_MULTI_SIG: UserSignedSpec = spec(
  "SendMultiSig",
  [
    ["multiSigActionHash", "bytes32"],
    ["nonce", "uint64"],
  ],
  "nonce",
);

/** A `multiSig` envelope as far as the leader's signature is concerned. */
export interface MultiSigEnvelope {
  readonly action: unknown;
  readonly nonce: number | bigint;
  readonly vaultAddress?: string | null | undefined;
  readonly expiresAfter?: number | bigint | null | undefined;
}

/**
 * The digest of the leader's `SendMultiSig` signature. The posted `multiSig` action carries `signatureChainId` but
 * no `hyperliquidChain`, so the network is the caller's to supply (try each accepted one).
 * @see hyperliquid-api.md §6.3
 */
export function multiSigOuterHash(envelope: MultiSigEnvelope, hyperliquidChain: HyperliquidChain): UserSignedHash {
  const action = envelope.action;
  if (typeof action !== "object" || action === null) throw new SigningInputError("action must be an object");
  const chainId = parseSignatureChainId((action as Record<string, unknown>).signatureChainId);
  const hash = multiSigActionHash(action, envelope.nonce, envelope.vaultAddress, envelope.expiresAfter);
  const message = { hyperliquidChain, multiSigActionHash: toHex(hash), nonce: envelope.nonce };
  const domainSep = userSignedDomainSeparator(chainId);
  const structHash = hashStruct(SEND_MULTI_SIG.primaryType, SEND_MULTI_SIG.fields, message);
  return {
    primaryType: SEND_MULTI_SIG.primaryType,
    fields: SEND_MULTI_SIG.fields,
    chainId,
    message,
    domainSeparator: domainSep,
    structHash,
    digest: typedDataDigest(domainSep, structHash),
  };
}

/** The leader (outer signer) of a `multiSig` envelope whose `signature` is the outer one. */
export function recoverMultiSigOuterSigner(
  envelope: MultiSigEnvelope & { readonly signature: SignatureLike },
  hyperliquidChain: HyperliquidChain,
): Hex | undefined {
  return recoverAddress(multiSigOuterHash(envelope, hyperliquidChain).digest, envelope.signature);
}

/** `encodeType` string of a user-signed action type (for explanations and tests). */
export function userSignedEncodeType(type: UserSignedActionType): string {
  const s = USER_SIGNED_ACTIONS[type];
  return encodeType(s.primaryType, s.fields);
}
