/**
 * @module test/api/signing/userSigned
 * User-signed actions against every `userSignedVectors` entry and the multi-sig leader vector of
 * signing-vectors.json; the type table against `constants`; negative cases (wrong chain id, wrong hyperliquidChain,
 * tampered fields, case of string fields) and the Python `agentName` quirk, with signatures made here.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { type Eip712Field, hexToBytes, SigningInputError, toHex, typeHash } from "../../../src/api/signing/eip712.ts";
import { publicKeyToAddress, type SignatureLike } from "../../../src/api/signing/recover.ts";
import {
  isUserSignedActionType,
  multiSigOuterHash,
  parseSignatureChainId,
  recoverMultiSigOuterSigner,
  recoverUserSigner,
  SEND_MULTI_SIG,
  USER_SIGNED_ACTIONS,
  userSignedEncodeType,
  userSignedHash,
  userSignedNonce,
} from "../../../src/api/signing/userSigned.ts";

interface Sig {
  readonly r: string;
  readonly s: string;
  readonly v: number;
}
interface Vectors {
  readonly constants: {
    readonly userSignedTypes: Readonly<Record<string, readonly Eip712Field[]>>;
    readonly actionTypeToPrimaryType: Readonly<Record<string, string>>;
    readonly commonSignatureChainIds: Readonly<Record<string, number>>;
    readonly derivedHashes: { readonly userTypes: Readonly<Record<string, { readonly encodeType: string }>> };
  };
  readonly userSignedVectors: readonly {
    readonly id: string;
    readonly privateKey: string;
    readonly signerAddress: string;
    readonly primaryType: string;
    readonly domain: { readonly chainId: number };
    readonly message: Readonly<Record<string, unknown>>;
    readonly eip712Digest: string;
    readonly expectedFromSourceTest: Sig;
    readonly computedHere: { readonly signature: Sig };
  }[];
  readonly multiSigVectors: readonly {
    readonly signerAddress: string;
    readonly nonce: number;
    readonly postedAction: Readonly<Record<string, unknown>>;
    readonly outerEip712Digest: string;
    readonly outerSignature: Sig;
  }[];
}

const vectors = JSON.parse(readFileSync(new URL("./signing-vectors.json", import.meta.url), "utf8")) as Vectors;
const { constants } = vectors;
const typeOfPrimary = Object.fromEntries(Object.entries(constants.actionTypeToPrimaryType).map(([a, p]) => [p, a]));

/** A deterministic signature with a fixed test key, as a wallet would produce it. */
function sign(digest: Uint8Array, key: Uint8Array): SignatureLike {
  const rec = secp256k1.sign(digest, key, { prehash: false, format: "recovered" });
  return { r: toHex(rec.subarray(1, 33)), s: toHex(rec.subarray(33, 65)), v: 27 + (rec[0] as number) };
}

const KEY = hexToBytes("0x0123456789012345678901234567890123456789012345678901234567890123");
const ADDRESS = publicKeyToAddress(secp256k1.getPublicKey(KEY, false));

describe("type table (§5.5) against constants", () => {
  it("every action type maps to the documented primary type and fields, in order", () => {
    const ours = Object.entries(USER_SIGNED_ACTIONS).map(([t, s]) => [t, s.primaryType]);
    const doc = Object.entries(constants.actionTypeToPrimaryType).filter(([t]) => t !== "multiSig");
    assert.deepEqual(ours, doc);
    for (const [type, spec] of Object.entries(USER_SIGNED_ACTIONS)) {
      assert.deepEqual(spec.fields, constants.userSignedTypes[spec.primaryType], type);
      assert.equal(
        userSignedEncodeType(type as keyof typeof USER_SIGNED_ACTIONS),
        constants.derivedHashes.userTypes[spec.primaryType]?.encodeType,
      );
      assert.ok(
        spec.fields.some((f) => f.name === spec.nonceField),
        type,
      );
    }
    assert.equal(constants.actionTypeToPrimaryType.multiSig, SEND_MULTI_SIG.primaryType);
    assert.deepEqual(SEND_MULTI_SIG.fields, constants.userSignedTypes[SEND_MULTI_SIG.primaryType]);
  });

  it("isUserSignedActionType", () => {
    assert.ok(isUserSignedActionType("usdSend"));
    assert.ok(isUserSignedActionType("approveAgent"));
    assert.ok(!isUserSignedActionType("order"));
    assert.ok(!isUserSignedActionType("multiSig"));
    assert.ok(!isUserSignedActionType("toString"));
  });

  it("parseSignatureChainId", () => {
    for (const [hex, id] of Object.entries(constants.commonSignatureChainIds))
      assert.equal(parseSignatureChainId(hex), BigInt(id));
    assert.throws(() => parseSignatureChainId("421614"), SigningInputError);
    assert.throws(() => parseSignatureChainId(421614), SigningInputError);
  });
});

describe("userSignedVectors", () => {
  for (const u of vectors.userSignedVectors) {
    const type = typeOfPrimary[u.primaryType] as string;
    /** The posted action: the message plus `type` (the vectors list only the signed fields). */
    const action = { type, ...u.message };
    const signer = u.signerAddress.toLowerCase();

    it(`${u.id}: digest, chain id and signer`, () => {
      const h = userSignedHash(action);
      assert.equal(h.primaryType, u.primaryType);
      assert.equal(h.chainId, BigInt(u.domain.chainId));
      assert.equal(toHex(h.digest), u.eip712Digest);
      assert.equal(recoverUserSigner(action, u.expectedFromSourceTest), signer);
      assert.equal(recoverUserSigner(action, u.computedHere.signature), signer);
      assert.equal(
        recoverUserSigner(action, { ...u.expectedFromSourceTest, v: u.expectedFromSourceTest.v - 27 }),
        signer,
      );
      assert.deepEqual(sign(h.digest, hexToBytes(u.privateKey)), u.computedHere.signature, "RFC 6979 reproduces it");
    });

    it(`${u.id}: key order and extra keys do not matter (EIP-712 reads named fields)`, () => {
      const reordered = Object.fromEntries(Object.entries(action).reverse());
      assert.equal(recoverUserSigner({ ...reordered, extra: 1 }, u.expectedFromSourceTest), signer);
    });

    it(`${u.id}: wrong chain id, wrong network, tampered fields recover another address`, () => {
      const sig = u.expectedFromSourceTest;
      const other = u.message.hyperliquidChain === "Mainnet" ? "Testnet" : "Mainnet";
      for (const bad of [
        { ...action, signatureChainId: "0xa4b1" },
        { ...action, signatureChainId: "0x1" },
        { ...action, hyperliquidChain: other },
        { ...action, amount: "2" },
        { ...action, destination: `${String(u.message.destination).slice(0, -1)}f` },
        { ...action, time: Number(u.message.time) + 1 },
      ]) {
        const got = recoverUserSigner(bad, sig);
        assert.ok(got !== undefined && got !== signer, JSON.stringify(bad));
      }
    });

    it(`${u.id}: nonce field`, () => {
      assert.equal(userSignedNonce(action), u.message.time);
    });
  }
});

describe("signatures made here", () => {
  const base = { signatureChainId: "0x66eee", hyperliquidChain: "Testnet" };

  it("approveAgent without agentName verifies as agentName '' (Python quirk)", () => {
    const signed = {
      type: "approveAgent",
      ...base,
      agentAddress: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
      agentName: "",
      nonce: 1700000000000,
    };
    const sig = sign(userSignedHash(signed).digest, KEY);
    const { agentName: _dropped, ...posted } = signed;
    assert.equal(recoverUserSigner(signed, sig), ADDRESS);
    assert.equal(recoverUserSigner(posted, sig), ADDRESS);
    const named = recoverUserSigner({ ...posted, agentName: "bot" }, sig);
    assert.ok(named !== undefined && named !== ADDRESS);
    const upper = recoverUserSigner(
      { ...signed, agentAddress: signed.agentAddress.toUpperCase().replace("0X", "0x") },
      sig,
    );
    assert.equal(upper, ADDRESS, "address fields are case-insensitive");
  });

  it("every type in the table hashes and round-trips a signature", () => {
    const sample: Readonly<Record<string, unknown>> = {
      destination: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
      amount: "1.5",
      token: "PURR:0xc1fb593aeffbeb02f85e0308e9956a90",
      time: 1700000000000,
      nonce: 1700000000000,
      toPerp: true,
      sourceDex: "",
      destinationDex: "spot",
      fromSubAccount: "",
      destinationRecipient: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
      addressEncoding: "hex",
      destinationChainId: 42161,
      gasLimit: 200000,
      data: "0xdeadbeef",
      agentAddress: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
      agentName: "bot",
      maxFeeRate: "0.001%",
      builder: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
      validator: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
      wei: 100000000,
      isUndelegate: false,
      signers: '{"authorizedUsers":["0x5e9ee1089755c3435139848e47e6635505d5a13a"],"threshold":1}',
      user: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
      enabled: true,
      abstraction: "unifiedAccount",
      isFinalize: false,
      tradingUser: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
    };
    const digests = new Set<string>();
    for (const type of Object.keys(USER_SIGNED_ACTIONS)) {
      const action = { type, ...base, ...sample };
      const h = userSignedHash(action);
      assert.deepEqual(h.structHash.length, 32);
      assert.equal(toHex(typeHash(h.primaryType, h.fields)).length, 66);
      digests.add(toHex(h.digest));
      assert.equal(recoverUserSigner(action, sign(h.digest, KEY)), ADDRESS, type);
    }
    assert.equal(
      digests.size,
      Object.keys(USER_SIGNED_ACTIONS).length,
      "even usdSend and withdraw3 (same fields) differ",
    );
  });

  it("string fields are hashed as received; the lowercase fallback is an option", () => {
    const signed = {
      type: "usdSend",
      ...base,
      destination: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
      amount: "1",
      time: 1,
    };
    const sig = sign(userSignedHash(signed).digest, KEY);
    const checksummed = { ...signed, destination: "0x5E9EE1089755C3435139848e47e6635505d5a13a" };
    assert.notEqual(recoverUserSigner(checksummed, sig), ADDRESS);
    assert.equal(recoverUserSigner(checksummed, sig, { lowercaseHexStrings: true }), ADDRESS);
  });

  it("multi-sig inner user-signed action inserts payloadMultiSigUser and outerSigner after hyperliquidChain", () => {
    const action = {
      type: "usdSend",
      ...base,
      destination: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
      amount: "1",
      time: 1,
    };
    const multiSig = { multiSigUser: "0x1234567890123456789012345678901234567890", outerSigner: ADDRESS };
    const h = userSignedHash(action, { multiSig });
    assert.deepEqual(
      h.fields.map((f) => `${f.type} ${f.name}`),
      [
        "string hyperliquidChain",
        "address payloadMultiSigUser",
        "address outerSigner",
        "string destination",
        "string amount",
        "uint64 time",
      ],
    );
    assert.notEqual(toHex(h.digest), toHex(userSignedHash(action).digest));
    assert.equal(recoverUserSigner(action, sign(h.digest, KEY), { multiSig }), ADDRESS);
  });

  it("unhashable actions throw SigningInputError", () => {
    const ok = {
      type: "usdSend",
      ...base,
      destination: "0x5e9ee1089755c3435139848e47e6635505d5a13a",
      amount: "1",
      time: 1,
    };
    const { amount: _a, ...missing } = ok;
    for (const bad of [
      missing,
      { ...ok, type: "order" },
      { ...ok, signatureChainId: undefined },
      { ...ok, amount: 1 },
      { ...ok, time: -1 },
      null,
    ]) {
      assert.throws(() => userSignedHash(bad), SigningInputError, JSON.stringify(bad));
    }
  });
});

describe("multi-sig leader (SendMultiSig, §6.3)", () => {
  const m = vectors.multiSigVectors[0];
  assert.ok(m);
  const envelope = { action: m.postedAction, nonce: m.nonce, signature: m.outerSignature };

  it("digest with hyperliquidChain Mainnet and the wrapper's signatureChainId", () => {
    const h = multiSigOuterHash(envelope, "Mainnet");
    assert.equal(h.chainId, 421614n);
    assert.equal(toHex(h.digest), m.outerEip712Digest);
    assert.equal(recoverMultiSigOuterSigner(envelope, "Mainnet"), m.signerAddress.toLowerCase());
  });

  it("the wrong network, nonce or chain id recover another address", () => {
    for (const got of [
      recoverMultiSigOuterSigner(envelope, "Testnet"),
      recoverMultiSigOuterSigner({ ...envelope, nonce: m.nonce + 1 }, "Mainnet"),
      recoverMultiSigOuterSigner({ ...envelope, action: { ...m.postedAction, signatureChainId: "0x1" } }, "Mainnet"),
    ]) {
      assert.ok(got !== undefined && got !== m.signerAddress.toLowerCase());
    }
  });
});
