/**
 * @module api/signing/recover
 * ecrecover: the Ethereum address that signed a 32-byte digest. Uses native libsecp256k1 (the `secp256k1` package's
 * compiled binding) when it loads and pure-JS @noble/curves otherwise; both give the same answers. Liberal in what it
 * accepts, as real clients differ: r/s as hex with or without `0x` and leading zeros, v as 27/28 or 0/1.
 * @see hyperliquid-api.md §5.1 (signature), §6.5 step 2
 */

import { createRequire } from "node:module";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { type Hex, hexToBigInt, keccak256, toHex, uintBytes } from "./eip712.ts";

/** A signature as it arrives in an envelope: `{r, s, v}`. */
export interface SignatureLike {
  /** Hex, `0x` optional, leading zeros optional (Python drops them), at most 32 bytes of value. */
  readonly r: string;
  /** Hex, as `r`. */
  readonly s: string;
  /** 27 or 28 (SDKs), or 0 or 1. */
  readonly v: number;
}

/** A signature reduced to numbers: `r`, `s` in [1, n) and the recovery id (y parity of R). */
export interface ParsedSignature {
  readonly r: bigint;
  readonly s: bigint;
  readonly recovery: 0 | 1;
}

/** The secp256k1 group order n. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** Which implementation recovers public keys. */
export type RecoveryBackend = "native" | "noble";

/**
 * Parses `{r, s, v}`; undefined when it cannot be a valid recoverable signature (not hex, more than 32 bytes of
 * value, r or s zero or ≥ n, v not in {0, 1, 27, 28}). High s is accepted: the real server's stance on it is
 * unknown (§6.5) and every SDK produces low s anyway.
 */
export function parseSignature(sig: unknown): ParsedSignature | undefined {
  if (typeof sig !== "object" || sig === null) return undefined;
  const { r: rText, s: sText, v } = sig as Record<string, unknown>;
  if (typeof rText !== "string" || typeof sText !== "string" || typeof v !== "number") return undefined;
  const r = hexToBigInt(rText);
  const s = hexToBigInt(sText);
  if (r === undefined || s === undefined) return undefined;
  if (r <= 0n || r >= SECP256K1_N || s <= 0n || s >= SECP256K1_N) return undefined;
  let recovery: 0 | 1;
  if (v === 27 || v === 0) recovery = 0;
  else if (v === 28 || v === 1) recovery = 1;
  else return undefined;
  return { r, s, recovery };
}

/** The address of an uncompressed public key (65 bytes, `0x04 || x || y`): last 20 bytes of keccak256(x || y). */
export function publicKeyToAddress(uncompressed: Uint8Array): Hex {
  if (uncompressed.length !== 65 || uncompressed[0] !== 4) throw new TypeError("expected a 65-byte public key");
  return toHex(keccak256(uncompressed.subarray(1)).subarray(12));
}

// ===== Backends

/** The part of the `secp256k1` package's native binding used here (`secp256k1/bindings` throws if it is absent). */
interface NativeSecp256k1 {
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
}

/**
 * The native binding, or undefined. Loads `secp256k1/bindings`, not `secp256k1`: the package's main entry silently
 * falls back to its own pure-JS code (elliptic), which would hide a failed build.
 */
function loadNative(): NativeSecp256k1 | undefined {
  try {
    const require = createRequire(import.meta.url);
    const mod = require("secp256k1/bindings") as Partial<NativeSecp256k1>;
    return typeof mod.ecdsaRecover === "function" ? (mod as NativeSecp256k1) : undefined;
  } catch {
    return undefined;
  }
}

const native = loadNative();

/** True when native libsecp256k1 loaded. */
export const nativeAvailable: boolean = native !== undefined;

/** The backend {@link recoverAddress} uses. */
export const recoveryBackend: RecoveryBackend = nativeAvailable ? "native" : "noble";

function checkDigest(digest: Uint8Array): void {
  if (!(digest instanceof Uint8Array) || digest.length !== 32) throw new TypeError("digest must be 32 bytes");
}

/** Recovery with native libsecp256k1; undefined if the binding is absent or the signature does not recover. */
function recoverNative(digest: Uint8Array, sig: ParsedSignature): Hex | undefined {
  if (native === undefined) return undefined;
  const compact = new Uint8Array(64);
  compact.set(uintBytes(sig.r, 32), 0);
  compact.set(uintBytes(sig.s, 32), 32);
  try {
    return publicKeyToAddress(native.ecdsaRecover(compact, sig.recovery, digest, false));
  } catch {
    return undefined;
  }
}

/** Recovery with @noble/curves; undefined if the signature does not recover. */
function recoverNoble(digest: Uint8Array, sig: ParsedSignature): Hex | undefined {
  try {
    const point = new secp256k1.Signature(sig.r, sig.s, sig.recovery).recoverPublicKey(digest);
    return publicKeyToAddress(point.toBytes(false));
  } catch {
    return undefined;
  }
}

// ===== Public API

/**
 * The lowercase `0x` address whose key signed `digest` (32 bytes, already hashed), or undefined when the signature
 * is malformed or unrecoverable. Note that any well-formed signature recovers *some* address: a wrong payload shows
 * up as a different address, not as undefined.
 */
export function recoverAddress(digest: Uint8Array, sig: SignatureLike): Hex | undefined {
  return recoverAddressWith(recoveryBackend, digest, sig);
}

/**
 * {@link recoverAddress} with a chosen backend (for tests and benchmarks). `"native"` gives undefined when the
 * binding did not load; check {@link nativeAvailable}.
 */
export function recoverAddressWith(backend: RecoveryBackend, digest: Uint8Array, sig: SignatureLike): Hex | undefined {
  checkDigest(digest);
  const parsed = parseSignature(sig);
  if (parsed === undefined) return undefined;
  return backend === "native" ? recoverNative(digest, parsed) : recoverNoble(digest, parsed);
}
