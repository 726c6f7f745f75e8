/**
 * @module test/journal/crash
 * Kill -9 under load: a writer process keeps orders, cancels, transfers and oracle updates flowing through the
 * sequencer into a data directory and is killed with SIGKILL at seeded random moments, then restarted, again and
 * again. After every kill, every acknowledged command is in the journal, recovery gives the same state hash as a clean
 * replay of the whole journal, and the next run carries on from there. `CRASH_CYCLES` sets the number of cycles
 * (`npm run test:crash` runs hundreds).
 */

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Engine } from "../../src/core/index.ts";
import { Journal } from "../../src/journal/journal.ts";
import { recover } from "../../src/journal/recover.ts";
import { Store } from "../../src/journal/store.ts";

const CYCLES = Number(process.env.CRASH_CYCLES ?? 20);
const WRITER = join(import.meta.dirname, "fixtures", "writer.ts");

/** Runs the writer until `killAfterMs` after its first acknowledgement, kills it, and returns the highest ack. */
function runAndKill(dir: string, killAfterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WRITER, dir], { stdio: ["ignore", "pipe", "pipe"] });
    let acked = 0;
    let buffer = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const n = Number(line.slice(4));
        if (line.startsWith("ack ") && n > acked) acked = n;
      }
      timer ??= setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    });
    child.stderr.on("data", (c) => {
      stderr += String(c);
    });
    child.on("exit", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      if (signal !== "SIGKILL") reject(new Error(`writer exited with ${code}: ${stderr}`));
      else resolve(acked);
    });
  });
}

test(`${CYCLES} SIGKILLs under load lose no acknowledged command and recover to a clean replay`, {
  timeout: 600_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-crash-"));
  try {
    let seed = 7;
    let everAcked = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const acked = await runAndKill(dir, 20 + (seed % 250));
      everAcked = Math.max(everAcked, acked);
      const store = Store.open(dir);
      try {
        const recovered = recover(store, { markRule: "oracle" });
        assert.ok(recovered.seq >= everAcked, `cycle ${cycle}: acknowledged ${everAcked}, recovered ${recovered.seq}`);
        const clean = Engine.create({ markRule: "oracle" });
        for (const entry of new Journal(store).readAfter(0)) clean.apply(entry.command);
        assert.equal(recovered.engine.stateHash(), clean.stateHash(), `cycle ${cycle}: recovery differs from a replay`);
        recovered.engine.checkInvariants();
      } finally {
        store.close();
      }
    }
    assert.ok(everAcked > CYCLES, `the writer acknowledged only ${everAcked} commands`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
