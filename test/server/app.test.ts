/**
 * @module test/server/app
 * The wired server over real HTTP: Hyperliquid's rate limits when asked for (429 past the IP weight, the address
 * budget's count in `userRateLimit`), none by default; the health endpoint; push cadences per server; the engine
 * configuration recorded in a new data directory at once; the structured log lines.
 */

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { WebSocket } from "ws";
import { recover } from "../../src/journal/recover.ts";
import { Store } from "../../src/journal/store.ts";
import { type App, createApp } from "../../src/server/app.ts";
import type { LogLevel } from "../../src/server/log.ts";
import { post, startServer } from "../helpers/server.ts";
import { signL1, wallet } from "../helpers/wallet.ts";

describe("rate limits", () => {
  const apps: App[] = [];
  after(async () => {
    for (const app of apps) await app.close();
  });

  it("are off by default: 100 meta requests (weight 2000) all answer", async () => {
    const app = await startServer();
    apps.push(app);
    for (let i = 0; i < 100; i++) assert.equal((await post(app, "/info", { type: "meta" })).status, 200);
  });

  it("under hyperliquid mode an IP gets 1200 weight a minute, then 429 in plain text", async () => {
    // A frozen clock: the bucket must not refill while the 60 requests run on a busy machine.
    const now = Date.now();
    const app = await startServer({ rateLimits: "hyperliquid", clock: () => now });
    apps.push(app);
    for (let i = 0; i < 60; i++) assert.equal((await post(app, "/info", { type: "meta" })).status, 200, `request ${i}`);
    const refused = await post(app, "/info", { type: "meta" });
    assert.equal(refused.status, 429);
    assert.match(refused.type, /^text\/plain/);
    assert.equal(refused.text, "Too many requests: over the IP weight limit of 1200 per minute.");
  });

  it("under hyperliquid mode the address budget counts each order of a batch", async () => {
    const app = await startServer({ rateLimits: "hyperliquid" });
    apps.push(app);
    const w = wallet("limited");
    await app.fund(w.address, 1_000_000);
    await app.setOracle({ SOL: "100" });
    const o = { a: 5, b: true, p: "90", s: "1", r: false, t: { limit: { tif: "Gtc" } } };
    const placed = await post(
      app,
      "/exchange",
      signL1(w, { type: "order", orders: [o, o, o], grouping: "na" }, Date.now()),
    );
    assert.equal((placed.body as { status: string }).status, "ok");
    const limit = await post(app, "/info", { type: "userRateLimit", user: w.address });
    assert.deepEqual(limit.body, { cumVlm: "0.0", nRequestsUsed: 3, nRequestsCap: 10_000, nRequestsSurplus: 0 });
  });
});

describe("health", () => {
  it("GET /health answers ok and the last sequence number", async () => {
    const app = await startServer();
    try {
      await app.fund(wallet("h").address, 10);
      const res = await fetch(`${app.url}/health`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: "ok", seq: 1 });
    } finally {
      await app.close();
    }
  });
});

/** allMids pushes received over `ms` after the snapshot. */
async function countMids(app: App, ms: number): Promise<number> {
  const ws = new WebSocket(app.wsUrl);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let frames = -1; // the first allMids frame is the snapshot
  ws.on("message", (data: Buffer) => {
    if ((JSON.parse(data.toString()) as { channel: string }).channel === "allMids") frames++;
  });
  ws.send(JSON.stringify({ method: "subscribe", subscription: { type: "allMids" } }));
  while (frames < 0) await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, ms));
  ws.close();
  return frames;
}

describe("cadence option", () => {
  it("each server pushes at its own cadence, without touching the process-wide defaults", async () => {
    const fast = await startServer({ cadence: { allMids: 40 } });
    const normal = await startServer();
    try {
      await fast.setOracle({ BTC: "100000" });
      await normal.setOracle({ BTC: "100000" });
      const [f, n] = await Promise.all([countMids(fast, 1000), countMids(normal, 1000)]);
      assert.ok(f >= 10, `${f} allMids pushes in 1 s at a 40 ms cadence`);
      assert.ok(n <= 2, `${n} allMids pushes in 1 s at the default 1000 ms cadence`);
    } finally {
      await fast.close();
      await normal.close();
    }
  });
});

describe("engine configuration of a data directory", () => {
  it("is recorded when the directory is created, so a journal replays under it whatever the next start asks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hyperlocal-app-config-"));
    try {
      const app = await createApp({ dataDir: dir, port: 0, engine: { takerFee: 50_000, fundingIntervalMs: 60_000 } });
      await app.fund(wallet("c").address, 10);
      // Read the directory while the app runs, as a crash would leave it (no snapshot from close()).
      const store = Store.open(dir);
      try {
        const r = recover(store, { takerFee: 1, fundingIntervalMs: 3_600_000 });
        assert.equal(r.seq, 1);
        assert.equal(r.engine.state.config.takerFee, 50_000);
        assert.equal(r.engine.state.config.fundingIntervalMs, 60_000);
      } finally {
        store.close();
      }
      await app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("log", () => {
  it("the injected logger receives structured lines: recovered, listening, closed", async () => {
    const lines: [LogLevel, string, Record<string, unknown> | undefined][] = [];
    const app = await startServer({ log: (level, message, fields) => lines.push([level, message, fields]) });
    await app.close();
    assert.deepEqual(
      lines.map(([level, message]) => `${level} ${message}`),
      ["info recovered", "info listening", "info closed"],
    );
    assert.equal(lines[1]?.[2]?.url, app.url);
    assert.deepEqual(lines[0]?.[2], { dataDir: ":memory:", seq: 0, fromSnapshot: 0, replayed: 0 });
  });
});
