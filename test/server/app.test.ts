/**
 * @module test/server/app
 * The wired server over real HTTP: Hyperliquid's rate limits when asked for (429 past the IP weight, the address
 * budget's count in `userRateLimit`), none by default; the health endpoint.
 */

import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { App } from "../../src/server/app.ts";
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
