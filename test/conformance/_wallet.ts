/**
 * @module test/conformance/_wallet
 * A private-key wallet for the conformance tests, written only against the public EIP-712 and secp256k1 definitions
 * (no code from src/): it has the shape of a viem local account (`address` + `signTypedData({domain, types,
 * primaryType, message})` → 65-byte hex), which is one of the wallet kinds @nktkas/hyperliquid accepts. Flat structs
 * only (every Hyperliquid type is flat): string, bytes, bytesN, address, bool, uintN/intN fields.
 */

import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";

export type Hex = `0x${string}`;

interface Field {
  readonly name: string;
  readonly type: string;
}

interface TypedData {
  readonly domain: { name: string; version: string; chainId: number; verifyingContract: Hex };
  readonly types: Readonly<Record<string, readonly Field[]>>;
  readonly primaryType: string;
  readonly message: Readonly<Record<string, unknown>>;
}

const DOMAIN_FIELDS: readonly Field[] = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
];

const utf8 = new TextEncoder();

export function hexToBytes(hex: string): Uint8Array {
  const h = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) throw new Error(`bad hex ${hex}`);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): Hex {
  return `0x${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function word(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = BigInt.asUintN(256, value);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function encodeValue(type: string, value: unknown): Uint8Array {
  if (type === "string") return keccak_256(utf8.encode(String(value)));
  if (type === "bytes") return keccak_256(hexToBytes(String(value)));
  if (type === "bool") return word(value === true ? 1n : 0n);
  if (type === "address") return word(BigInt(String(value)));
  if (/^bytes\d+$/.test(type)) {
    const out = new Uint8Array(32);
    out.set(hexToBytes(String(value)));
    return out;
  }
  if (/^u?int\d*$/.test(type)) return word(BigInt(value as number | bigint | string));
  throw new Error(`_wallet: unsupported EIP-712 type ${type}`);
}

function hashStruct(name: string, fields: readonly Field[], message: Readonly<Record<string, unknown>>): Uint8Array {
  const typeString = `${name}(${fields.map((f) => `${f.type} ${f.name}`).join(",")})`;
  const parts: Uint8Array[] = [keccak_256(utf8.encode(typeString))];
  for (const f of fields) parts.push(encodeValue(f.type, message[f.name]));
  return keccak_256(concat(parts));
}

/** The EIP-712 digest `keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message))`. */
export function typedDataDigest(data: TypedData): Uint8Array {
  const fields = data.types[data.primaryType];
  if (fields === undefined) throw new Error(`_wallet: no type ${data.primaryType}`);
  const domain = hashStruct("EIP712Domain", DOMAIN_FIELDS, data.domain);
  return keccak_256(concat([new Uint8Array([0x19, 0x01]), domain, hashStruct(data.primaryType, fields, data.message)]));
}

/** A viem-local-account-shaped wallet over a raw private key. */
export interface LocalWallet {
  readonly address: Hex;
  readonly privateKey: Hex;
  signTypedData(params: TypedData): Promise<Hex>;
}

/** The checksum-free lowercase address of a private key. */
export function addressOf(privateKey: Hex): Hex {
  const pub = secp256k1.getPublicKey(hexToBytes(privateKey), false).slice(1);
  return bytesToHex(keccak_256(pub).slice(-20));
}

/** Signs a 32-byte digest: `{r, s, v}` with v 27/28, low s. */
export function signDigest(digest: Uint8Array, privateKey: Hex): { r: Hex; s: Hex; v: 27 | 28 } {
  const raw = secp256k1.sign(digest, hexToBytes(privateKey), { prehash: false, format: "recovered" });
  const sig = secp256k1.Signature.fromBytes(raw, "recovered");
  const hex = (n: bigint) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
  return { r: hex(sig.r), s: hex(sig.s), v: sig.recovery === 1 ? 28 : 27 };
}

export function localWallet(privateKey: Hex): LocalWallet {
  return {
    address: addressOf(privateKey),
    privateKey,
    // One parameter, like viem's: @nktkas/hyperliquid tells wallet kinds apart by `signTypedData.length`.
    signTypedData(params: TypedData): Promise<Hex> {
      const { r, s, v } = signDigest(typedDataDigest(params), privateKey);
      return Promise.resolve(`${r}${s.slice(2)}${v.toString(16)}` as Hex);
    },
  };
}

/** A fixed private key from a small number (deterministic test accounts). */
export function testKey(n: number): Hex {
  return `0x${(0xc0ffee00n + BigInt(n)).toString(16).padStart(64, "0")}` as Hex;
}
