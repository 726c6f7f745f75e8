/**
 * @module test/api/signing/l1
 * L1 signing against every `l1Vectors` entry of signing-vectors.json (connectionId, digest for both sources, the
 * recovered signer from the source tests' and the recomputed signatures) and the multi-sig vector; the vault rule of
 * §5.5 and its robust variant; negative cases (tampered action, wrong source, wrong nonce/vault/expiresAfter).
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { hexToBytes, SigningInputError, toHex } from "../../../src/api/signing/eip712.ts";
import {
  actionUsesVault,
  hashedVault,
  L1_DOMAIN_SEPARATOR,
  type L1Envelope,
  type L1Source,
  l1ActionHash,
  l1Digest,
  l1HashInput,
  multiSigActionHash,
  multiSigInnerL1Action,
  recoverL1Candidates,
  recoverL1Signer,
  VAULT_ACTION_TYPES,
} from "../../../src/api/signing/l1.ts";
import { recoverAddress } from "../../../src/api/signing/recover.ts";

interface Sig {
  readonly r: string;
  readonly s: string;
  readonly v: number;
}
type Net = "mainnet" | "testnet";
interface L1Vector {
  readonly id: string;
  readonly privateKey: string;
  readonly signerAddress: string;
  readonly action: { readonly type: string } & Readonly<Record<string, unknown>>;
  readonly nonce: number;
  readonly vaultAddress: string | null;
  readonly expiresAfter: number | null;
  readonly msgpackHex: string;
  readonly connectionId: string;
  readonly expectedFromSourceTest: { readonly connectionId?: string; readonly mainnet?: Sig; readonly testnet?: Sig };
  readonly computedHere: Readonly<Record<Net, { readonly eip712Digest: string; readonly signature: Sig }>>;
}
interface Vectors {
  readonly constants: { readonly derivedHashes: { readonly l1DomainSeparator: string } };
  readonly l1Vectors: readonly L1Vector[];
  readonly multiSigVectors: readonly {
    readonly signerAddress: string;
    readonly multiSigUser: string;
    readonly nonce: number;
    readonly innerConnectionId: string;
    readonly innerSignature: Sig;
    readonly postedAction: {
      readonly payload: { readonly multiSigUser: string; readonly outerSigner: string; readonly action: unknown };
    } & Readonly<Record<string, unknown>>;
    readonly multiSigActionHash: string;
  }[];
}

const vectors = JSON.parse(readFileSync(new URL("./signing-vectors.json", import.meta.url), "utf8")) as Vectors;
const SOURCE: Readonly<Record<Net, L1Source>> = { mainnet: "a", testnet: "b" };
const NETS: readonly Net[] = ["mainnet", "testnet"];

const envelopeOf = (v: L1Vector, signature: Sig, action: unknown = v.action): L1Envelope => ({
  action,
  nonce: v.nonce,
  signature,
  vaultAddress: v.vaultAddress,
  expiresAfter: v.expiresAfter,
});

/** The signatures to check for one vector and network: the source test's, when it has one, and the recomputed one. */
function signaturesOf(v: L1Vector, net: Net): Sig[] {
  const out = [v.computedHere[net].signature];
  const expected = v.expectedFromSourceTest[net];
  if (expected !== undefined) out.push(expected);
  return out;
}

/** Vectors whose vault (if any) the by-type rule keeps; l1-5 signs a vault with a made-up "dummy" type. */
const ruleApplies = (v: L1Vector) => v.vaultAddress === null || actionUsesVault(v.action);

it("L1 domain separator matches the doc", () => {
  assert.equal(toHex(L1_DOMAIN_SEPARATOR), vectors.constants.derivedHashes.l1DomainSeparator);
});

describe("l1Vectors", () => {
  for (const v of vectors.l1Vectors) {
    describe(v.id, () => {
      const signer = v.signerAddress.toLowerCase();
      const cid = l1ActionHash(v.action, v.nonce, v.vaultAddress, v.expiresAfter);

      it("connectionId", () => {
        assert.equal(toHex(cid), v.connectionId);
        if (v.expectedFromSourceTest.connectionId !== undefined) {
          assert.equal(toHex(cid), v.expectedFromSourceTest.connectionId);
        }
        assert.ok(toHex(l1HashInput(v.action, v.nonce, v.vaultAddress, v.expiresAfter)).startsWith(v.msgpackHex));
      });

      for (const net of NETS) {
        it(`${net}: digest and recovered signer`, () => {
          const digest = l1Digest(cid, SOURCE[net]);
          assert.equal(toHex(digest), v.computedHere[net].eip712Digest);
          for (const sig of signaturesOf(v, net)) {
            assert.equal(recoverAddress(digest, sig), signer);
            const candidates = recoverL1Candidates(envelopeOf(v, sig), { sources: [SOURCE[net]], tryBothVault: true });
            assert.ok(candidates.some((c) => c.signer === signer && c.source === SOURCE[net]));
            if (ruleApplies(v)) assert.equal(recoverL1Signer(envelopeOf(v, sig), SOURCE[net]), signer);
          }
        });

        it(`${net}: RFC 6979 signing of the digest reproduces the recomputed signature`, () => {
          const rec = secp256k1.sign(hexToBytes(v.computedHere[net].eip712Digest), hexToBytes(v.privateKey), {
            prehash: false,
            format: "recovered",
          });
          const sig = v.computedHere[net].signature;
          assert.equal(toHex(rec.subarray(1, 33)), padded(sig.r));
          assert.equal(toHex(rec.subarray(33, 65)), padded(sig.s));
          assert.equal(27 + (rec[0] as number), sig.v);
        });
      }

      it("negative: wrong source, tampered action, other nonce recover another address", () => {
        const sig = v.computedHere.mainnet.signature;
        const env = envelopeOf(v, sig);
        const wrongSource = recoverAddress(l1Digest(cid, "b"), sig);
        assert.ok(wrongSource !== undefined && wrongSource !== signer);
        const tampered = { ...v.action, type: `${v.action.type}x` };
        const t = recoverAddress(l1Digest(l1ActionHash(tampered, v.nonce, v.vaultAddress, v.expiresAfter), "a"), sig);
        assert.ok(t !== undefined && t !== signer);
        const n = recoverAddress(
          l1Digest(l1ActionHash(v.action, v.nonce + 1, v.vaultAddress, v.expiresAfter), "a"),
          sig,
        );
        assert.ok(n !== undefined && n !== signer);
        const other = recoverL1Candidates(env, { sources: ["b"], tryBothVault: true });
        assert.ok(
          other.every((c) => c.signer !== signer),
          "testnet source never yields the mainnet signer",
        );
      });
    });
  }
});

/** A `0x` hex number padded to 32 bytes (the recomputed signatures are already padded; Python's are not). */
function padded(hex: string): string {
  return `0x${hex.slice(2).padStart(64, "0")}`;
}

describe("tampering an order", () => {
  const v = vectors.l1Vectors.find((x) => x.id === "l1-15");
  assert.ok(v);
  const sig = v.expectedFromSourceTest.mainnet;
  assert.ok(sig);
  const orders = v.action.orders as { p: string; s: string; a: number }[];

  it("a different price, size, asset or key order recovers a different address", () => {
    const signer = v.signerAddress.toLowerCase();
    const variants: unknown[] = [
      { ...v.action, orders: [{ ...orders[0], p: "1801" }] },
      { ...v.action, orders: [{ ...orders[0], s: "0.020" }] },
      { ...v.action, orders: [{ ...orders[0], a: 2 }] },
      { grouping: "na", type: "order", orders },
    ];
    for (const action of variants) {
      const got = recoverL1Signer(envelopeOf(v, sig, action), "a");
      assert.ok(got !== undefined && got !== signer, JSON.stringify(action));
    }
    assert.equal(recoverL1Signer(envelopeOf(v, sig), "a"), signer);
  });
});

describe("envelope variants (§5.1)", () => {
  const withBoth = vectors.l1Vectors.find((x) => x.id === "l1-14");
  assert.ok(withBoth && withBoth.vaultAddress !== null && withBoth.expiresAfter !== null);

  it("vault address without 0x or in upper case hashes the same", () => {
    const vault = withBoth.vaultAddress as string;
    const ref = toHex(l1ActionHash(withBoth.action, withBoth.nonce, vault, withBoth.expiresAfter));
    assert.equal(ref, withBoth.connectionId);
    assert.equal(toHex(l1ActionHash(withBoth.action, withBoth.nonce, vault.slice(2), withBoth.expiresAfter)), ref);
    assert.equal(
      toHex(l1ActionHash(withBoth.action, withBoth.nonce, `0x${vault.slice(2).toUpperCase()}`, withBoth.expiresAfter)),
      ref,
    );
  });

  it("null and absent vault / expiresAfter are the same; bigint nonce equals number nonce", () => {
    const base = vectors.l1Vectors.find((x) => x.id === "l1-11");
    assert.ok(base);
    assert.equal(toHex(l1ActionHash(base.action, base.nonce, undefined, undefined)), base.connectionId);
    assert.equal(toHex(l1ActionHash(base.action, BigInt(base.nonce), null, null)), base.connectionId);
  });

  it("the hashed bytes are msgpack || nonce || 0x01 vault || 0x00 expiresAfter", () => {
    const bytes = toHex(l1HashInput(withBoth.action, withBoth.nonce, withBoth.vaultAddress, withBoth.expiresAfter));
    const u64 = (n: number) => n.toString(16).padStart(16, "0");
    const vault = (withBoth.vaultAddress as string).slice(2);
    assert.equal(
      bytes,
      `${withBoth.msgpackHex}${u64(withBoth.nonce)}01${vault}00${u64(withBoth.expiresAfter as number)}`,
    );
    const none = toHex(l1HashInput(withBoth.action, withBoth.nonce, null, null));
    assert.equal(none, `${withBoth.msgpackHex}${u64(withBoth.nonce)}00`);
  });

  it("dropping the vault or expiresAfter, or moving the signature to another nonce, changes the signer", () => {
    const sig = withBoth.computedHere.mainnet.signature;
    const signer = withBoth.signerAddress.toLowerCase();
    assert.equal(recoverL1Signer(envelopeOf(withBoth, sig), "a"), signer);
    for (const env of [
      { ...envelopeOf(withBoth, sig), vaultAddress: null },
      { ...envelopeOf(withBoth, sig), expiresAfter: null },
      { ...envelopeOf(withBoth, sig), nonce: withBoth.nonce + 1 },
    ]) {
      const got = recoverL1Signer(env, "a");
      assert.ok(got !== undefined && got !== signer);
    }
  });

  it("malformed nonce, vault or expiresAfter throw SigningInputError", () => {
    assert.throws(() => l1ActionHash({ type: "noop" }, -1, null, null), SigningInputError);
    assert.throws(() => l1ActionHash({ type: "noop" }, 1.5, null, null), SigningInputError);
    assert.throws(() => l1ActionHash({ type: "noop" }, 2n ** 64n, null, null), SigningInputError);
    assert.throws(() => l1ActionHash({ type: "noop" }, 1, "0x1234", null), SigningInputError);
    assert.throws(() => l1ActionHash({ type: "noop" }, 1, null, -5), SigningInputError);
  });
});

describe("vault rule (§5.5)", () => {
  it("lists the vault-capable types", () => {
    for (const t of [
      "order",
      "cancel",
      "cancelByCloid",
      "modify",
      "batchModify",
      "scheduleCancel",
      "twapOrder",
      "noop",
    ]) {
      assert.ok(VAULT_ACTION_TYPES.has(t), t);
    }
    for (const t of ["createSubAccount", "subAccountTransfer", "vaultTransfer", "setReferrer", "usdSend", "dummy"]) {
      assert.ok(!VAULT_ACTION_TYPES.has(t), t);
    }
    assert.equal(hashedVault({ action: { type: "order" }, vaultAddress: "0xab" }), "0xab");
    assert.equal(hashedVault({ action: { type: "createSubAccount" }, vaultAddress: "0xab" }), null);
    assert.equal(hashedVault({ action: { type: "order" } }), null);
  });

  it("a vault signed on a type outside the rule (Python's 'dummy' vector) is found only by the robust variant", () => {
    const v = vectors.l1Vectors.find((x) => x.id === "l1-5");
    assert.ok(v && v.vaultAddress !== null && !actionUsesVault(v.action));
    const signer = v.signerAddress.toLowerCase();
    const sig = v.computedHere.testnet.signature;
    const strict = recoverL1Signer(envelopeOf(v, sig), "b");
    assert.ok(strict !== undefined && strict !== signer, "by-type rule hashes no vault for 'dummy'");
    assert.deepEqual(
      recoverL1Candidates(envelopeOf(v, sig), { sources: ["b"], tryBothVault: false }).map((c) => c.signer),
      [strict],
    );
    const robust = recoverL1Candidates(envelopeOf(v, sig), { sources: ["a", "b"], tryBothVault: true });
    assert.equal(robust.length, 4);
    const hit = robust.filter((c) => c.signer === signer);
    assert.equal(hit.length, 1);
    assert.equal(hit[0]?.source, "b");
    assert.equal(hit[0]?.vaultInHash, v.vaultAddress);
    assert.equal(toHex(hit[0]?.connectionId ?? new Uint8Array()), v.connectionId);
  });

  it("an ignored envelope vault (Python posts it for non-vault types) does not change the signer", () => {
    const v = vectors.l1Vectors.find((x) => x.id === "l1-7");
    assert.ok(v && v.action.type === "createSubAccount");
    const sig = v.computedHere.mainnet.signature;
    const env = { ...envelopeOf(v, sig), vaultAddress: "0x1719884eb866cb12b2287399b15f7db5e7d775ea" };
    assert.equal(recoverL1Signer(env, "a"), v.signerAddress.toLowerCase());
    const candidates = recoverL1Candidates(env, { sources: ["a"], tryBothVault: true });
    assert.equal(candidates[0]?.signer, v.signerAddress.toLowerCase(), "the by-type reading comes first");
    assert.equal(candidates[0]?.vaultInHash, null);
  });
});

describe("multi-sig (§6.3)", () => {
  const m = vectors.multiSigVectors[0];
  assert.ok(m);

  it("inner L1 signature over [multiSigUser, outerSigner, action]", () => {
    const inner = multiSigInnerL1Action(m.postedAction.payload);
    assert.deepEqual(inner, [
      m.multiSigUser.toLowerCase(),
      m.signerAddress.toLowerCase(),
      m.postedAction.payload.action,
    ]);
    const cid = l1ActionHash(inner, m.nonce, null, null);
    assert.equal(toHex(cid), m.innerConnectionId);
    assert.equal(recoverAddress(l1Digest(cid, "a"), m.innerSignature), m.signerAddress.toLowerCase());
    assert.notEqual(recoverAddress(l1Digest(cid, "b"), m.innerSignature), m.signerAddress.toLowerCase());
  });

  it("multiSigActionHash is the L1 hash of the wrapper without its type", () => {
    assert.equal(toHex(multiSigActionHash(m.postedAction, m.nonce, null, null)), m.multiSigActionHash);
    assert.notEqual(toHex(l1ActionHash(m.postedAction, m.nonce, null, null)), m.multiSigActionHash);
    assert.throws(() => multiSigActionHash(null, m.nonce, null, null), SigningInputError);
  });
});
