/**
 * @module test/conformance/ws
 * The real @nktkas/hyperliquid SDK over its WebSocketTransport against the real server, unmodified but for its URL:
 * InfoClient and ExchangeClient through `post` frames, and SubscriptionClient subscriptions (which wait for the
 * server's ack and match it key by key) receiving a real trade between two funded accounts on l2Book, trades,
 * userFills, orderUpdates and userEvents; unsubscribe acks; an invalid subscription rejected by its error text.
 * Node 20 has no global WebSocket, so the `ws` package's one is installed as the global for the SDK.
 * @see hyperliquid-api.md §1, §7.2
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ExchangeClient,
  HttpTransport,
  InfoClient,
  type ISubscription,
  SubscriptionClient,
  WebSocketTransport,
} from "@nktkas/hyperliquid";
import WebSocket from "ws";
import type { App } from "../../src/server/app.ts";
import { startServer } from "../helpers/server.ts";
import { localWallet, testKey } from "./_wallet.ts";

if (globalThis.WebSocket === undefined) {
  (globalThis as unknown as { WebSocket: unknown }).WebSocket = WebSocket;
}

const A = localWallet(testKey(11));
const B = localWallet(testKey(12));
const SOL = 5;
const NO_FUNDING = { fundingIntervalMs: 10_000_000_000_000 };

let app: App;
let transport: WebSocketTransport;
let info: InfoClient;
let exA: ExchangeClient;
let exB: ExchangeClient;
let subs: SubscriptionClient;

before(async () => {
  app = await startServer({ engine: NO_FUNDING });
  transport = new WebSocketTransport({ url: app.wsUrl, timeout: 5_000 });
  info = new InfoClient({ transport });
  exA = new ExchangeClient({ transport, wallet: A });
  exB = new ExchangeClient({ transport, wallet: B });
  subs = new SubscriptionClient({ transport });
  await app.fund(A.address, 100_000);
  await app.fund(B.address, 100_000);
  await app.setOracle({ SOL: "100", BTC: "65000" });
});
after(async () => {
  transport.close();
  await app.close();
});

interface Level {
  px: string;
  sz: string;
  n: number;
}

/** Collects a listener's events; `until` resolves with the first one matching. */
function collector<T>() {
  const seen: T[] = [];
  const waiters: { test: (x: T) => boolean; resolve: (x: T) => void }[] = [];
  return {
    seen,
    listener: (x: T) => {
      seen.push(x);
      for (const w of [...waiters]) {
        if (w.test(x)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(x);
        }
      }
    },
    until: (test: (x: T) => boolean, ms = 5_000): Promise<T> => {
      const found = seen.find(test);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise<T>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching event in ${ms} ms: ${JSON.stringify(seen)}`)), ms);
        waiters.push({
          test,
          resolve: (x) => {
            clearTimeout(t);
            resolve(x);
          },
        });
      });
    },
  };
}

describe("nktkas over WebSocketTransport", () => {
  it("InfoClient posts: meta and l2Book equal the HTTP answers", async () => {
    const http = new InfoClient({ transport: new HttpTransport({ apiUrl: app.url }) });
    assert.deepEqual(await info.meta(), await http.meta());
    const book = await info.l2Book({ coin: "SOL" });
    assert.equal(book?.coin, "SOL");
    assert.deepEqual(book?.levels, [[], []]);
  });

  it("subscriptions see a real trade; ExchangeClient posts the orders", async () => {
    const book = collector<{ coin: string; levels: [Level[], Level[]] }>();
    const trades = collector<{ coin: string; side: string; px: string; sz: string; users: string[]; tid: number }[]>();
    const fillsA = collector<{
      user: string;
      fills: { coin: string; side: string; px: string; sz: string }[];
      isSnapshot?: true;
    }>();
    const updatesA = collector<{ order: { coin: string; oid: number; sz: string }; status: string }[]>();
    const eventsB = collector<unknown>();
    const handles: ISubscription[] = [
      await subs.l2Book({ coin: "SOL" }, book.listener as never),
      await subs.trades({ coin: "SOL" }, trades.listener as never),
      await subs.userFills({ user: A.address }, fillsA.listener as never),
      await subs.orderUpdates({ user: A.address }, updatesA.listener as never),
      await subs.userEvents({ user: B.address }, eventsB.listener),
    ];
    // Snapshots: an empty book, A's (empty) fills with isSnapshot.
    await book.until((b) => b.coin === "SOL");
    const snap = await fillsA.until(() => true);
    assert.equal(snap.isSnapshot, true);
    assert.equal(snap.user, A.address);
    assert.deepEqual(snap.fills, []);

    const rest = await exA.order({
      orders: [{ a: SOL, b: false, p: "100", s: "3", r: false, t: { limit: { tif: "Gtc" } } }],
      grouping: "na",
    });
    const resting = rest.response.data.statuses[0] as { resting: { oid: number } };
    const oid = resting.resting.oid;
    assert.ok(Number.isSafeInteger(oid));
    const open = await updatesA.until((u) => u.some((x) => x.order.oid === oid && x.status === "open"));
    assert.equal(open.find((x) => x.order.oid === oid)?.order.sz, "3.0");
    await book.until((b) => b.levels[1].length === 1);

    const take = await exB.order({
      orders: [{ a: SOL, b: true, p: "100", s: "2", r: false, t: { limit: { tif: "Ioc" } } }],
      grouping: "na",
    });
    assert.deepEqual(Object.keys(take.response.data.statuses[0] as object), ["filled"]);

    const t = (await trades.until((x) => x.length > 0)).at(0);
    assert.deepEqual([t?.coin, t?.side, t?.px, t?.sz], ["SOL", "B", "100.0", "2.0"]);
    assert.deepEqual(t?.users, [B.address, A.address]);
    const fill = await fillsA.until((f) => f.isSnapshot === undefined && f.fills.length > 0);
    assert.equal(fill.user, A.address);
    assert.deepEqual(
      fill.fills.map((f) => [f.coin, f.side, f.px, f.sz]),
      [["SOL", "A", "100.0", "2.0"]],
    );
    const ev = (await eventsB.until((e) => "fills" in (e as object))) as {
      fills: { side: string; sz: string; tid: number }[];
    };
    assert.deepEqual(
      ev.fills.map((f) => [f.side, f.sz]),
      [["B", "2.0"]],
    );
    assert.equal(ev.fills[0]?.tid, t?.tid);
    const after = await book.until((b) => b.levels[1][0]?.sz === "1.0", 10_000);
    assert.equal(after.levels[1][0]?.px, "100.0");

    for (const h of handles) await h.unsubscribe();
  });

  it("an invalid subscription is rejected by its error text (not a timeout)", async () => {
    const t0 = Date.now();
    await assert.rejects(
      subs.trades({ coin: "NOPE" }, () => {}),
      /Invalid subscription/,
    );
    assert.ok(Date.now() - t0 < 2_000);
  });
});
