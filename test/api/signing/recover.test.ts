/**
 * @module test/api/signing/recover
 * ecrecover on every digest/signature pair of signing-vectors.json with both backends (native libsecp256k1 and
 * @noble/curves), the liberal signature formats of §5.1 (r/s unpadded or over-padded, v 0/1), malformed signatures,
 * and agreement of the two backends on signatures made here with fixed test keys.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { hexToBytes, keccak256, toHex, utf8 } from "../../../src/api/signing/eip712.ts";
import {
  nativeAvailable,
  parseSignature,
  publicKeyToAddress,
  type RecoveryBackend,
  recoverAddress,
  recoverAddressWith,
  recoveryBackend,
  SECP256K1_N,
  type SignatureLike,
} from "../../../src/api/signing/recover.ts";

interface Sig {
  readonly r: string;
  readonly s: string;
  readonly v: number;
}
interface Vectors {
  readonly l1Vectors: readonly {
    readonly id: string;
    readonly privateKey: string;
    readonly signerAddress: string;
    readonly expectedFromSourceTest: Readonly<Record<string, unknown>>;
    readonly computedHere: Readonly<
      Record<"mainnet" | "testnet", { readonly eip712Digest: string; readonly signature: Sig }>
    >;
  }[];
  readonly userSignedVectors: readonly {
    readonly id: string;
    readonly signerAddress: string;
    readonly eip712Digest: string;
    readonly expectedFromSourceTest: Sig;
  }[];
  readonly multiSigVectors: readonly {
    readonly id: string;
    readonly signerAddress: string;
    readonly outerEip712Digest: string;
    readonly outerSignature: Sig;
  }[];
}

const vectors = JSON.parse(readFileSync(new URL("./signing-vectors.json", import.meta.url), "utf8")) as Vectors;

/** The backends to test: noble always, native when it loaded (the test says so when it is skipped). */
const BACKENDS: readonly RecoveryBackend[] = nativeAvailable ? ["native", "noble"] : ["noble"];

/** Every (digest, signature, signer) triple in the vectors. */
const CASES: { name: string; digest: Uint8Array; sig: Sig; signer: string }[] = [];
for (const v of vectors.l1Vectors) {
  for (const net of ["mainnet", "testnet"] as const) {
    const c = v.computedHere[net];
    const digest = hexToBytes(c.eip712Digest);
    CASES.push({ name: `${v.id} ${net} computed`, digest, sig: c.signature, signer: v.signerAddress });
    const expected = v.expectedFromSourceTest[net] as Sig | undefined;
    if (expected !== undefined)
      CASES.push({ name: `${v.id} ${net} source`, digest, sig: expected, signer: v.signerAddress });
  }
}
for (const u of vectors.userSignedVectors) {
  CASES.push({
    name: u.id,
    digest: hexToBytes(u.eip712Digest),
    sig: u.expectedFromSourceTest,
    signer: u.signerAddress,
  });
}
for (const m of vectors.multiSigVectors) {
  CASES.push({
    name: `${m.id} outer`,
    digest: hexToBytes(m.outerEip712Digest),
    sig: m.outerSignature,
    signer: m.signerAddress,
  });
}

describe("vectors", () => {
  it("native libsecp256k1 loaded (otherwise only the noble path is tested)", (t) => {
    if (!nativeAvailable) t.skip("secp256k1 native binding did not load");
    assert.equal(recoveryBackend, "native");
  });

  for (const backend of BACKENDS) {
    it(`${backend}: every vector digest recovers its signer`, () => {
      assert.ok(CASES.length >= 40);
      for (const c of CASES) assert.equal(recoverAddressWith(backend, c.digest, c.sig), c.signer.toLowerCase(), c.name);
    });
  }

  it("recoverAddress (default backend) agrees", () => {
    for (const c of CASES) assert.equal(recoverAddress(c.digest, c.sig), c.signer.toLowerCase(), c.name);
  });

  it("vector private keys give the vector addresses", () => {
    for (const v of vectors.l1Vectors) {
      const pub = secp256k1.getPublicKey(hexToBytes(v.privateKey), false);
      assert.equal(publicKeyToAddress(pub), v.signerAddress.toLowerCase(), v.id);
    }
  });
});

describe("signature formats (§5.1)", () => {
  const c = CASES.find((x) => x.name === "l1-5 mainnet source");
  assert.ok(c, "l1-5 has a 62-digit r");
  const signer = c.signer.toLowerCase();

  for (const backend of BACKENDS) {
    it(`${backend}: r/s unpadded, padded, over-padded, without 0x, upper case`, () => {
      const r = c.sig.r.slice(2);
      const s = c.sig.s.slice(2);
      assert.equal(r.length, 62);
      const variants: SignatureLike[] = [
        c.sig,
        { r: `0x${r.padStart(64, "0")}`, s: `0x${s}`, v: c.sig.v },
        { r: `0x${r.padStart(70, "0")}`, s: `0x000${s}`, v: c.sig.v },
        { r, s, v: c.sig.v },
        { r: `0X${r.toUpperCase()}`, s: s.toUpperCase(), v: c.sig.v },
      ];
      for (const sig of variants) assert.equal(recoverAddressWith(backend, c.digest, sig), signer, JSON.stringify(sig));
    });

    it(`${backend}: v as 0/1 equals 27/28; the other parity gives another address`, () => {
      for (const x of CASES) {
        const y = x.sig.v - 27;
        assert.equal(recoverAddressWith(backend, x.digest, { ...x.sig, v: y }), x.signer.toLowerCase(), x.name);
        const other = recoverAddressWith(backend, x.digest, { ...x.sig, v: 1 - y });
        if (other !== undefined) assert.notEqual(other, x.signer.toLowerCase(), x.name);
      }
    });

    it(`${backend}: malformed signatures give undefined`, () => {
      const bad: unknown[] = [
        { ...c.sig, v: 29 },
        { ...c.sig, v: 2 },
        { ...c.sig, v: "27" },
        { ...c.sig, r: "0x" },
        { ...c.sig, r: "0x0" },
        { ...c.sig, s: "0x00" },
        { ...c.sig, r: `0x${SECP256K1_N.toString(16)}` },
        { ...c.sig, s: `0x1${"0".repeat(64)}` },
        { ...c.sig, r: "0xnothex" },
        { r: c.sig.r, v: 27 },
        null,
        "0x1234",
      ];
      for (const sig of bad) {
        assert.equal(recoverAddressWith(backend, c.digest, sig as SignatureLike), undefined, JSON.stringify(sig));
      }
    });
  }

  it("parseSignature normalizes", () => {
    assert.deepEqual(parseSignature({ r: "0x01", s: "2", v: 28 }), { r: 1n, s: 2n, recovery: 1 });
    assert.deepEqual(parseSignature({ r: "0x01", s: "2", v: 0 }), { r: 1n, s: 2n, recovery: 0 });
  });

  it("a digest that is not 32 bytes is a programming error", () => {
    assert.throws(() => recoverAddress(new Uint8Array(31), c.sig), TypeError);
  });

  it("an r that is no curve x-coordinate does not recover", () => {
    // x = 5 is not on secp256k1 (5^3 + 7 = 132 is no square mod p).
    for (const backend of BACKENDS) {
      assert.equal(recoverAddressWith(backend, c.digest, { r: "0x5", s: c.sig.s, v: 27 }), undefined, backend);
    }
  });
});

describe("native and noble agree on signatures made here", () => {
  /** Fixed test keys: keccak256 of a label (valid scalars with overwhelming probability; checked below). */
  const KEYS = Array.from({ length: 6 }, (_, i) => keccak256(utf8(`hyperlocal test key ${i}`)));
  const DIGESTS = Array.from({ length: 5 }, (_, i) => keccak256(utf8(`digest ${i}`)));

  it("sign with @noble/curves, recover with each backend", () => {
    let count = 0;
    for (const key of KEYS) {
      assert.ok(secp256k1.utils.isValidSecretKey(key));
      const address = publicKeyToAddress(secp256k1.getPublicKey(key, false));
      for (const digest of DIGESTS) {
        const rec = secp256k1.sign(digest, key, { prehash: false, format: "recovered" });
        const sig = { r: toHex(rec.subarray(1, 33)), s: toHex(rec.subarray(33, 65)), v: 27 + (rec[0] as number) };
        for (const backend of BACKENDS) assert.equal(recoverAddressWith(backend, digest, sig), address, backend);
        // The malleable twin (n - s, flipped parity) recovers the same key; both backends accept high s.
        const high = {
          r: sig.r,
          s: toHex(hexToBytes((SECP256K1_N - BigInt(sig.s)).toString(16).padStart(64, "0"))),
          v: 55 - sig.v,
        };
        for (const backend of BACKENDS)
          assert.equal(recoverAddressWith(backend, digest, high), address, `${backend} high s`);
        count++;
      }
    }
    assert.equal(count, 30);
  });

  it("backends agree on arbitrary (mostly wrong) signatures", () => {
    for (const x of CASES.slice(0, 10)) {
      const tampered = { ...x.sig, s: `0x${(BigInt(x.sig.s) ^ 1n).toString(16)}` };
      const results = BACKENDS.map((b) => recoverAddressWith(b, x.digest, tampered));
      assert.notEqual(results[0], x.signer.toLowerCase());
      assert.ok(
        results.every((a) => a === results[0]),
        x.name,
      );
    }
  });
});
