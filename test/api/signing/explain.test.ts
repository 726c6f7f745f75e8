/**
 * @module test/api/signing/explain
 * Signature explanations: the bytes hashed, source, chain id and recovered address, checked against the vectors of
 * signing-vectors.json; bad input is reported, never thrown.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  explainL1,
  explainSignature,
  explainUserSigned,
  formatExplanation,
  type SignatureExplanation,
} from "../../../src/api/signing/explain.ts";

interface Sig {
  readonly r: string;
  readonly s: string;
  readonly v: number;
}
interface Vectors {
  readonly l1Vectors: readonly {
    readonly id: string;
    readonly signerAddress: string;
    readonly action: Readonly<Record<string, unknown>>;
    readonly nonce: number;
    readonly vaultAddress: string | null;
    readonly expiresAfter: number | null;
    readonly msgpackHex: string;
    readonly connectionId: string;
    readonly computedHere: Readonly<
      Record<"mainnet" | "testnet", { readonly eip712Digest: string; readonly signature: Sig }>
    >;
  }[];
  readonly userSignedVectors: readonly {
    readonly signerAddress: string;
    readonly message: Readonly<Record<string, unknown>>;
    readonly eip712Digest: string;
    readonly expectedFromSourceTest: Sig;
  }[];
  readonly multiSigVectors: readonly {
    readonly signerAddress: string;
    readonly nonce: number;
    readonly postedAction: Readonly<Record<string, unknown>>;
    readonly multiSigActionHash: string;
    readonly outerEip712Digest: string;
    readonly outerSignature: Sig;
  }[];
  readonly constants: { readonly derivedHashes: { readonly l1DomainSeparator: string } };
}

const vectors = JSON.parse(readFileSync(new URL("./signing-vectors.json", import.meta.url), "utf8")) as Vectors;

function only<K extends SignatureExplanation["kind"]>(e: SignatureExplanation | undefined, kind: K) {
  assert.ok(e !== undefined);
  assert.equal(e.kind, kind, JSON.stringify(e));
  return e as Extract<SignatureExplanation, { kind: K }>;
}

describe("L1", () => {
  const v = vectors.l1Vectors.find((x) => x.id === "l1-14");
  assert.ok(v && v.vaultAddress !== null && v.expiresAfter !== null);
  const envelope = {
    action: v.action,
    nonce: v.nonce,
    signature: v.computedHere.testnet.signature,
    vaultAddress: v.vaultAddress,
    expiresAfter: v.expiresAfter,
  };

  it("reports the hashed bytes, connectionId, digest, source and chain id", () => {
    const e = only(explainL1(envelope, "b"), "l1");
    assert.equal(e.recovered, v.signerAddress.toLowerCase());
    assert.equal(e.source, "b");
    assert.equal(e.chainId, 1337);
    assert.equal(e.actionType, "order");
    assert.equal(e.msgpackHex, v.msgpackHex);
    assert.equal(e.nonceHex, "0x00000000499602d2");
    assert.equal(e.vaultInHash, v.vaultAddress);
    assert.equal(e.expiresAfter, "1234567890");
    assert.equal(
      e.hashedBytesHex,
      `${v.msgpackHex}00000000499602d201${String(v.vaultAddress).slice(2)}0000000000499602d2`,
    );
    assert.equal(e.connectionId, v.connectionId);
    assert.equal(e.digest, v.computedHere.testnet.eip712Digest);
    assert.equal(e.domainSeparator, vectors.constants.derivedHashes.l1DomainSeparator);
  });

  it("a failed verification (wrong source, forced no-vault) shows another address", () => {
    const wrong = only(explainL1(envelope, "a"), "l1");
    assert.notEqual(wrong.recovered, v.signerAddress.toLowerCase());
    assert.equal(wrong.digest, v.computedHere.mainnet.eip712Digest);
    const noVault = only(explainL1(envelope, "b", { vault: "without" }), "l1");
    assert.equal(noVault.vaultInHash, null);
    assert.notEqual(noVault.recovered, v.signerAddress.toLowerCase());
    assert.equal(only(explainL1(envelope, "b", { vault: "with" }), "l1").recovered, v.signerAddress.toLowerCase());
  });

  it("explainSignature gives one explanation per source", () => {
    const all = explainSignature(envelope);
    assert.deepEqual(
      all.map((e) => (e.kind === "l1" ? e.source : e.kind)),
      ["a", "b"],
    );
    const text = formatExplanation(all[1] as SignatureExplanation);
    assert.match(text, /source=b chainId=1337/);
    assert.ok(text.includes(v.connectionId));
  });
});

describe("user-signed", () => {
  const u = vectors.userSignedVectors[0];
  assert.ok(u);
  const action = { type: "usdSend", ...u.message };

  it("reports the type string, chain id, values hashed and recovered address", () => {
    const e = only(explainUserSigned(action, u.expectedFromSourceTest), "userSigned");
    assert.equal(e.recovered, u.signerAddress.toLowerCase());
    assert.equal(e.primaryType, "HyperliquidTransaction:UsdSend");
    assert.equal(
      e.encodeType,
      "HyperliquidTransaction:UsdSend(string hyperliquidChain,string destination,string amount,uint64 time)",
    );
    assert.equal(e.chainId, "421614");
    assert.equal(e.hyperliquidChain, "Testnet");
    assert.deepEqual(Object.keys(e.message), ["hyperliquidChain", "destination", "amount", "time"]);
    assert.equal(e.digest, u.eip712Digest);
    assert.doesNotThrow(() => JSON.stringify(e));
    assert.match(formatExplanation(e), /chainId=421614/);
  });

  it("explainSignature picks the user-signed path; a wrong chain id shows another address", () => {
    const envelope = { action: { ...action, signatureChainId: "0x1" }, nonce: 0, signature: u.expectedFromSourceTest };
    const [e] = explainSignature(envelope);
    const us = only(e, "userSigned");
    assert.equal(us.chainId, "1");
    assert.notEqual(us.recovered, u.signerAddress.toLowerCase());
  });
});

describe("multi-sig leader", () => {
  const m = vectors.multiSigVectors[0];
  assert.ok(m);

  it("explainSignature explains SendMultiSig per network", () => {
    const envelope = { action: m.postedAction, nonce: m.nonce, signature: m.outerSignature };
    const [mainnet, testnet] = explainSignature(envelope).map((e) => only(e, "userSigned"));
    assert.ok(mainnet && testnet);
    assert.equal(mainnet.primaryType, "HyperliquidTransaction:SendMultiSig");
    assert.equal(mainnet.hyperliquidChain, "Mainnet");
    assert.equal(mainnet.message.multiSigActionHash, m.multiSigActionHash);
    assert.equal(mainnet.digest, m.outerEip712Digest);
    assert.equal(mainnet.recovered, m.signerAddress.toLowerCase());
    assert.equal(testnet.hyperliquidChain, "Testnet");
    assert.notEqual(testnet.recovered, m.signerAddress.toLowerCase());
  });
});

describe("bad input is reported, not thrown", () => {
  const sig = { r: "0x1", s: "0x1", v: 27 };

  it("unhashable L1 and user-signed actions", () => {
    const l1 = only(explainL1({ action: { type: "order", x: Number.NaN }, nonce: 1, signature: sig }, "a"), "invalid");
    assert.equal(l1.actionType, "order");
    assert.match(l1.error, /NaN/);
    const bad = only(explainL1({ action: { type: "order" }, nonce: -1, signature: sig }, "a"), "invalid");
    assert.match(formatExplanation(bad), /cannot hash/);
    only(explainUserSigned({ type: "usdSend", signatureChainId: "0x1" }, sig), "invalid");
  });

  it("a malformed signature gives recovered: undefined", () => {
    const e = only(
      explainL1({ action: { type: "noop" }, nonce: 1, signature: { r: "zz", s: "0x1", v: 27 } }, "a"),
      "l1",
    );
    assert.equal(e.recovered, undefined);
    assert.match(formatExplanation(e), /recovered=none/);
  });
});
