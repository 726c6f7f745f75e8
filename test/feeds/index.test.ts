/**
 * @module test/feeds/index
 * The registry: every channel file in src/feeds is registered under its own type and has a test file; no type is
 * both built and listed as not built; every spec has a schema accepting a minimal subscription of its type and some
 * way to send data.
 */

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import * as v from "valibot";
import { CADENCE_MS, CHANNELS, NOT_BUILT_CHANNELS } from "../../src/feeds/index.ts";

const SRC = fileURLToPath(new URL("../../src/feeds/", import.meta.url));
const TESTS = fileURLToPath(new URL("./", import.meta.url));
const NOT_CHANNELS = new Set(["channel.ts", "hub.ts", "index.ts"]);

test("every channel file is registered under its type and has a test", () => {
  const files = readdirSync(SRC).filter((f) => f.endsWith(".ts") && !NOT_CHANNELS.has(f));
  const tests = new Set(readdirSync(TESTS));
  assert.ok(files.length >= 21);
  for (const file of files) {
    const type = file.slice(0, -3);
    assert.equal(CHANNELS[type]?.type, type, `${file} registered as ${type}`);
    assert.ok(tests.has(`${type}.test.ts`), `test/feeds/${type}.test.ts`);
  }
  assert.deepEqual(Object.keys(CHANNELS).sort(), files.map((f) => f.slice(0, -3)).sort());
});

test("built and not-built types are disjoint; the known unbuilt ones are listed", () => {
  for (const type of NOT_BUILT_CHANNELS) assert.equal(CHANNELS[type], undefined, type);
  for (const type of ["allDexsClearinghouseState", "allDexsAssetCtxs", "fastAssetCtxs"]) {
    assert.ok(NOT_BUILT_CHANNELS.includes(type), type);
  }
});

test("every spec sends something and its schema takes its own type only", () => {
  const minimal = { coin: "SOL", user: `0x${"a".repeat(40)}`, interval: "1m" };
  for (const [type, spec] of Object.entries(CHANNELS)) {
    assert.ok(spec.snapshot !== undefined || spec.onTick !== undefined || spec.periodic !== undefined, type);
    const parsed = v.safeParse(spec.schema, { type, ...minimal });
    assert.ok(parsed.success, type);
    assert.equal((parsed.output as { type: string }).type, type);
    assert.equal(v.safeParse(spec.schema, { ...minimal, type: "other" }).success, false, type);
  }
  assert.deepEqual(CADENCE_MS, { l2Book: 500, l2BookFast: 500, allMids: 1000, assetCtxs: 1000, userState: 2000 });
});
