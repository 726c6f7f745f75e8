/**
 * @module test/e2e/crash
 * Kill -9 of the real server under load: `hyperlocal serve` runs on one data directory while dev accounts keep
 * orders (GTC and IOC on SOL), cancels and `usdSend`s flowing over keep-alive HTTP; it is killed with SIGKILL at a
 * random moment (0 to 350 ms after its first acknowledgement), restarted, again and again. After every restart every
 * action acknowledged before the kill is there with the state it was acknowledged with (orderStatus, the ledger); the
 * journal holds every acknowledged command (by signer and nonce), and recovery gives the same state hash as a clean
 * replay of the whole journal.
 * `CRASH_CYCLES` sets the number of cycles (default 20; `npm run test:crash` runs hundreds), `CRASH_SEED` the load.
 */

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { devAccounts } from "../../src/cli/serve.ts";
import { Engine } from "../../src/core/index.ts";
import { Journal } from "../../src/journal/journal.ts";
import { recover } from "../../src/journal/recover.ts";
import { Store } from "../../src/journal/store.ts";
import { hexToBytes, type Wallet } from "../helpers/wallet.ts";
import { type Acks, acksOf, Load, rng, verify } from "./load.ts";
import { type Served, serve, stop } from "./server.ts";

const CYCLES = Number(process.env.CRASH_CYCLES ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? 20_260_101);
/** The in-process journal check (a clean replay of the whole journal) runs after this many kills, and at the end. */
const STORE_CHECK_EVERY = Math.max(1, Math.ceil(CYCLES / 20));

function walletOf(privateKey: string, address: string): Wallet {
  return { key: hexToBytes(privateKey), address: address as `0x${string}`, privateKey: privateKey as `0x${string}` };
}

/**
 * Opens the data directory in this process (the server is not running): recovery equals a clean replay of the whole
 * journal from entry 1 with the options `serve` uses (the defaults), and every acknowledged command is journaled.
 */
function checkStore(dir: string, acks: Acks, when: string): { seq: number; fromSnapshot: number } {
  const store = Store.open(dir);
  try {
    const recovered = recover(store);
    const journal = new Journal(store);
    const clean = Engine.create();
    const journaled = new Map<string, string>();
    let count = 0;
    for (const entry of journal.readAfter(0)) {
      clean.apply(entry.command);
      count++;
      const c = entry.command as { type: string; user?: string; auth?: { nonce: number } };
      if (c.auth !== undefined) journaled.set(`${c.user}:${c.auth.nonce}`, c.type);
    }
    assert.equal(count, journal.lastSeq(), `${when}: the journal has gaps`);
    assert.equal(recovered.seq, journal.lastSeq(), `${when}: recovery stopped before the end of the journal`);
    assert.equal(recovered.engine.stateHash(), clean.stateHash(), `${when}: recovery differs from a clean replay`);
    recovered.engine.checkInvariants();
    assert.ok(
      journal.lastSeq() >= acks.commands.length,
      `${when}: ${acks.commands.length} commands acknowledged, the journal ends at ${journal.lastSeq()}`,
    );
    const missing = acks.commands.filter((a) => journaled.get(`${a.user}:${a.nonce}`) !== a.type);
    assert.deepEqual(missing, [], `${when}: acknowledged commands not in the journal`);
    return { seq: recovered.seq, fromSnapshot: recovered.fromSnapshot };
  } finally {
    store.close();
  }
}

test(`hyperlocal serve: ${CYCLES} SIGKILLs under load lose no acknowledged action`, {
  timeout: 120_000 + CYCLES * 10_000,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "hyperlocal-e2e-crash-"));
  const random = rng(SEED);
  const wallets = devAccounts("hyperlocal")
    .slice(0, 6)
    .map((a) => walletOf(a.privateKey, a.address));
  const load = new Load(wallets, random);
  let server: Served | undefined;
  const started = Date.now();
  try {
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      server = await serve(dir);
      if (cycle > 0) {
        const problems = await verify(server.url, acksOf(load.acks, cycle - 1));
        assert.deepEqual(problems, [], `after kill ${cycle}: acknowledged actions lost or changed`);
        await load.refreshOpen(server.url);
      }
      let running = true;
      const driving = load.run(server.url, cycle, () => running);
      // The kill comes at a random moment 0..350 ms after the first acknowledgement of this run.
      const before = load.acks.commands.length;
      for (let waited = 0; load.acks.commands.length === before && waited < 10_000; waited += 5) await sleep(5);
      await sleep(Math.floor(random() * 350));
      const exited = stop(server, "SIGKILL");
      running = false;
      const { signal } = await exited;
      assert.equal(signal, "SIGKILL", `cycle ${cycle}: the server exited by itself:\n${server.output()}`);
      server = undefined;
      await driving;
      const acked = acksOf(load.acks, cycle).commands.length;
      if ((cycle + 1) % STORE_CHECK_EVERY === 0 || cycle === CYCLES - 1) {
        const { seq } = checkStore(dir, load.acks, `after kill ${cycle + 1}`);
        t.diagnostic(`kill ${cycle + 1}: ${acked} acknowledged; journal at ${seq}`);
      }
    }
    assert.deepEqual(load.refused, [], "requests refused (not a connection failure)");

    // The last kill's actions, then everything of the run, on a restarted server; then a clean stop (a snapshot).
    server = await serve(dir);
    assert.deepEqual(await verify(server.url, acksOf(load.acks, CYCLES - 1)), [], "after the last kill");
    assert.deepEqual(await verify(server.url, load.acks), [], "the whole run, at the end");
    const { code } = await stop(server, "SIGTERM");
    server = undefined;
    assert.equal(code, 0);
    const end = checkStore(dir, load.acks, "after a clean stop");
    assert.ok(end.fromSnapshot > 0, "a clean stop leaves a snapshot");

    const { orders, cancels, sends, commands } = load.acks;
    assert.ok(orders.length > CYCLES && sends.length > 0 && cancels.length > 0, "the load acknowledged too little");
    t.diagnostic(
      `${CYCLES} kills in ${((Date.now() - started) / 1000).toFixed(1)} s: ${commands.length} commands acknowledged ` +
        `(${orders.length} orders resting or filled, ${cancels.length} cancels, ${sends.length} transfers); ` +
        `journal at ${end.seq}`,
    );
  } finally {
    if (server !== undefined) await stop(server, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
