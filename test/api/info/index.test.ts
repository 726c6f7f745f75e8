/**
 * @module test/api/info/index
 * The /info registry and its error answers: every type file is registered under its own name and has a test;
 * malformed bodies, unknown types and schema failures answer 422 with Hyperliquid's exact text; known-but-unbuilt
 * types say so; refusals carry a reason; optional fields accept absent and null; addresses any case.
 */

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import * as v from "valibot";
import { handleInfo, INFO_TYPES, UNSUPPORTED_INFO_TYPES } from "../../../src/api/info/index.ts";
import { INTERVALS } from "../../../src/api/info/candleSnapshot.ts";
import { CANDLE_INTERVALS } from "../../../src/journal/history.ts";
import { ALICE, BOB, buildFixture, DESERIALIZE, mixedCase, ok, refused } from "./_fixture.ts";

const SRC = fileURLToPath(new URL("../../../src/api/info/", import.meta.url));
const TESTS = fileURLToPath(new URL("./", import.meta.url));

const f = buildFixture();

describe("registry", () => {
  test("every type file is registered under its own name, and every registered type has its file and test", () => {
    const files = readdirSync(SRC)
      .filter((n) => n.endsWith(".ts") && !n.startsWith("_") && n !== "index.ts")
      .map((n) => n.slice(0, -3))
      .sort();
    assert.deepEqual(Object.keys(INFO_TYPES).sort(), files);
    const tests = new Set(readdirSync(TESTS));
    for (const type of files) assert.ok(tests.has(`${type}.test.ts`), `test/api/info/${type}.test.ts is missing`);
  });

  test("each schema names its own type, so a WebSocket post can reuse it", () => {
    for (const [type, entry] of Object.entries(INFO_TYPES)) {
      const parsed = v.safeParse(entry.schema, { type: "somethingElse" });
      assert.equal(parsed.success, false, type);
    }
  });

  test("no type is both built and listed as unsupported", () => {
    for (const type of UNSUPPORTED_INFO_TYPES) assert.equal(Object.hasOwn(INFO_TYPES, type), false, type);
  });

  test("candle intervals are the journal's, in the same order", () => {
    assert.deepEqual([...INTERVALS], [...CANDLE_INTERVALS]);
  });
});

describe("errors", () => {
  test("bodies that are not an object with a string type answer 422 with the exact text", () => {
    for (const body of [null, 1, "meta", [], [{ type: "meta" }], {}, { type: 5 }, { type: null }, true]) {
      assert.deepEqual(handleInfo(f.ctx, body), { status: 422, text: DESERIALIZE }, JSON.stringify(body));
    }
    assert.equal(DESERIALIZE.length, 56);
  });

  test("an unknown type answers 422 with the exact text, prototype names included", () => {
    for (const type of ["nope", "Meta", "META", "toString", "__proto__", "constructor", "hasOwnProperty"]) {
      assert.equal(refused(f.ctx, { type }), DESERIALIZE, type);
    }
  });

  test("a Hyperliquid type that hyperlocal does not build says so", () => {
    assert.equal(
      refused(f.ctx, { type: "portfolio", user: ALICE }),
      `${DESERIALIZE}: info type "portfolio" is not supported by hyperlocal yet`,
    );
    for (const type of UNSUPPORTED_INFO_TYPES) {
      assert.match(refused(f.ctx, { type }), /is not supported by hyperlocal yet$/, type);
    }
  });

  test("schema failures answer the exact text: missing, mistyped and malformed fields", () => {
    const bad: unknown[] = [
      { type: "clearinghouseState" },
      { type: "clearinghouseState", user: "0x123" },
      { type: "clearinghouseState", user: `0x${"g".repeat(40)}` },
      { type: "clearinghouseState", user: ALICE.slice(2) },
      { type: "clearinghouseState", user: 5 },
      { type: "clearinghouseState", user: ALICE, dex: 0 },
      { type: "userFillsByTime", user: ALICE },
      { type: "userFillsByTime", user: ALICE, startTime: "0" },
      { type: "userFillsByTime", user: ALICE, startTime: -1 },
      { type: "userFillsByTime", user: ALICE, startTime: 1.5 },
      { type: "userFills", user: ALICE, aggregateByTime: "yes" },
      { type: "orderStatus", user: ALICE },
      { type: "orderStatus", user: ALICE, oid: "123" },
      { type: "orderStatus", user: ALICE, oid: `0x${"a".repeat(31)}` },
      { type: "l2Book" },
      { type: "l2Book", coin: "SOL", nSigFigs: 6 },
      { type: "l2Book", coin: "SOL", nSigFigs: 5, mantissa: 3 },
      { type: "candleSnapshot", coin: "SOL", interval: "1m", startTime: 0 },
      { type: "candleSnapshot", req: { coin: "SOL", interval: "2m", startTime: 0 } },
      { type: "maxBuilderFee", user: ALICE },
      { type: "marginTable", id: "56" },
    ];
    for (const body of bad) assert.equal(refused(f.ctx, body), DESERIALIZE, JSON.stringify(body));
  });

  test("a request that parses but names what hyperlocal lacks is refused with a reason", () => {
    assert.equal(
      refused(f.ctx, { type: "meta", dex: "xyz" }),
      `${DESERIALIZE}: unknown perp dex "xyz" (hyperlocal has only the first perp dex, "")`,
    );
    assert.equal(
      refused(f.ctx, { type: "clearinghouseState", user: ALICE, dex: "xyz" }),
      `${DESERIALIZE}: unknown perp dex "xyz" (hyperlocal has only the first perp dex, "")`,
    );
  });
});

describe("leniency", () => {
  test('optional fields may be absent, null, or "" for the dex', () => {
    const a = ok(f.ctx, { type: "clearinghouseState", user: ALICE });
    assert.deepEqual(ok(f.ctx, { type: "clearinghouseState", user: ALICE, dex: null }), a);
    assert.deepEqual(ok(f.ctx, { type: "clearinghouseState", user: ALICE, dex: "" }), a);
    const fills = ok(f.ctx, { type: "userFillsByTime", user: BOB, startTime: 0 });
    assert.deepEqual(
      ok(f.ctx, { type: "userFillsByTime", user: BOB, startTime: 0, endTime: null, aggregateByTime: null }),
      fills,
    );
  });

  test("addresses in any case are accepted and answered for the lowercase address", () => {
    const lower = ok(f.ctx, { type: "userFills", user: BOB });
    assert.notEqual((lower as unknown[]).length, 0);
    assert.deepEqual(ok(f.ctx, { type: "userFills", user: mixedCase(BOB) }), lower);
    assert.deepEqual(ok(f.ctx, { type: "userFills", user: `0X${BOB.slice(2).toUpperCase()}` }), lower);
  });

  test("unknown extra fields are ignored, as serde does by default", () => {
    assert.deepEqual(ok(f.ctx, { type: "meta", extra: 1 }), ok(f.ctx, { type: "meta" }));
  });
});
