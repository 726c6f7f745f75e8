/**
 * @module test/properties/_scenarioReplay
 * Replay == live for a golden scenario file: replayed from scratch (commands through JSON, as the journal stores
 * them), and from a snapshot taken after every command followed by the rest, it always reaches the live state hash.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Command, Engine } from "../../src/core/index.ts";

/** Checks `test/scenarios/<name>.jsonl`; throws on the first divergence. */
export function checkScenarioReplay(name: string): void {
  const lines = readFileSync(join(import.meta.dirname, `../scenarios/${name}.jsonl`), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const config = (lines.find((l) => "config" in l) as { config: Parameters<typeof Engine.create>[0] }).config;
  const commands = lines.filter((l) => !("config" in l) && !("note" in l)) as unknown as Command[];
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
}
