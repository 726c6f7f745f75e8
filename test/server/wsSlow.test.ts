/**
 * @module test/server/wsSlow
 * Slow consumers: many connections (each from its own loopback address, so the server's log names it) subscribe to
 * frequent feeds (l2Book in several aggregations, bbo, trades, allMids — cadences lowered for the test) and stop
 * reading, while orders cross and the oracle moves. Each must be cut off once its unsent data passes the send-buffer
 * cap, with close code 1008 and the reason (README "WebSocket"; ws.ts); the server's memory (measured in this process,
 * where the server runs) must stay within a bound derived from cap × connections; and a normal client's post-info
 * latency must stay normal throughout.
 * @see hyperliquid-api.md §1.8, §1.9
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import WebSocket from "ws";
import { CADENCE_MS } from "../../src/feeds/index.ts";
import type { App } from "../../src/server/app.ts";
import { post, startServer } from "../helpers/server.ts";
import { signL1, type Wallet, wallet } from "../helpers/wallet.ts";

const SLOW = Number(process.env.WS_SLOW_CONNECTIONS ?? 200);
const CAP = Number(process.env.WS_SLOW_CAP ?? 256 * 1024);
const MIB = 1024 * 1024;
const COINS = ["BTC", "ETH", "SOL"] as const;
const PRICES: Record<(typeof COINS)[number], number> = { BTC: 60_000, ETH: 3_000, SOL: 100 };
/** A level step per coin (valid prices: 5 significant figures at most). */
const STEP: Record<(typeof COINS)[number], number> = { BTC: 10, ETH: 1, SOL: 0.05 };
const px = (coin: (typeof COINS)[number], steps: number) =>
  String(Number((PRICES[coin] + steps * STEP[coin]).toFixed(2)));
const REASON = `Slow consumer: more than ${CAP} bytes waiting to be sent`;
/** Every slow connection's subscriptions: distinct topics, several of them pushed every few ms. */
const SUBSCRIPTIONS: Record<string, unknown>[] = [
  ...COINS.flatMap((coin) => [
    { type: "l2Book", coin },
    { type: "l2Book", coin, fast: true },
    { type: "l2Book", coin, nSigFigs: 5 },
    { type: "trades", coin },
    { type: "bbo", coin },
  ]),
  { type: "allMids" },
];

type Socket = { pause(): void; resume(): void };
const socketOf = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket;

interface Slow {
  readonly ip: string;
  readonly ws: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  acks: number;
}

function openSlow(url: string, ip: string): Promise<Slow> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { localAddress: ip, perMessageDeflate: false });
    const slow: Slow = {
      ip,
      ws,
      acks: 0,
      closed: new Promise((done) => ws.on("close", (code, reason) => done({ code, reason: String(reason) }))),
    };
    ws.on("message", (data) => {
      if (String(data).startsWith('{"channel":"subscriptionResponse"') && ++slow.acks === SUBSCRIPTIONS.length) {
        // Every ack read: stop reading for good (until the server cuts us off).
        socketOf(ws).pause();
        resolve(slow);
      }
    });
    ws.once("open", () => {
      for (const subscription of SUBSCRIPTIONS) ws.send(JSON.stringify({ method: "subscribe", subscription }));
    });
    ws.once("error", reject);
  });
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;

/** Heap plus off-heap buffers (where queued frames live), and RSS. */
function memory() {
  const m = process.memoryUsage();
  return { live: m.heapUsed + m.external, rss: m.rss };
}

describe("ws slow consumers", () => {
  let app: App;
  const saved = { ...CADENCE_MS };
  const cuts = new Map<string, number>();
  const logged: string[] = [];
  let assets: Record<string, number>;

  before(async () => {
    Object.assign(CADENCE_MS, { l2Book: 25, l2BookFast: 25, allMids: 50, assetCtxs: 50 });
    app = await startServer({
      wsMaxBufferedBytes: CAP,
      log: (level, message, fields) => {
        if (message === "websocket consumer too slow: closing") {
          const ip = String(fields?.ip).replace(/^::ffff:/, "");
          cuts.set(ip, Number(fields?.buffered));
          onCut?.(ip);
        } else if (level !== "info") logged.push(`${level} ${message} ${JSON.stringify(fields)}`);
      },
    });
    const meta = (await post(app, "/info", { type: "meta" })).body as { universe: { name: string }[] };
    assets = Object.fromEntries(meta.universe.map((u, i) => [u.name, i]));
    await app.setOracle(Object.fromEntries(COINS.map((c) => [c, String(PRICES[c])])));
  });
  after(async () => {
    Object.assign(CADENCE_MS, saved);
    await app.close();
  });

  let onCut: ((ip: string) => void) | undefined;

  const order = async (w: Wallet, coin: (typeof COINS)[number], isBuy: boolean, price: string, tif: string) => {
    const o = {
      a: assets[coin],
      b: isBuy,
      p: price,
      s: coin === "BTC" ? "0.01" : "1",
      r: false,
      t: { limit: { tif } },
    };
    const out = await post(app, "/exchange", signL1(w, { type: "order", orders: [o], grouping: "na" }, nonce()));
    assert.equal((out.body as { status: string }).status, "ok", out.text);
  };
  let lastNonce = Date.now();
  const nonce = () => (lastNonce = Math.max(lastNonce + 1, Date.now()));

  it(`${SLOW} connections that never read are cut off at ${CAP} bytes (1008); memory bounded; a normal client unaffected`, async () => {
    const maker = wallet("slow-maker");
    const taker = wallet("slow-taker");
    await app.fund(maker.address, 10_000_000);
    await app.fund(taker.address, 10_000_000);
    // A deep book: 20 levels a side on every coin, so that every l2Book frame is full.
    for (const coin of COINS) {
      for (let i = 1; i <= 20; i++) {
        await order(maker, coin, true, px(coin, -i), "Gtc");
        await order(maker, coin, false, px(coin, i), "Gtc");
      }
    }
    const base = memory();

    // The normal client: a book, and a post info every 20 ms.
    const normal = new WebSocket(app.wsUrl, { perMessageDeflate: false });
    await new Promise((resolve, reject) => normal.once("open", resolve).once("error", reject));
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    const normalErrors: string[] = [];
    let books = 0;
    normal.on("message", (data) => {
      const f = JSON.parse(String(data)) as { channel: string; data: { id: number; response: { type: string } } };
      if (f.channel === "l2Book") books++;
      else if (f.channel === "post") {
        const t = sentAt.get(f.data.id);
        if (t === undefined || f.data.response.type !== "info") normalErrors.push(String(data).slice(0, 200));
        else latencies.push(performance.now() - t);
        sentAt.delete(f.data.id);
      }
    });
    normal.send(JSON.stringify({ method: "subscribe", subscription: { type: "l2Book", coin: "BTC" } }));
    let postId = 0;
    const poster = setInterval(() => {
      sentAt.set(++postId, performance.now());
      normal.send(
        `{"method":"post","id":${postId},"request":{"type":"info","payload":{"type":"l2Book","coin":"ETH"}}}`,
      );
    }, 20);

    // The slow connections, each from its own address (127.0.0.2…): the server's log names the one it cuts.
    const slow = new Map<string, Slow>();
    const closedAt = new Map<string, number>();
    onCut = (ip) => {
      closedAt.set(ip, performance.now());
      // Read again at once: the close frame is behind the queued data, and the server waits 5 s for the handshake.
      const s = slow.get(ip);
      if (s !== undefined) setImmediate(() => socketOf(s.ws).resume());
    };
    const t0 = performance.now();
    const ips = Array.from({ length: SLOW }, (_, i) => `127.0.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}`);
    for (let i = 0; i < SLOW; i += 25) {
      const opened = await Promise.all(ips.slice(i, i + 25).map((ip) => openSlow(app.wsUrl, ip)));
      for (const s of opened) slow.set(s.ip, s);
    }
    const openMs = performance.now() - t0;

    // Activity: crossing trades on every coin and a moving oracle, while memory is sampled.
    let peak = { ...base };
    let stop = false;
    const sampler = setInterval(() => {
      const m = memory();
      peak = { live: Math.max(peak.live, m.live), rss: Math.max(peak.rss, m.rss) };
    }, 50);
    let trades = 0;
    const activity = (async () => {
      let k = 0;
      while (!stop) {
        const coin = COINS[k++ % COINS.length] as (typeof COINS)[number];
        await order(maker, coin, false, px(coin, 0), "Gtc");
        await order(taker, coin, true, px(coin, 0), "Ioc");
        trades++;
        if (k % 10 === 0) {
          const steps = (k / 10) % 5;
          await app.setOracle(Object.fromEntries(COINS.map((c) => [c, px(c, steps)])));
        }
      }
    })();

    // Every slow connection is cut off, and sees 1008 with the reason.
    const deadline = performance.now() + 60_000;
    while (cuts.size < SLOW && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const cutMs = performance.now() - t0;
    const closes = await Promise.race([
      Promise.all([...slow.values()].map((s) => s.closed)),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("slow sockets not closed")), 10_000)),
    ]);
    // The normal client after the flood, a little longer.
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    clearInterval(poster);
    await activity;
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 200));
    const after = memory();

    const growth = { live: (peak.live - base.live) / MIB, rss: (peak.rss - base.rss) / MIB };
    const bound = { live: (SLOW * CAP * 1.5) / MIB + 64, rss: (SLOW * CAP * 2) / MIB + 128 };
    const buffered = [...cuts.values()];
    console.log(
      `ws slow: ${SLOW} slow connections opened in ${Math.round(openMs)} ms, all cut after ${Math.round(cutMs)} ms ` +
        `(buffered at cut ${Math.min(...buffered)}–${Math.max(...buffered)} bytes); ${trades} crossing trades; ` +
        `memory growth peak heap+external ${growth.live.toFixed(1)} MiB (bound ${bound.live.toFixed(0)}), ` +
        `RSS ${growth.rss.toFixed(1)} MiB (bound ${bound.rss.toFixed(0)}), after ${((after.live - base.live) / MIB).toFixed(1)} MiB; ` +
        `normal client: ${latencies.length} posts, p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms, ${books} books`,
    );

    assert.equal(cuts.size, SLOW, `${cuts.size} of ${SLOW} slow connections cut off in ${Math.round(cutMs)} ms`);
    for (const [ip, b] of cuts) {
      assert.ok(slow.has(ip), `cut a connection that is not a slow one: ${ip}`);
      assert.ok(b > CAP && b < CAP + 64 * 1024, `${ip} cut with ${b} bytes buffered`);
    }
    assert.deepEqual(
      closes.filter((c) => c.code !== 1008 || c.reason !== REASON),
      [],
      "every slow connection sees 1008 and the reason",
    );
    assert.deepEqual(logged, []);
    assert.ok(growth.live < bound.live, `heap+external grew ${growth.live.toFixed(1)} MiB`);
    assert.ok(growth.rss < bound.rss, `RSS grew ${growth.rss.toFixed(1)} MiB`);
    // The normal client: open, every post answered, latency normal, its feed kept coming.
    assert.equal(normal.readyState, WebSocket.OPEN);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(normalErrors, []);
    assert.equal(sentAt.size, 0, `${sentAt.size} posts unanswered`);
    assert.ok(latencies.length >= 50, `${latencies.length} posts`);
    // Not a performance target (that is the benchmark's job): a bound far above what a busy 2-core CI machine shows
    // (50–160 ms) but far below the seconds a client would wait if the slow consumers' buffers held it up.
    assert.ok(percentile(latencies, 99) < 1_000, `p99 ${percentile(latencies, 99)} ms`);
    assert.ok(books >= cutMs / CADENCE_MS.l2Book / 4, `${books} books in ${cutMs} ms`);
    normal.close();
  });
});
