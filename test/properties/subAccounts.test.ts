/**
 * @module test/properties/subAccounts
 * Replay == live for sub-account commands: the golden sub-account scenario replayed from scratch, and from a snapshot
 * taken after every command (through JSON, as the journal stores it), always reaches the live state hash.
 * @see hyperliquid-mechanics.md §10.2; architecture §8.7 (replay == live, snapshot round-trip)
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { type Command, Engine } from "../../src/core/index.ts";

const lines = readFileSync(join(import.meta.dirname, "../scenarios/sub-account.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const config = (lines.find((l) => "config" in l) as { config: Parameters<typeof Engine.create>[0] }).config;
const commands = lines.filter((l) => !("config" in l) && !("note" in l)) as unknown as Command[];

test("sub-account commands: replay and snapshot + tail reach the live hash at every cut", () => {
  const live = Engine.create(config);
  const hashes: string[] = [];
  const snapshots: string[] = [];
  for (const cmd of commands) {
    live.apply(cmd);
    hashes.push(live.stateHash());
    snapshots.push(JSON.stringify(live.toSnapshot()));
  }
  const replay = Engine.create(config);
  for (const cmd of commands) replay.apply(JSON.parse(JSON.stringify(cmd)) as Command);
  assert.equal(replay.stateHash(), live.stateHash());
  for (let cut = 0; cut < commands.length; cut++) {
    const restored = Engine.fromSnapshot(JSON.parse(snapshots[cut] as string));
    assert.equal(restored.stateHash(), hashes[cut], `snapshot after command ${cut}`);
    for (const cmd of commands.slice(cut + 1)) restored.apply(cmd);
    assert.equal(restored.stateHash(), live.stateHash(), `tail after command ${cut}`);
  }
});
