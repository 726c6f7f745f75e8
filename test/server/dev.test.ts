/**
 * @module test/server/dev
 * hyperlocal's dev controls over real HTTP: fund, spot-genesis (spot tokens), oracle (forcing a liquidation), pay
 * funding now, drop WebSocket connections; wrong bodies get a 422 with the reason.
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { WebSocket } from "ws";
import type { App } from "../../src/server/app.ts";
import { post, startServer } from "../helpers/server.ts";
import { signL1, wallet } from "../helpers/wallet.ts";

const LONG = wallet("dev-long");
const SHORT = wallet("dev-short");

async function dev(app: App, path: string, body: unknown) {
  const res = await fetch(`${app.url}/hyperlocal/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text };
}

describe("dev controls", () => {
  let app: App;
  /** The server's clock, moved by hand so that funding samples are due when the test wants them. */
  let now = Date.now();
  before(async () => {
    app = await startServer({ engine: { markRule: "oracle" }, clock: () => now });
  });
  after(() => app.close());

  it("fund credits an address (decimal string or number of dollars)", async () => {
    assert.deepEqual(
      await dev(app, "fund", { address: LONG.address.toUpperCase().replace("0X", "0x"), amount: "1000.5" }),
      {
        status: 200,
        body: { status: "ok", address: LONG.address, usd: 1_000_500_000 },
      },
    );
    assert.equal((await dev(app, "fund", { address: SHORT.address, amount: 100_000 })).status, 200);
    const refused = await dev(app, "fund", { address: "0x12", amount: "1" });
    assert.equal(refused.status, 422);
    assert.match(refused.body as string, /^fund: \{"address": "0x…", "amount": "1000"\} expected \(address: /);
  });

  it("spot-genesis creates spot tokens (spotGenesis ledger update); bad tokens and amounts are refused", async () => {
    const user = wallet("dev-spot").address;
    assert.deepEqual(await dev(app, "spot-genesis", { address: user, token: "PURR", amount: "12.5" }), {
      status: 200,
      body: { status: "ok", address: user, token: "PURR", amount: "12.5" },
    });
    assert.equal((await dev(app, "spot-genesis", { address: user, token: "USDC", amount: 7 })).status, 200);
    const state = (await post(app, "/info", { type: "spotClearinghouseState", user })).body as {
      balances: { coin: string; total: string }[];
    };
    assert.deepEqual(
      state.balances.map((b) => [b.coin, Number(b.total)]),
      [
        ["USDC", 7],
        ["PURR", 12.5],
      ],
    );
    const ledger = (await post(app, "/info", { type: "userNonFundingLedgerUpdates", user, startTime: 0 })).body as {
      delta: { type: string };
    }[];
    assert.deepEqual(
      ledger.map((u) => u.delta.type),
      ["spotGenesis", "spotGenesis"],
    );
    for (const [body, reason] of [
      [{ address: user, token: "NOPE", amount: "1" }, /unknown spot token NOPE/],
      [{ address: user, token: "PURR", amount: "0.000001" }, /at most 5 decimals/],
      [{ address: user, token: "PURR", amount: "0" }, /positive/],
      [{ address: "0x12", token: "PURR", amount: "1" }, /^spot-genesis: \{"address"/],
    ] as const) {
      const refused = await dev(app, "spot-genesis", body);
      assert.equal(refused.status, 422);
      assert.match(refused.body as string, reason);
    }
  });

  it("oracle moves the mark and can force a liquidation; unknown coins are refused", async () => {
    assert.deepEqual(await dev(app, "oracle", { prices: { SOL: "100" } }), {
      status: 200,
      body: { status: "ok", marks: 1, liquidations: 0 },
    });
    // LONG buys 100 SOL at 20x on $1,000.50: a 10% drop leaves no equity: with no bids to sell into, the backstop liquidator takes the position.
    const now = Date.now();
    const ask = { a: 5, b: false, p: "100", s: "100", r: false, t: { limit: { tif: "Gtc" } } };
    const bid = { a: 5, b: true, p: "100", s: "100", r: false, t: { limit: { tif: "Ioc" } } };
    await post(app, "/exchange", signL1(SHORT, { type: "order", orders: [ask], grouping: "na" }, now));
    const filled = await post(app, "/exchange", signL1(LONG, { type: "order", orders: [bid], grouping: "na" }, now));
    assert.deepEqual(filled.body, {
      status: "ok",
      response: {
        type: "order",
        data: { statuses: [{ filled: { totalSz: "100.0", avgPx: "100.0", oid: 1_000_001 } }] },
      },
    });
    const drop = await dev(app, "oracle", { prices: { SOL: "90" } });
    assert.deepEqual(drop, { status: 200, body: { status: "ok", marks: 1, liquidations: 1 } });
    assert.equal((await dev(app, "oracle", { prices: { NOPE: "1" } })).body, "oracle: unknown coin NOPE");
    assert.equal(
      (await dev(app, "oracle", { prices: { BTC: "65000.55" } })).body,
      "oracle: BTC takes at most 1 decimals",
    );
  });

  it("pay-funding pays now and reports the payments", async () => {
    now += 60_000; // twelve premium samples fall due before the payment
    const out = await dev(app, "pay-funding", {});
    assert.equal(out.status, 200);
    assert.equal((out.body as { status: string }).status, "ok");
    const payments = (out.body as { payments: number }).payments;
    // Every payment is someone's funding record: the two SOL position holders (SHORT and the backstop liquidator).
    const liquidator = app.engine.state.config.liquidator;
    let recorded = 0;
    for (const user of [SHORT.address, liquidator, LONG.address]) {
      recorded += ((await post(app, "/info", { type: "userFunding", user, startTime: 0 })).body as unknown[]).length;
    }
    assert.ok(payments > 0, "positions are open, so funding is paid");
    assert.equal(recorded, payments);
  });

  it("drop-connections closes every WebSocket with 1012; new connections are accepted", async () => {
    const ws = new WebSocket(app.wsUrl);
    await new Promise((resolve) => ws.once("open", resolve));
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    assert.deepEqual(await dev(app, "drop-connections", {}), { status: 200, body: { status: "ok", dropped: 1 } });
    assert.equal(await closed, 1012);
    const again = new WebSocket(app.wsUrl);
    await new Promise((resolve) => again.once("open", resolve));
    again.close();
  });

  it("dev paths take POST only (405 otherwise); unknown paths are 404", async () => {
    assert.equal((await fetch(`${app.url}/hyperlocal/fund`)).status, 405);
    assert.equal((await dev(app, "nothing", {})).status, 404);
  });
});
