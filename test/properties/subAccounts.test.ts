/**
 * @module test/properties/subAccounts
 * Replay == live for sub-account commands: the golden sub-account scenario replayed from scratch, and from a snapshot
 * taken after every command (through JSON, as the journal stores it), always reaches the live state hash.
 * @see hyperliquid-mechanics.md §10.2; architecture §8.7 (replay == live, snapshot round-trip)
 */

import { test } from "node:test";
import { checkScenarioReplay } from "./_scenarioReplay.ts";

test("sub-account commands: replay and snapshot + tail reach the live hash at every cut", () => {
  checkScenarioReplay("sub-account");
});
