/**
 * @module test/api/signing/eip712
 * The EIP-712 primitives against the derived constants of signing-vectors.json (`constants.derivedHashes`): the
 * EIP712Domain type hash, the Exchange/1337 and HyperliquidSignTransaction domain separators, the Agent type hash and
 * every user-signed type hash; plus field encoding rules and the hex helpers.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  domainSeparator,
  EIP712_DOMAIN_FIELDS,
  type Eip712Field,
  encodeField,
  encodeType,
  hashStruct,
  hexToBigInt,
  hexToBytes,
  parseAddress,
  SigningInputError,
  toHex,
  typedDataDigest,
  typeHash,
} from "../../../src/api/signing/eip712.ts";

interface Vectors {
  readonly constants: {
    readonly eip712DomainType: readonly Eip712Field[];
    readonly l1Domain: { name: string; version: string; chainId: number; verifyingContract: string };
    readonly l1Types: { readonly Agent: readonly Eip712Field[] };
    readonly userSignedTypes: Readonly<Record<string, readonly Eip712Field[]>>;
    readonly derivedHashes: {
      readonly EIP712DomainTypeHash: string;
      readonly l1DomainSeparator: string;
      readonly agentEncodeType: string;
      readonly agentTypeHash: string;
      readonly userDomainSeparators: Readonly<Record<string, string>>;
      readonly userTypes: Readonly<Record<string, { readonly encodeType: string; readonly typeHash: string }>>;
    };
  };
  readonly l1Vectors: readonly {
    readonly id: string;
    readonly connectionId: string;
    readonly computedHere: Readonly<Record<"mainnet" | "testnet", { readonly eip712Digest: string }>>;
  }[];
}

const vectors = JSON.parse(readFileSync(new URL("./signing-vectors.json", import.meta.url), "utf8")) as Vectors;
const { constants } = vectors;
const derived = constants.derivedHashes;
const ZERO = "0x0000000000000000000000000000000000000000";

describe("derived constants", () => {
  it("EIP712Domain field list and type hash", () => {
    assert.deepEqual(EIP712_DOMAIN_FIELDS, constants.eip712DomainType);
    assert.equal(
      encodeType("EIP712Domain", EIP712_DOMAIN_FIELDS),
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)",
    );
    assert.equal(toHex(typeHash("EIP712Domain", EIP712_DOMAIN_FIELDS)), derived.EIP712DomainTypeHash);
  });

  it("domainSeparator(Exchange, 1, 1337, 0x0)", () => {
    assert.equal(toHex(domainSeparator(constants.l1Domain)), derived.l1DomainSeparator);
    assert.equal(toHex(domainSeparator({ ...constants.l1Domain, chainId: 1337n })), derived.l1DomainSeparator);
  });

  it("typeHash(Agent)", () => {
    assert.equal(encodeType("Agent", constants.l1Types.Agent), derived.agentEncodeType);
    assert.equal(toHex(typeHash("Agent", constants.l1Types.Agent)), derived.agentTypeHash);
  });

  for (const [chainId, expected] of Object.entries(derived.userDomainSeparators)) {
    it(`domainSeparator(HyperliquidSignTransaction, 1, ${chainId}, 0x0)`, () => {
      const domain = {
        name: "HyperliquidSignTransaction",
        version: "1",
        chainId: BigInt(chainId),
        verifyingContract: ZERO,
      };
      assert.equal(toHex(domainSeparator(domain)), expected);
    });
  }

  for (const [primaryType, fields] of Object.entries(constants.userSignedTypes)) {
    it(`typeHash(${primaryType})`, () => {
      const d = derived.userTypes[primaryType];
      assert.ok(d, `derived hash for ${primaryType}`);
      assert.equal(encodeType(primaryType, fields), d.encodeType);
      assert.equal(toHex(typeHash(primaryType, fields)), d.typeHash);
    });
  }

  it("digest of every L1 vector from its connectionId, through the generic primitives", () => {
    const sep = domainSeparator(constants.l1Domain);
    for (const v of vectors.l1Vectors) {
      for (const [net, source] of [
        ["mainnet", "a"],
        ["testnet", "b"],
      ] as const) {
        const struct = hashStruct("Agent", constants.l1Types.Agent, { source, connectionId: v.connectionId });
        assert.equal(toHex(typedDataDigest(sep, struct)), v.computedHere[net].eip712Digest, `${v.id} ${net}`);
      }
    }
  });
});

describe("encodeField", () => {
  const word = (n: bigint) => `0x${n.toString(16).padStart(64, "0")}`;

  it("uints: numbers, bigints, decimal and hex strings; range checked", () => {
    assert.equal(toHex(encodeField("uint64", 1687816341423, "t")), word(1687816341423n));
    assert.equal(toHex(encodeField("uint64", 2n ** 64n - 1n, "t")), word(2n ** 64n - 1n));
    assert.equal(toHex(encodeField("uint64", "1234", "t")), word(1234n));
    assert.equal(toHex(encodeField("uint256", "0x66eee", "t")), word(421614n));
    assert.equal(toHex(encodeField("uint32", 2 ** 32 - 1, "t")), word(2n ** 32n - 1n));
    assert.throws(() => encodeField("uint32", 2 ** 32, "t"), SigningInputError);
    assert.throws(() => encodeField("uint64", 2n ** 64n, "t"), SigningInputError);
    assert.throws(() => encodeField("uint64", -1, "t"), SigningInputError);
    assert.throws(() => encodeField("uint64", 1.5, "t"), SigningInputError);
    assert.throws(() => encodeField("uint64", 2 ** 60, "t"), SigningInputError, "unsafe number");
    assert.throws(() => encodeField("uint64", "1e3", "t"), SigningInputError);
  });

  it("address: left-padded, case-insensitive, 0x optional", () => {
    const lower = toHex(encodeField("address", "0x5e9ee1089755c3435139848e47e6635505d5a13a", "a"));
    assert.equal(lower, "0x0000000000000000000000005e9ee1089755c3435139848e47e6635505d5a13a");
    assert.equal(toHex(encodeField("address", "0x5E9EE1089755C3435139848E47E6635505D5A13A", "a")), lower);
    assert.equal(toHex(encodeField("address", "5e9ee1089755c3435139848e47e6635505d5a13a", "a")), lower);
    assert.throws(() => encodeField("address", "0x5e9e", "a"), SigningInputError);
    assert.throws(() => encodeField("address", 5, "a"), SigningInputError);
  });

  it("string: keccak of UTF-8, case-sensitive", () => {
    assert.notEqual(toHex(encodeField("string", "0xab", "s")), toHex(encodeField("string", "0xAB", "s")));
    assert.equal(
      toHex(encodeField("string", "", "s")),
      "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
      "keccak256 of empty input",
    );
    assert.throws(() => encodeField("string", 1, "s"), SigningInputError);
  });

  it("bool, bytes32 and bytes", () => {
    assert.equal(toHex(encodeField("bool", true, "b")), word(1n));
    assert.equal(toHex(encodeField("bool", false, "b")), word(0n));
    assert.throws(() => encodeField("bool", 1, "b"), SigningInputError);
    assert.equal(toHex(encodeField("bytes32", word(7n), "h")), word(7n));
    assert.throws(() => encodeField("bytes32", "0x07", "h"), SigningInputError);
    assert.equal(toHex(encodeField("bytes", "0x", "d")), toHex(encodeField("string", "", "s")), "empty bytes");
    assert.equal(toHex(encodeField("bytes", "0x6869", "d")), toHex(encodeField("string", "hi", "s")));
    assert.throws(() => encodeField("bytes", "0x123", "d"), SigningInputError);
  });

  it("hashStruct ignores undeclared keys and fails on missing declared ones", () => {
    const fields: readonly Eip712Field[] = [{ name: "x", type: "string" }];
    assert.deepEqual(hashStruct("T", fields, { x: "a", type: "z" }), hashStruct("T", fields, { x: "a" }));
    assert.throws(() => hashStruct("T", fields, {}), SigningInputError);
  });
});

describe("hex helpers", () => {
  it("hexToBytes / toHex round trip, 0x optional, any case", () => {
    assert.equal(toHex(hexToBytes("0xDEADbeef")), "0xdeadbeef");
    assert.equal(toHex(hexToBytes("deadbeef")), "0xdeadbeef");
    assert.equal(toHex(hexToBytes("0x")), "0x");
    assert.throws(() => hexToBytes("0xabc"), SigningInputError);
    assert.throws(() => hexToBytes("0xzz"), SigningInputError);
  });

  it("hexToBigInt takes any number of digits", () => {
    assert.equal(hexToBigInt("0x0001"), 1n);
    assert.equal(hexToBigInt("abc"), 0xabcn);
    assert.equal(hexToBigInt("0x"), undefined);
    assert.equal(hexToBigInt("0xg1"), undefined);
  });

  it("parseAddress wants exactly 20 bytes", () => {
    assert.equal(
      toHex(parseAddress("0x1719884EB866cb12b2287399b15f7db5e7d775ea")),
      "0x1719884eb866cb12b2287399b15f7db5e7d775ea",
    );
    assert.throws(() => parseAddress("0x1719884eb866cb12b2287399b15f7db5e7d775"), SigningInputError);
    assert.throws(() => parseAddress(null), SigningInputError);
  });
});
