/**
 * @module test/helpers/wallet
 * A private-key wallet that signs /exchange envelopes as the SDKs do (L1 phantom agent, user-signed EIP-712), built on
 * the project's own hashing and @noble/curves' RFC 6979 signatures. For tests that call the api without an SDK.
 */

import { secp256k1 } from "@noble/curves/secp256k1.js";
import { hexToBytes, keccak256, toHex, utf8 } from "../../src/api/signing/eip712.ts";
import { type L1Source, l1ActionHash, l1Digest } from "../../src/api/signing/l1.ts";
import { publicKeyToAddress, type SignatureLike } from "../../src/api/signing/recover.ts";
import { userSignedHash } from "../../src/api/signing/userSigned.ts";

export interface Wallet {
  readonly key: Uint8Array;
  /** Lowercase address. */
  readonly address: `0x${string}`;
  /** `0x` + 64 hex, for SDKs. */
  readonly privateKey: `0x${string}`;
}

/** A fixed wallet derived from a label (same label, same wallet). */
export function wallet(label: string): Wallet {
  const key = keccak256(utf8(`hyperlocal test wallet ${label}`));
  return { key, address: publicKeyToAddress(secp256k1.getPublicKey(key, false)), privateKey: toHex(key) };
}

export function signDigest(digest: Uint8Array, key: Uint8Array): SignatureLike {
  const rec = secp256k1.sign(digest, key, { prehash: false, format: "recovered" });
  return { r: toHex(rec.subarray(1, 33)), s: toHex(rec.subarray(33, 65)), v: 27 + (rec[0] as number) };
}

export interface L1SignOptions {
  readonly source?: L1Source;
  readonly vaultAddress?: string;
  readonly expiresAfter?: number;
}

/** The envelope an SDK posts for an L1 action. */
export function signL1(w: Wallet, action: Record<string, unknown>, nonce: number, options: L1SignOptions = {}) {
  const hash = l1ActionHash(action, nonce, options.vaultAddress ?? null, options.expiresAfter ?? null);
  const signature = signDigest(l1Digest(hash, options.source ?? "a"), w.key);
  return {
    action,
    nonce,
    signature,
    ...(options.vaultAddress === undefined ? {} : { vaultAddress: options.vaultAddress }),
    ...(options.expiresAfter === undefined ? {} : { expiresAfter: options.expiresAfter }),
  };
}

/** The envelope an SDK posts for a user-signed action (the action carries its chain fields and nonce). */
export function signUserAction(w: Wallet, action: Record<string, unknown>, nonce: number) {
  return { action, nonce, signature: signDigest(userSignedHash(action).digest, w.key) };
}

export { hexToBytes };
