/**
 * @module test/server/ws
 * The `/ws` endpoint over a real server and real sockets (the `ws` package as the client): ping/pong, the exact
 * `subscriptionResponse` echo, the `error` channel's texts, `post` of info and action with the id echoed, isolation
 * of a malformed frame, the idle close, the slow-consumer cut-off, opt-in sequence numbers, other paths refused,
 * dropConnections and close.
 * @see hyperliquid-api.md §1.1–§1.9
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import WebSocket from "ws";
import { NOT_BUILT_CHANNELS } from "../../src/feeds/index.ts";
import type { App } from "../../src/server/app.ts";
import { post, startServer } from "../helpers/server.ts";
import { signL1, wallet } from "../helpers/wallet.ts";

/** A test client: every text frame received, in order, read one at a time. */
export class Client {
  readonly frames: string[] = [];
  private read = 0;
  private wake: (() => void) | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.frames.push(String(data));
      this.wake?.();
    });
    this.closed = new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static open(url: string): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const client = new Client(ws);
      ws.once("open", () => resolve(client));
      ws.once("error", reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** The next unread frame (text). */
  async next(timeoutMs = 3000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.read >= this.frames.length) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no frame within ${timeoutMs} ms (read ${this.read})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
    return this.frames[this.read++] as string;
  }

  /** The next frame of a channel, skipping others. */
  async nextOf(channel: string, timeoutMs = 3000): Promise<{ channel: string; data: unknown; seq?: number }> {
    for (;;) {
      const f = JSON.parse(await this.next(timeoutMs));
      if (f.channel === channel) return f;
    }
  }

  /** The next `post` answer with this id, skipping other frames. */
  async nextPost(id: number, timeoutMs = 3000): Promise<PostFrame> {
    for (;;) {
      const f = await this.nextOf("post", timeoutMs);
      if ((f as PostFrame).data.id === id) return f as PostFrame;
    }
  }

  /** Fails if a frame arrives within `ms`. */
  async nothingFor(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    assert.equal(this.frames.length, this.read, `unexpected frame ${this.frames[this.read]}`);
  }

  close(): void {
    this.ws.close();
  }
}

/** A `post` answer to an action. */
interface PostFrame {
  data: {
    id: number;
    response: {
      type: string;
      payload: { status: string; response: { data: { statuses: { resting?: { oid: number } }[] } } };
    };
  };
}

const PARSE = "Error parsing JSON into valid websocket request: ";
const errorFrame = (text: string) => JSON.stringify({ channel: "error", data: text });
const BTC_BOOK = '{"type":"l2Book","coin":"BTC","nSigFigs":null,"mantissa":null,"fast":false}';

describe("ws: protocol", () => {
  let app: App;
  let c: Client;
  before(async () => {
    app = await startServer();
    c = await Client.open(app.wsUrl);
  });
  after(async () => {
    c.close();
    await app.close();
  });

  it("wsUrl, no greeting, ping → pong", async () => {
    assert.equal(app.wsUrl, `ws://127.0.0.1:${app.port}/ws`);
    await c.nothingFor(50);
    c.send({ method: "ping" });
    assert.equal(await c.next(), '{"channel":"pong"}');
  });

  it("subscribe ack echoes the normalized subscription; ack before snapshot; already subscribed by normalized form", async () => {
    c.send({ method: "subscribe", subscription: { type: "l2Book", coin: "BTC" } });
    assert.equal(
      await c.next(),
      `{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":${BTC_BOOK}}}`,
    );
    const snap = JSON.parse(await c.next());
    assert.equal(snap.channel, "l2Book");
    assert.equal(snap.data.coin, "BTC");
    c.send({ method: "subscribe", subscription: { type: "l2Book", coin: "BTC", nSigFigs: null, mantissa: null } });
    assert.equal(await c.next(), errorFrame(`Already subscribed: ${BTC_BOOK}`));
    // Unsubscribe matches on the normalized form.
    c.send({ method: "unsubscribe", subscription: { type: "l2Book", coin: "BTC", nSigFigs: null } });
    assert.equal(
      await c.next(),
      `{"channel":"subscriptionResponse","data":{"method":"unsubscribe","subscription":{"type":"l2Book","coin":"BTC","nSigFigs":null,"mantissa":null,"fast":false}}}`,
    );
    c.send({ method: "unsubscribe", subscription: { type: "l2Book", coin: "BTC" } });
    assert.equal(await c.next(), errorFrame(`Already unsubscribed: ${BTC_BOOK}`));
  });

  it("nktkas's l2Book (explicit nulls) and userFills (aggregateByTime) acks", async () => {
    // Its own connection: the cadence pushes of these topics must not interleave with the exact reads below.
    const c = await Client.open(app.wsUrl);
    c.send({ method: "subscribe", subscription: { type: "l2Book", coin: "ETH", nSigFigs: null, mantissa: null } });
    assert.equal(
      await c.next(),
      '{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{"type":"l2Book","coin":"ETH","nSigFigs":null,"mantissa":null,"fast":false}}}',
    );
    await c.nextOf("l2Book");
    const user = wallet("ws-fills").address;
    c.send({ method: "subscribe", subscription: { type: "userFills", user: user.toUpperCase().replace("0X", "0x") } });
    assert.equal(
      await c.next(),
      `{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{"type":"userFills","user":"${user}","aggregateByTime":false}}}`,
    );
    const snap = await c.nextOf("userFills");
    assert.deepEqual(snap.data, { isSnapshot: true, user, fills: [] });
    c.send({ method: "subscribe", subscription: { type: "userFills", user, aggregateByTime: true } });
    assert.equal(
      await c.next(),
      `{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{"type":"userFills","user":"${user}","aggregateByTime":true}}}`,
    );
    await c.nextOf("userFills");
    c.close();
  });

  it("invalid subscription keeps the socket open", async () => {
    c.send({ method: "subscribe", subscription: { type: "l2Book", coin: "NOPE" } });
    assert.equal(
      await c.next(),
      errorFrame('Invalid subscription: {"type":"l2Book","coin":"NOPE","nSigFigs":null,"mantissa":null,"fast":false}'),
    );
    c.send({ method: "ping" });
    assert.equal(await c.next(), '{"channel":"pong"}');
  });

  it("anything unparseable gets the parse error with the raw frame", async () => {
    const raws = [
      "{oops",
      "not json at all",
      "[]",
      "42",
      '{"method":"subscribe","subscription":[{"type":"trades","coin":"BTC"}]}',
      '{"method":"subscribe","subscription":{"type":"trades","coin":["BTC","ETH"]}}',
      '{"method":"subscribe","subscription":{"type":"noSuchChannel"}}',
      '{"method":"subscribe","subscription":{"type":"trades"}}',
      '{"method":"subscribe"}',
      '{"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC","nSigFigs":"5"}}',
      '{"method":"dance"}',
      '{"subscription":{"type":"trades","coin":"BTC"}}',
      '{"method":"post","request":{"type":"info","payload":{"type":"meta"}}}',
      '{"method":"post","id":"7","request":{"type":"info","payload":{"type":"meta"}}}',
      '{"method":"post","id":7,"request":{"type":"explorer","payload":{"type":"meta"}}}',
      '{"method":"post","id":7,"request":{"type":"info","payload":{"type":"noSuchInfo"}}}',
      '{"method":"post","id":7,"request":{"type":"info"}}',
      '  {"method" : "dance"}  ',
      // Deeper than serde_json's 128 levels: not a valid request (a stack overflow must not answer otherwise).
      `{"method":"subscribe","subscription":{"type":"trades","coin":"BTC","x":${"[".repeat(20_000)}${"]".repeat(20_000)}}}`,
      `{"method":"ping","x":${"[".repeat(128)}${"]".repeat(128)}}`,
    ];
    for (const raw of raws) {
      c.send(raw);
      assert.equal(await c.next(), errorFrame(PARSE + raw), raw.slice(0, 200));
    }
    c.send(`{"method":"ping","x":${"[".repeat(127)}${"]".repeat(127)}}`);
    assert.equal(await c.next(), '{"channel":"pong"}', "128 levels in all is still fine");
  });

  it("a known type that is not built gets a clear error naming it", async (t) => {
    const type = NOT_BUILT_CHANNELS[0];
    if (type === undefined) {
      t.skip("every known type is built");
      return;
    }
    const sub = { type, user: wallet("x").address };
    c.send({ method: "subscribe", subscription: sub });
    const f = (await c.nextOf("error")) as { data: string };
    assert.equal(
      f.data,
      `Subscription type ${JSON.stringify(type)} is not supported by hyperlocal yet: ${JSON.stringify({ method: "subscribe", subscription: sub })}`,
    );
  });

  it("post info: meta and l2Book, payload = what POST /info returns, id echoed exactly (2^53-1)", async () => {
    const id = Number.MAX_SAFE_INTEGER;
    c.send({ method: "post", id, request: { type: "info", payload: { type: "meta" } } });
    await c.nextPost(id);
    const raw = c.frames.findLast((x) => x.startsWith('{"channel":"post"')) as string;
    assert.ok(raw.startsWith(`{"channel":"post","data":{"id":9007199254740991,"response":{"type":"info",`), raw);
    const meta = (await post(app, "/info", { type: "meta" })).body;
    assert.deepEqual(JSON.parse(raw), {
      channel: "post",
      data: { id, response: { type: "info", payload: { type: "meta", data: meta } } },
    });
    c.send('{"method":"post","id":0,"request":{"type":"info","payload":{"type":"l2Book","coin":"SOL"}}}');
    const book = (await c.nextPost(0)) as unknown as {
      data: { id: number; response: { type: string; payload: { type: string; data: { coin: string } } } };
    };
    assert.equal(book.data.id, 0);
    assert.equal(book.data.response.type, "info");
    assert.equal(book.data.response.payload.type, "l2Book");
    assert.equal(book.data.response.payload.data.coin, "SOL");
    // A 422 from /info (right type, wrong shape) is a post error with the 422 text.
    c.send({ method: "post", id: 3, request: { type: "info", payload: { type: "l2Book" } } });
    assert.deepEqual(await c.nextPost(3), {
      channel: "post",
      data: { id: 3, response: { type: "error", payload: "Failed to deserialize the JSON body into the target type" } },
    });
  });

  it("post action: a signed order; the payload is what POST /exchange returns", async () => {
    const w = wallet("ws-post-action");
    await app.fund(w.address, 10_000);
    await app.setOracle({ SOL: "100" });
    const o = { a: 5, b: true, p: "90", s: "1", r: false, t: { limit: { tif: "Gtc" } } };
    const id = 2 ** 53 - 1;
    c.send({
      method: "post",
      id,
      request: { type: "action", payload: signL1(w, { type: "order", orders: [o], grouping: "na" }, Date.now()) },
    });
    const f = await c.nextPost(id);
    assert.equal(f.data.id, id);
    assert.equal(f.data.response.type, "action");
    assert.equal(f.data.response.payload.status, "ok");
    const status = f.data.response.payload.response.data.statuses[0];
    assert.ok(typeof status?.resting?.oid === "number", JSON.stringify(status));
    // An {"status":"err"} answer stays an action payload.
    c.send({
      method: "post",
      id: 1,
      request: { type: "action", payload: signL1(w, { type: "order", orders: [o], grouping: "na" }, 1) },
    });
    const g = await c.nextPost(1);
    assert.equal(g.data.response.type, "action");
    assert.equal(g.data.response.payload.status, "err");
  });

  it("a malformed frame affects neither its sender nor another connection", async () => {
    const other = await Client.open(app.wsUrl);
    other.send({ method: "subscribe", subscription: { type: "trades", coin: "SOL" } });
    await other.nextOf("subscriptionResponse");
    c.send("\u0000\u0001garbage{{{");
    await c.nextOf("error");
    c.send({ method: "ping" });
    assert.equal(await c.next(), '{"channel":"pong"}');
    other.send({ method: "ping" });
    assert.equal((await other.nextOf("pong")).channel, "pong");
    other.close();
  });

  it("other paths are refused (404); seq off by default", async () => {
    const bad = new WebSocket(`${app.wsUrl.slice(0, -3)}/other`);
    const status = await new Promise<number>((resolve) => {
      bad.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      bad.on("error", () => resolve(-1));
    });
    assert.equal(status, 404);
    assert.ok(!c.frames.some((f) => f.includes('"seq"')));
  });
});

describe("ws: trade pushes, opt-in sequence numbers", () => {
  let app: App;
  before(async () => {
    app = await startServer();
  });
  after(() => app.close());

  it("/ws?seq=1 numbers every data frame of the connection from 1; others untouched", async () => {
    const maker = wallet("ws-seq-maker");
    const taker = wallet("ws-seq-taker");
    await app.fund(maker.address, 10_000);
    await app.fund(taker.address, 10_000);
    await app.setOracle({ SOL: "100" });
    const withSeq = await Client.open(`${app.wsUrl}?seq=1`);
    const plain = await Client.open(app.wsUrl);
    for (const cl of [withSeq, plain]) {
      cl.send({ method: "subscribe", subscription: { type: "trades", coin: "SOL" } });
      cl.send({ method: "subscribe", subscription: { type: "l2Book", coin: "SOL" } });
    }
    const ack = await withSeq.next();
    assert.ok(!ack.includes('"seq"'), ack);
    const book = await withSeq.nextOf("l2Book");
    assert.equal(book.seq, 1);
    const sell = { a: 5, b: false, p: "100", s: "2", r: false, t: { limit: { tif: "Gtc" } } };
    const buy = { a: 5, b: true, p: "100", s: "2", r: false, t: { limit: { tif: "Ioc" } } };
    for (const [w, o] of [
      [maker, sell],
      [taker, buy],
    ] as const) {
      const out = await post(app, "/exchange", signL1(w, { type: "order", orders: [o], grouping: "na" }, Date.now()));
      assert.equal((out.body as { status: string }).status, "ok", out.text);
    }
    const trades = await withSeq.nextOf("trades");
    assert.ok((trades.seq ?? 0) >= 2);
    const raw = withSeq.frames.find((f) => f.includes('"channel":"trades"')) as string;
    assert.ok(raw.startsWith(`{"seq":${trades.seq},"channel":"trades","data":[`), raw);
    const t = (trades.data as { coin: string; px: string; sz: string; side: string; users: string[] }[])[0];
    assert.deepEqual([t?.coin, t?.px, t?.sz, t?.side], ["SOL", "100.0", "2.0", "B"]);
    assert.deepEqual(t?.users, [taker.address, maker.address]);
    // Same frame bytes minus the seq prefix on the plain connection.
    const plainRaw =
      (await plain.nextOf("trades")) && (plain.frames.find((f) => f.includes('"channel":"trades"')) as string);
    assert.equal(`{"seq":${trades.seq},${plainRaw.slice(1)}`, raw);
    const seqs = withSeq.frames
      .map((f) => JSON.parse(f))
      .filter((f) => f.seq !== undefined)
      .map((f) => f.seq);
    assert.deepEqual(
      seqs,
      seqs.map((_: number, i: number) => i + 1),
    );
    withSeq.close();
    plain.close();
  });

  it("dropConnections closes every socket; the server keeps accepting", async () => {
    const a = await Client.open(app.wsUrl);
    const b = await Client.open(app.wsUrl);
    app.dropConnections();
    assert.equal((await a.closed).code, 1012);
    assert.equal((await b.closed).code, 1012);
    const c = await Client.open(app.wsUrl);
    c.send({ method: "ping" });
    assert.equal(await c.next(), '{"channel":"pong"}');
    c.close();
  });
});

describe("ws: idle close, slow consumers, close", () => {
  it("closes a connection idle for the timeout; any frame keeps it open", async () => {
    const app = await startServer({ wsIdleTimeoutMs: 200 });
    try {
      const start = Date.now();
      const idle = await Client.open(app.wsUrl);
      const busy = await Client.open(app.wsUrl);
      const pinger = setInterval(() => busy.send({ method: "ping" }), 80);
      try {
        const { code, reason } = await idle.closed;
        const elapsed = Date.now() - start;
        assert.equal(code, 1000);
        assert.match(reason, /Idle/);
        assert.ok(elapsed >= 180 && elapsed < 1500, `closed after ${elapsed} ms`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(busy.ws.readyState, WebSocket.OPEN);
      } finally {
        clearInterval(pinger);
        busy.close();
      }
    } finally {
      await app.close();
    }
  });

  it("cuts off a consumer past the send-buffer cap with a close reason; others are not delayed", async () => {
    const app = await startServer({ wsMaxBufferedBytes: 256 * 1024 });
    try {
      const slow = await Client.open(app.wsUrl);
      const fine = await Client.open(app.wsUrl);
      // Stop reading: the server's writes back up once the kernel buffers are full.
      (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
      const meta = '{"method":"post","id":1,"request":{"type":"info","payload":{"type":"meta"}}}';
      for (let i = 0; i < 4000; i++) slow.send(meta);
      const t0 = Date.now();
      fine.send({ method: "ping" });
      assert.equal(await fine.next(), '{"channel":"pong"}');
      const pongMs = Date.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 300));
      (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      const { code, reason } = await slow.closed;
      assert.equal(code, 1008);
      assert.match(reason, /Slow consumer/);
      assert.ok(slow.frames.length < 4000, `${slow.frames.length} answers before the cut`);
      assert.equal(fine.ws.readyState, WebSocket.OPEN);
      assert.ok(pongMs < 1000, `pong took ${pongMs} ms`);
      fine.close();
    } finally {
      await app.close();
    }
  });

  it("close() closes every socket", async () => {
    const app = await startServer();
    const a = await Client.open(app.wsUrl);
    await app.close();
    assert.equal((await a.closed).code, 1001);
  });
});

describe("ws: limits (§1.9)", () => {
  it("subscriptions, unique users, messages per minute, in-flight posts, connections per IP", async () => {
    const app = await startServer({
      rateLimits: "hyperliquid",
      wsLimits: { maxSubscriptions: 3, maxUsers: 1, maxMessagesPerMinute: 12, maxInflightPosts: 1, maxConnections: 2 },
    });
    try {
      const c = await Client.open(app.wsUrl);
      const [u1, u2] = [wallet("lim-1").address, wallet("lim-2").address];
      c.send({ method: "subscribe", subscription: { type: "orderUpdates", user: u1 } });
      assert.equal((await c.nextOf("subscriptionResponse")).channel, "subscriptionResponse");
      // The same user again is not a new user.
      c.send({ method: "subscribe", subscription: { type: "userFills", user: u1 } });
      await c.nextOf("subscriptionResponse");
      c.send({ method: "subscribe", subscription: { type: "orderUpdates", user: u2 } });
      assert.equal((await c.nextOf("error")).data, "Cannot track more than 1 total users.");
      c.send({ method: "subscribe", subscription: { type: "trades", coin: "BTC" } });
      await c.nextOf("subscriptionResponse");
      c.send({ method: "subscribe", subscription: { type: "trades", coin: "ETH" } });
      assert.equal((await c.nextOf("error")).data, "Cannot subscribe to more than 3 channels.");
      // Unsubscribing frees a slot.
      c.send({ method: "unsubscribe", subscription: { type: "trades", coin: "BTC" } });
      await c.nextOf("subscriptionResponse");
      c.send({ method: "subscribe", subscription: { type: "trades", coin: "ETH" } });
      await c.nextOf("subscriptionResponse");
      // Two actions in a row: the second arrives while the first waits for the sequencer.
      const w = wallet("lim-post");
      const cancel = (nonce: number) => signL1(w, { type: "cancel", cancels: [{ a: 0, o: 1 }] }, nonce);
      c.send({ method: "post", id: 41, request: { type: "action", payload: cancel(Date.now()) } });
      c.send({ method: "post", id: 42, request: { type: "action", payload: cancel(Date.now() + 1) } });
      assert.equal((await c.nextOf("error")).data, "too many pending post requests id=42");
      assert.equal(((await c.nextOf("post")).data as { id: number }).id, 41);
      // Frames so far: 9. Three more pass, the next is refused.
      for (let i = 0; i < 4; i++) c.send({ method: "ping" });
      assert.equal(await c.next(), '{"channel":"pong"}');
      assert.equal(await c.next(), '{"channel":"pong"}');
      assert.equal(await c.next(), '{"channel":"pong"}');
      assert.equal(await c.next(), errorFrame("Cannot send more than 12 messages per minute."));
      // Connections per IP: a third is refused with 429.
      const d = await Client.open(app.wsUrl);
      const status = await new Promise<number>((resolve) => {
        const e = new WebSocket(app.wsUrl);
        e.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        e.on("open", () => resolve(101));
        e.on("error", () => resolve(-1));
      });
      assert.equal(status, 429);
      c.close();
      d.close();
    } finally {
      await app.close();
    }
  });
});
