/**
 * @module test/feeds/hub
 * The hub on its own with fake channels: resolution (normalized echo, parse failures, not-built types), topic
 * identity by normalized JSON, one `onTick` and one serialisation per topic with the same string delivered to every
 * subscriber, snapshots per new subscriber only, unsubscribe stopping pushes, one cadence timer per interval.
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as v from "valibot";
import type { FeedContext, TickEvents } from "../../src/feeds/channel.ts";
import type { ChannelSpec } from "../../src/feeds/channel.ts";
import { canonicalJson, Hub, type HubSubscriber, type Resolution } from "../../src/feeds/hub.ts";

const ctx = {} as FeedContext;

const BookSub = v.object({
  type: v.literal("book"),
  coin: v.string(),
  nSigFigs: v.optional(v.nullable(v.number()), null),
  fast: v.optional(v.boolean(), false),
});

let onTickCalls = 0;
let snapshotCalls = 0;
const book = {
  type: "book",
  schema: BookSub,
  invalid: (_ctx, sub) => (sub.coin === "NOPE" ? "unknown coin" : undefined),
  snapshot: (_ctx, sub) => {
    snapshotCalls++;
    return { channel: "book", data: { coin: sub.coin, snapshot: true } };
  },
  onTick: (_ctx, sub, tick) => {
    onTickCalls++;
    const mine = tick.events.filter((e) => (e as unknown as { coin?: string }).coin === sub.coin);
    return mine.length === 0 ? undefined : { channel: "book", data: { coin: sub.coin, n: mine.length, t: tick.time } };
  },
} satisfies ChannelSpec<v.InferOutput<typeof BookSub>>;

let periodicCalls = 0;
const ticker = {
  type: "ticker",
  schema: v.object({ type: v.literal("ticker") }),
  periodic: {
    intervalMs: () => 20,
    push: () => {
      periodicCalls++;
      return { channel: "ticker", data: { n: periodicCalls } };
    },
  },
} satisfies ChannelSpec<{ type: "ticker" }>;

const CoinTickerSub = v.object({ type: v.literal("coinTicker"), coin: v.string() });
const coinTicker = {
  type: "coinTicker",
  schema: CoinTickerSub,
  periodic: {
    intervalMs: () => 20,
    push: (_ctx, sub) => ({ channel: "coinTicker", data: { coin: sub.coin } }),
  },
} satisfies ChannelSpec<v.InferOutput<typeof CoinTickerSub>>;

function registry() {
  return {
    channels: { book, ticker, coinTicker } as unknown as Record<string, ChannelSpec>,
    notBuilt: ["webData3"],
  };
}

class Sink implements HubSubscriber {
  readonly frames: string[] = [];
  deliver(frame: string): void {
    this.frames.push(frame);
  }
}

function ok(r: Resolution): Extract<Resolution, { kind: "ok" }> {
  assert.equal(r.kind, "ok");
  return r as Extract<Resolution, { kind: "ok" }>;
}

function tick(coins: string[], time = 1000): TickEvents {
  return { time, events: coins.map((coin) => ({ coin }) as never) };
}

describe("hub: resolution", () => {
  const hub = new Hub(ctx, registry());

  it("normalizes, keys topics by normalized JSON and echoes every key the client sent", () => {
    const a = ok(hub.resolve({ type: "book", coin: "BTC" }));
    const b = ok(hub.resolve({ coin: "BTC", nSigFigs: null, type: "book" }));
    assert.equal(a.key, b.key);
    assert.equal(a.json, '{"type":"book","coin":"BTC","nSigFigs":null,"fast":false}');
    assert.equal(JSON.stringify(b.echo), '{"type":"book","coin":"BTC","nSigFigs":null,"fast":false}');
    const c = ok(hub.resolve({ type: "book", coin: "BTC", nSigFigs: 5 }));
    assert.notEqual(c.key, a.key);
    // A key the schema drops is still echoed (nktkas matches the ack by subset).
    const d = ok(hub.resolve({ type: "book", coin: "ETH", extra: [1] }));
    assert.deepEqual(d.echo, { type: "book", coin: "ETH", nSigFigs: null, fast: false, extra: [1] });
    assert.equal(d.key, ok(hub.resolve({ type: "book", coin: "ETH" })).key);
  });

  it("parse failures and types not built", () => {
    assert.equal(hub.resolve({ type: "nope" }).kind, "parse");
    assert.equal(hub.resolve({ type: "book" }).kind, "parse");
    assert.equal(hub.resolve({ type: "book", coin: ["BTC", "ETH"] }).kind, "parse");
    assert.equal(hub.resolve([{ type: "book", coin: "BTC" }]).kind, "parse");
    assert.equal(hub.resolve(null).kind, "parse");
    assert.equal(hub.resolve({ type: "constructor" }).kind, "parse");
    assert.deepEqual(hub.resolve({ type: "webData3", user: "0x" }), { kind: "notBuilt", type: "webData3" });
    assert.equal(hub.invalid(ok(hub.resolve({ type: "book", coin: "NOPE" }))), "unknown coin");
    assert.equal(hub.invalid(ok(hub.resolve({ type: "book", coin: "BTC" }))), undefined);
  });

  it("canonical JSON ignores key order", () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }),
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});

describe("hub: fan-out", () => {
  it("serialises once per topic and delivers the same string to every subscriber", () => {
    const hub = new Hub(ctx, registry());
    const subs = [new Sink(), new Sink(), new Sink()];
    const other = new Sink();
    const btc = ok(hub.resolve({ type: "book", coin: "BTC" }));
    const btcExplicit = ok(hub.resolve({ type: "book", coin: "BTC", nSigFigs: null, fast: false }));
    snapshotCalls = 0;
    hub.add(btc, subs[0] as Sink);
    hub.add(btcExplicit, subs[1] as Sink);
    hub.add(btc, subs[2] as Sink);
    hub.add(ok(hub.resolve({ type: "book", coin: "ETH" })), other);
    assert.equal(hub.topicCount, 2);
    assert.equal(hub.subscriberCount(btc.key), 3);
    // One snapshot per new subscriber, to that subscriber only.
    assert.equal(snapshotCalls, 4);
    for (const s of subs) assert.deepEqual(s.frames, ['{"channel":"book","data":{"coin":"BTC","snapshot":true}}']);

    onTickCalls = 0;
    const original = JSON.stringify;
    let stringifies = 0;
    JSON.stringify = ((...args: Parameters<typeof JSON.stringify>) => {
      stringifies++;
      return original(...args);
    }) as typeof JSON.stringify;
    try {
      hub.publish(tick(["BTC", "BTC", "SOL"], 1234));
    } finally {
      JSON.stringify = original;
    }
    assert.equal(onTickCalls, 2, "one onTick per topic");
    assert.equal(stringifies, 1, "one serialisation for the BTC topic, none for ETH (nothing to push)");
    const pushed = subs.map((s) => s.frames[1]);
    assert.equal(pushed[0], '{"channel":"book","data":{"coin":"BTC","n":2,"t":1234}}');
    // The very same string (not just equal text) went to all three.
    assert.ok(pushed.every((f) => Object.is(f, pushed[0])));
    assert.equal(other.frames.length, 1);
  });

  it("unsubscribe stops pushes; the topic goes with its last subscriber", () => {
    const hub = new Hub(ctx, registry());
    const a = new Sink();
    const b = new Sink();
    const r = ok(hub.resolve({ type: "book", coin: "BTC" }));
    hub.add(r, a);
    hub.add(r, b);
    hub.remove(r.key, a);
    hub.publish(tick(["BTC"]));
    assert.equal(a.frames.length, 1);
    assert.equal(b.frames.length, 2);
    hub.remove(r.key, b);
    assert.equal(hub.topicCount, 0);
    hub.publish(tick(["BTC"]));
    assert.equal(b.frames.length, 2);
  });

  it("a throwing channel skips its push and reports it; others still get theirs", () => {
    const errors: string[] = [];
    const bad = {
      ...book,
      type: "bad",
      schema: v.object({ type: v.literal("bad"), coin: v.string() }),
      onTick: () => {
        throw new Error("boom");
      },
    };
    const hub = new Hub(
      ctx,
      { channels: { book, bad } as unknown as Record<string, ChannelSpec> },
      { onError: (_e, where) => errors.push(where) },
    );
    const s = new Sink();
    hub.add(ok(hub.resolve({ type: "bad", coin: "BTC" })), s);
    hub.add(ok(hub.resolve({ type: "book", coin: "BTC" })), s);
    hub.publish(tick(["BTC"]));
    assert.deepEqual(errors, ["bad.onTick"]);
    assert.equal(s.frames.length, 3);
  });

  it("topics of one cadence share one timer: a subscriber of several gets their pushes in the same callback", async (t) => {
    const created = t.mock.method(globalThis, "setInterval");
    const cleared = t.mock.method(globalThis, "clearInterval");
    const hub = new Hub(ctx, registry());
    const s = new Sink();
    const btc = ok(hub.resolve({ type: "coinTicker", coin: "BTC" }));
    const eth = ok(hub.resolve({ type: "coinTicker", coin: "ETH" }));
    hub.add(btc, s);
    hub.add(eth, s);
    assert.equal(created.mock.callCount(), 1, "one timer for the 20 ms cadence");
    await new Promise((resolve) => setTimeout(resolve, 110));
    // Every callback pushes BTC then ETH, so the frames alternate strictly.
    const coins = s.frames.map((f) => (JSON.parse(f) as { data: { coin: string } }).data.coin);
    assert.ok(coins.length >= 4, `${coins.length} frames`);
    for (const [i, coin] of coins.entries()) assert.equal(coin, i % 2 === 0 ? "BTC" : "ETH");
    hub.remove(btc.key, s);
    assert.equal(cleared.mock.callCount(), 0, "the timer stays for ETH");
    hub.remove(eth.key, s);
    assert.equal(cleared.mock.callCount(), 1, "the last topic stops it");
    hub.close();
  });

  it("cadence channels: one serialisation per push, stopped with the last subscriber", async () => {
    const hub = new Hub(ctx, registry());
    const a = new Sink();
    const b = new Sink();
    const r = ok(hub.resolve({ type: "ticker" }));
    periodicCalls = 0;
    hub.add(r, a);
    hub.add(r, b);
    await new Promise((resolve) => setTimeout(resolve, 110));
    hub.remove(r.key, a);
    hub.remove(r.key, b);
    const calls = periodicCalls;
    assert.ok(calls >= 2, `pushed ${calls} times`);
    assert.equal(a.frames.length, calls);
    assert.deepEqual(a.frames, b.frames);
    for (const [i, f] of a.frames.entries()) assert.ok(Object.is(f, b.frames[i]));
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(periodicCalls, calls, "timer stopped");
    hub.close();
  });
});
