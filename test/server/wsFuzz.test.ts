/**
 * @module test/server/wsFuzz
 * Fuzzes `/ws` with ≥ 100,000 random and malformed frames (seeded: `WS_FUZZ_SEED`, count: `WS_FUZZ_FRAMES`) over
 * several connections in parallel, each frame checked against a small oracle written from the spec, not from the
 * server: pong; the exact `subscriptionResponse` echo (normalized subscription, then every extra key the client sent);
 * `Error parsing JSON into valid websocket request: <raw frame>`; `Already subscribed: …`, `Already unsubscribed: …`,
 * `Invalid subscription: …`; the not-built text; `post` answers carrying the request's id. Answers are checked in
 * order per connection, in batches closed by a ping: a frame that must produce no answer produces none (the batch
 * would not line up), and a frame that must be answered is (the batch would not finish). Meanwhile a well-behaved
 * client on its own connection follows l2Book/allMids pushes and posts info requests at a steady rate; its answers
 * must stay right and its p99 latency sane. Finally HTTP /info still answers.
 * @see hyperliquid-api.md §1.2–§1.6, §1.9
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import WebSocket from "ws";
import { CHANNELS, NOT_BUILT_CHANNELS } from "../../src/feeds/index.ts";
import { INFO_TYPES, UNSUPPORTED_INFO_TYPES } from "../../src/api/info/index.ts";
import type { App } from "../../src/server/app.ts";
import { post, startServer } from "../helpers/server.ts";

const FRAMES = Number(process.env.WS_FUZZ_FRAMES ?? 100_000);
const SEED = Number(process.env.WS_FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONNECTIONS = Number(process.env.WS_FUZZ_CONNECTIONS ?? 4);
const BATCH = Number(process.env.WS_FUZZ_BATCH ?? 50);
const PARSE = "Error parsing JSON into valid websocket request: ";
const PONG = '{"channel":"pong"}';
/** Ids of `post` actions: a range no info post of the fuzz uses (their answers come asynchronously). */
const ACTION_ID_BASE = 2 ** 45;

// ---------------------------------------------------------------- seeded generator

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

const ALPHABET = 'abcXYZ019 {}[]":,\\\n\t\u0000\u00e9\u4e2d\ud83d\ude00';
function randomString(r: Rng, max: number): string {
  const n = r.int(max + 1);
  let s = "";
  for (let i = 0; i < n; i++) {
    const k = r.int(10);
    if (k < 6) s += String.fromCharCode(32 + r.int(95));
    else if (k < 9) s += ALPHABET[r.int(ALPHABET.length)];
    else s += String.fromCharCode(r.int(0x10000)); // lone surrogates included: the wire carries U+FFFD
  }
  return s;
}

function randomBytes(r: Rng, max: number): Buffer {
  const b = Buffer.alloc(r.int(max + 1));
  for (let i = 0; i < b.length; i++) b[i] = r.int(256);
  return b;
}

/** A random JSON value; deep only where asked. */
function randomJson(r: Rng, depth = 0): unknown {
  const k = r.int(depth > 2 ? 6 : 9);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1.5, 2 ** 53, 1e300, -0, 5, 42]);
    case 3:
    case 4:
      return randomString(r, 12);
    case 5:
      return r.pick(["BTC", "ETH", "SOL", "btc", "", "NOPE", "xyz:BTC"]);
    case 6:
    case 7: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(4); i > 0; i--) set(o, randomKey(r), randomJson(r, depth + 1));
      return o;
    }
    default:
      return Array.from({ length: r.int(4) }, () => randomJson(r, depth + 1));
  }
}

function randomKey(r: Rng): string {
  return r.pick(["type", "coin", "x", "user", "nSigFigs", "mantissa", "fast", "dex", "id", "", "__proto__", "a b"]);
}

/** `o[k] = value`, also for `__proto__` (an own key, as JSON.parse makes it). */
function set(o: Record<string, unknown>, k: string, value: unknown): void {
  Object.defineProperty(o, k, desc(value));
}

function deep(n: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(n) + "]".repeat(n) : `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
}

/** A frame to send: text (sent as a text frame) or bytes (sent as a binary frame, read as UTF-8 by the server). */
type Frame = string | Buffer;

const COINS = ["BTC", "ETH", "SOL"];
const BAD_COINS = ["NOPE", "btc", "", "BTC ", "xyz:BTC", "ETH-PERP"];
const INFO_KNOWN = Object.keys(INFO_TYPES);
const NOT_BUILT = [...NOT_BUILT_CHANNELS];

function randomSubscription(r: Rng): unknown {
  const k = r.int(12);
  const coin = () => (r.chance(0.8) ? r.pick(COINS) : r.pick(BAD_COINS));
  let sub: Record<string, unknown>;
  switch (k) {
    case 0:
    case 1:
      sub = { type: "trades", coin: coin() };
      break;
    case 2:
      sub = { type: "bbo", coin: coin() };
      break;
    case 3:
    case 4:
    case 5: {
      sub = { type: "l2Book", coin: coin() };
      if (r.chance(0.4)) sub.nSigFigs = r.pick([null, 2, 3, 4, 5, 5.0, 6, 1, 2.5, -3]);
      if (r.chance(0.3)) sub.mantissa = r.pick([null, 1, 2, 5, 3]);
      if (r.chance(0.2)) sub.fast = r.pick([true, false]);
      break;
    }
    case 6:
      sub = { type: "allMids" };
      if (r.chance(0.5)) sub.dex = r.pick([null, "", "xyz", "abc"]);
      break;
    case 7:
      sub = { type: r.pick(NOT_BUILT), user: "0x0000000000000000000000000000000000000001" };
      break;
    case 8:
      sub = { type: `zz${randomString(r, 8)}`, coin: "BTC" };
      break;
    default: {
      // A valid shape, then broken: wrong-typed field, missing field, wrong type field.
      sub = { type: r.pick(["trades", "bbo", "l2Book", "allMids"]), coin: r.pick(COINS) };
      const m = r.int(5);
      if (m === 0) sub.coin = randomJson(r, 1);
      else if (m === 1) delete sub.coin;
      else if (m === 2) sub.type = randomJson(r, 1);
      else if (m === 3) sub.nSigFigs = r.pick(["5", true, [5], {}]);
      else sub.fast = r.pick(["true", 1, null]);
    }
  }
  // Extra keys are echoed (§1.4). (`__proto__` as an extra key has its own test below: the server drops it.)
  if (r.chance(0.15)) set(sub, r.pick(["extra", "zzz", "Coin", "a b"]), randomJson(r, 1));
  return sub;
}

function randomPost(r: Rng, actionIds: { next: number }): string {
  const id = r.pick<unknown>([r.int(1000), r.int(2 ** 40), 0, Number.MAX_SAFE_INTEGER, 1.5, -1, "7", null, 1e300]);
  const k = r.int(10);
  const base = (req: unknown) => ({ method: "post", id, request: req });
  if (k === 0) return JSON.stringify({ method: "post", request: { type: "info", payload: { type: "meta" } } });
  if (k === 1) return JSON.stringify(base({ type: "info", payload: { type: `no${randomString(r, 6)}` } }));
  if (k === 2) return JSON.stringify(base({ type: "info", payload: { type: r.pick(INFO_KNOWN), ...obj(r) } }));
  if (k === 3) return JSON.stringify(base({ type: "info", payload: { type: "l2Book" } }));
  if (k === 4) return JSON.stringify(base({ type: r.pick(["explorer", "Info", 1, null]), payload: { type: "meta" } }));
  if (k === 5) return JSON.stringify(base({ type: "info", payload: r.pick([[], "meta", 1, null]) }));
  if (k === 6) return JSON.stringify(base({ type: "info", payload: { type: r.pick([...UNSUPPORTED_INFO_TYPES]) } }));
  if (k === 7) {
    // Unsigned garbage action: answered asynchronously with a post frame (action or error) carrying the id.
    return JSON.stringify({ method: "post", id: actionIds.next++, request: { type: "action", payload: obj(r) } });
  }
  return JSON.stringify(base({ type: "info", payload: { type: r.pick(["meta", "allMids"]) } }));
}

function obj(r: Rng): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = r.int(3); i > 0; i--) o[r.pick(["coin", "user", "x", "req", "action"])] = randomJson(r, 1);
  return o;
}

/** One fuzz frame. */
function randomFrame(r: Rng, actionIds: { next: number }): Frame {
  const k = r.int(100);
  if (k < 8) return randomBytes(r, 64);
  if (k < 16) return randomString(r, 40);
  if (k < 24) {
    // Truncated valid JSON.
    const s = JSON.stringify({ method: "subscribe", subscription: randomSubscription(r) });
    return s.slice(0, r.int(s.length));
  }
  if (k < 30) return JSON.stringify(randomJson(r));
  if (k < 34) return JSON.stringify({ method: r.pick(["Ping", "dance", "", "subscribe ", 1, null]), ...obj(r) });
  if (k < 36) return r.pick(["[]", "42", '"ping"', "null", "true", "", " ", '{"method":"ping"', "{}"]);
  if (k < 37) {
    // Huge nesting where every reading of the spec gives the parse error.
    // 100,000 levels take V8 ~0.1 s to parse (server and oracle): a handful of those, more of the shallower ones.
    const n = r.chance(0.005) ? 100_000 : r.chance(0.1) ? 10_000 : r.pick([200, 1000]);
    return r.pick([
      deep(n, "array"),
      `{"method":"dance","x":${deep(n, "object")}}`,
      `{"method":"subscribe","subscription":${deep(n, "array")}}`,
      `{"method":"subscribe","subscription":{"type":"trades","coin":${deep(n, "array")}}}`,
      `{"method":"post","id":1,"request":{"type":"info","payload":{"type":"nope","x":${deep(n, "object")}}}}`,
    ]);
  }
  if (k < 38) {
    // Very long strings (the parse error echoes them whole).
    const long = "x".repeat(r.chance(0.1) ? 300_000 : r.pick([1_000, 10_000]));
    return r.pick([long, `{"method":"${long}"}`, JSON.stringify({ method: "subscribe", subscription: long })]);
  }
  if (k < 56)
    return JSON.stringify({ method: r.pick(["subscribe", "unsubscribe"]), subscription: randomSubscription(r) });
  if (k < 60) return JSON.stringify({ method: r.pick(["subscribe", "unsubscribe"]), ...obj(r) });
  if (k < 72) return randomPost(r, actionIds);
  if (k < 82) return r.chance(0.8) ? '{"method":"ping"}' : JSON.stringify({ method: "ping", x: randomJson(r, 1) });
  // Valid subscribe/unsubscribe pairs on real coins (the second may meet "Already …").
  const sub = r.pick<Record<string, unknown>>([
    { type: "trades", coin: r.pick(COINS) },
    { type: "l2Book", coin: r.pick(COINS) },
    { type: "bbo", coin: r.pick(COINS) },
  ]);
  return JSON.stringify({ method: r.pick(["subscribe", "unsubscribe"]), subscription: sub });
}

// ---------------------------------------------------------------- oracle

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
const isNum = (x: unknown) => typeof x === "number" && !Number.isNaN(x);

/** JSON with sorted keys (topic identity). */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(",")}]`;
  if (isObject(x)) {
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(x[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(x);
}

type Resolved =
  | { kind: "parse" }
  | { kind: "notBuilt"; type: string }
  | { kind: "ok"; key: string; echo: Record<string, unknown>; invalid: boolean; channel: string };

/** The spec's normalization (§1.4, §1.7) of the four channels the fuzz subscribes to with valid shapes. */
function resolve(sub: unknown, coins: ReadonlySet<string>): Resolved {
  if (!isObject(sub) || typeof sub.type !== "string") return { kind: "parse" };
  const type = sub.type;
  let norm: Record<string, unknown>;
  let invalid = false;
  if (type === "trades" || type === "bbo") {
    if (typeof sub.coin !== "string") return { kind: "parse" };
    norm = { type, coin: sub.coin };
    invalid = !coins.has(sub.coin);
  } else if (type === "l2Book") {
    const { coin, nSigFigs = null, mantissa = null, fast = false } = sub;
    if (typeof coin !== "string") return { kind: "parse" };
    if ((nSigFigs !== null && !isNum(nSigFigs)) || (mantissa !== null && !isNum(mantissa))) return { kind: "parse" };
    if (typeof fast !== "boolean") return { kind: "parse" };
    norm = { type, coin, nSigFigs, mantissa, fast };
    const okN = nSigFigs === null || [2, 3, 4, 5].includes(nSigFigs as number);
    const okM = mantissa === null || (nSigFigs === 5 && [1, 2, 5].includes(mantissa as number));
    invalid = !coins.has(coin) || !okN || !okM;
  } else if (type === "allMids") {
    const dex = sub.dex;
    if (dex !== undefined && dex !== null && typeof dex !== "string") return { kind: "parse" };
    norm = typeof dex === "string" && dex !== "" ? { type, dex } : { type };
    invalid = norm.dex !== undefined;
  } else if (NOT_BUILT.includes(type)) {
    return { kind: "notBuilt", type };
  } else {
    assert.ok(!Object.hasOwn(CHANNELS, type), `the fuzz only builds types the oracle models, not ${type}`);
    return { kind: "parse" };
  }
  const echo: Record<string, unknown> = { ...norm };
  for (const k of Object.keys(sub)) if (!Object.hasOwn(echo, k)) Object.defineProperty(echo, k, desc(sub[k]));
  return { kind: "ok", key: `${type}:${canonical(norm)}`, echo, invalid, channel: type };
}
const desc = (value: unknown) => ({ value, enumerable: true, writable: true, configurable: true });

/** What one connection expects, frame by frame. */
class Oracle {
  readonly subs = new Set<string>();
  /** Data channels this connection may receive pushes of (ever subscribed). */
  readonly dataChannels = new Set<string>();
  readonly pendingActions = new Set<number>();
  constructor(
    private readonly coins: ReadonlySet<string>,
    private readonly infoAnswers: ReadonlyMap<string, string>,
  ) {}

  /**
   * The answers to one frame, in order: an exact text, or a predicate for post answers whose payload is not fixed.
   */
  expect(frame: Frame): Expected[] {
    // What the server reads: text frames arrive as UTF-8 (lone surrogates become U+FFFD), binary ones are decoded.
    const text = Buffer.isBuffer(frame) ? frame.toString("utf8") : Buffer.from(frame, "utf8").toString("utf8");
    const parseError = errorText(PARSE + text);
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return [parseError];
    }
    if (!isObject(msg)) return [parseError];
    switch (msg.method) {
      case "ping":
        return [PONG];
      case "subscribe":
      case "unsubscribe": {
        const method = msg.method;
        const r = resolve(msg.subscription, this.coins);
        if (r.kind === "parse") return [parseError];
        if (r.kind === "notBuilt") {
          return [
            errorText(
              `Subscription type ${JSON.stringify(r.type)} is not supported by hyperlocal yet: ${JSON.stringify({ method, subscription: msg.subscription })}`,
            ),
          ];
        }
        const echo = JSON.stringify(r.echo);
        const ack = `{"channel":"subscriptionResponse","data":{"method":"${method}","subscription":${echo}}}`;
        if (method === "unsubscribe") {
          if (!this.subs.delete(r.key)) return [errorText(`Already unsubscribed: ${echo}`)];
          return [ack];
        }
        if (this.subs.has(r.key)) return [errorText(`Already subscribed: ${echo}`)];
        if (r.invalid) return [errorText(`Invalid subscription: ${echo}`)];
        this.subs.add(r.key);
        this.dataChannels.add(r.channel);
        return [ack];
      }
      case "post": {
        const { id, request } = msg;
        if (typeof id !== "number" || !Number.isInteger(id) || id < 0) return [parseError];
        if (!isObject(request) || !isObject(request.payload)) return [parseError];
        const payload = request.payload;
        if (request.type === "action") {
          assert.ok(id >= ACTION_ID_BASE, "action ids come from their own range");
          this.pendingActions.add(id);
          return [];
        }
        if (request.type !== "info") return [parseError];
        const type = payload.type;
        if (typeof type !== "string" || !(Object.hasOwn(INFO_TYPES, type) || UNSUPPORTED_INFO_TYPES.has(type))) {
          return [parseError];
        }
        const idText = JSON.stringify(id);
        const fixed = this.infoAnswers.get(canonical(payload));
        if (fixed !== undefined) {
          return [`{"channel":"post","data":{"id":${idText},"response":{"type":"info","payload":${fixed}}}}`];
        }
        if (type === "l2Book" && payload.coin === undefined) {
          return [
            JSON.stringify({
              channel: "post",
              data: {
                id,
                response: { type: "error", payload: "Failed to deserialize the JSON body into the target type" },
              },
            }),
          ];
        }
        return [
          (f: string) => {
            const p = JSON.parse(f);
            return (
              p.channel === "post" &&
              f.startsWith(`{"channel":"post","data":{"id":${idText},"response":`) &&
              (p.data.response.type === "error"
                ? typeof p.data.response.payload === "string"
                : p.data.response.type === "info" && p.data.response.payload.type === type)
            );
          },
        ];
      }
      default:
        return [parseError];
    }
  }
}
type Expected = string | ((frame: string) => boolean);
const errorText = (data: string) => JSON.stringify({ channel: "error", data });

// ---------------------------------------------------------------- clients

/** Collects frames; reads them one at a time. */
class Reader {
  private readonly frames: string[] = [];
  private head = 0;
  private wake: (() => void) | undefined;
  closed: { code: number; reason: string } | undefined;
  constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.frames.push(String(data));
      this.wake?.();
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.wake?.();
    });
  }
  static open(url: string): Promise<Reader> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      const reader = new Reader(ws);
      ws.once("open", () => resolve(reader));
      ws.once("error", reject);
    });
  }
  async next(timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.head >= this.frames.length) {
      if (this.closed) throw new Error(`socket closed ${JSON.stringify(this.closed)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
    const f = this.frames[this.head] as string;
    this.frames[this.head++] = ""; // free it
    if (this.head > 4096) {
      this.frames.splice(0, this.head);
      this.head = 0;
    }
    return f;
  }
  get unread(): number {
    return this.frames.length - this.head;
  }
}

/** The channel of a frame, read from its prefix (data frames are not parsed). */
function channelOf(f: string): string {
  const m = /^\{"channel":"([^"]*)"/.exec(f);
  return m?.[1] ?? "?";
}
const ANSWER_CHANNELS = new Set(["pong", "error", "subscriptionResponse", "post"]);

const short = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);

/** Drives one fuzz connection: batches of frames closed by a ping, every answer checked in order. */
async function fuzzConnection(url: string, seed: number, count: number, oracle: Oracle) {
  const r = rng(seed);
  const actionIds = { next: ACTION_ID_BASE + seed * 1_000_000 };
  const c = await Reader.open(url);
  let sent = 0;
  let dataFrames = 0;
  let actionAnswers = 0;
  /** Reads the next answer frame (data pushes and async action answers are set aside). */
  const nextAnswer = async (): Promise<string> => {
    for (;;) {
      const f = await c.next();
      const ch = channelOf(f);
      if (!ANSWER_CHANNELS.has(ch)) {
        assert.ok(oracle.dataChannels.has(ch), `seed ${seed}: data frame of a channel never subscribed: ${short(f)}`);
        dataFrames++;
        continue;
      }
      if (ch === "post") {
        const id = (JSON.parse(f) as { data: { id: number } }).data.id;
        if (oracle.pendingActions.has(id)) {
          const type = (JSON.parse(f) as { data: { response: { type: string } } }).data.response.type;
          assert.ok(type === "action" || type === "error", `seed ${seed}: action answer ${short(f)}`);
          oracle.pendingActions.delete(id);
          actionAnswers++;
          continue;
        }
      }
      return f;
    }
  };
  while (sent < count) {
    const n = Math.min(BATCH, count - sent);
    const frames: Frame[] = [];
    for (let i = 0; i < n; i++) frames.push(randomFrame(r, actionIds));
    frames.push('{"method":"ping"}');
    const expected: { frame: Frame; answer: Expected }[] = [];
    for (const f of frames) {
      for (const a of oracle.expect(f)) expected.push({ frame: f, answer: a });
      c.ws.send(f, { binary: Buffer.isBuffer(f) });
    }
    for (const { frame, answer } of expected) {
      const got = await nextAnswer();
      const what = `seed ${seed}, frame ${short(Buffer.isBuffer(frame) ? `<bytes ${frame.toString("hex")}>` : frame)}`;
      if (typeof answer === "string") {
        if (got !== answer) assert.equal(short(got), short(answer), what);
      } else assert.ok(answer(got), `${what}: unexpected ${short(got)}`);
    }
    sent += n;
  }
  // Every action answered, once; then nothing else pending.
  const deadline = Date.now() + 10_000;
  while (oracle.pendingActions.size > 0) {
    assert.ok(Date.now() < deadline, `seed ${seed}: ${oracle.pendingActions.size} actions unanswered`);
    c.ws.send('{"method":"ping"}');
    assert.equal(await nextAnswer(), PONG);
  }
  c.ws.close();
  return { sent, dataFrames, actionAnswers };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

describe("ws fuzz", () => {
  let app: App;
  before(async () => {
    app = await startServer();
  });
  after(() => app.close());

  it(`${FRAMES} random and malformed frames get the spec's answers; a well-behaved client is served throughout`, async () => {
    const metaHttp = await post(app, "/info", { type: "meta" });
    const midsHttp = await post(app, "/info", { type: "allMids" });
    assert.equal(metaHttp.status, 200);
    const coins = new Set((metaHttp.body as { universe: { name: string }[] }).universe.map((u) => u.name));
    for (const c of COINS) assert.ok(coins.has(c), c);
    const infoAnswers = new Map([
      [canonical({ type: "meta" }), `{"type":"meta","data":${metaHttp.text}}`],
      [canonical({ type: "allMids" }), `{"type":"allMids","data":${midsHttp.text}}`],
    ]);

    // The well-behaved client: two feeds and a post info request every 20 ms.
    const good = await Reader.open(app.wsUrl);
    good.ws.send(JSON.stringify({ method: "subscribe", subscription: { type: "l2Book", coin: "BTC" } }));
    good.ws.send(JSON.stringify({ method: "subscribe", subscription: { type: "allMids" } }));
    assert.equal(
      await good.next(),
      '{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC","nSigFigs":null,"mantissa":null,"fast":false}}}',
    );
    const latencies: number[] = [];
    const sentAt = new Map<number, number>();
    let goodId = 0;
    let books = 0;
    let mids = 0;
    let stop = false;
    const goodErrors: string[] = [];
    const goodLoop = (async () => {
      while (!stop || sentAt.size > 0) {
        let f: string;
        try {
          f = await good.next(5_000);
        } catch (error) {
          goodErrors.push(String(error));
          return;
        }
        const p = JSON.parse(f) as { channel: string; data: { id?: number; coin?: string; mids?: unknown } };
        if (p.channel === "l2Book") {
          if (p.data.coin !== "BTC") goodErrors.push(`book ${short(f)}`);
          books++;
        } else if (p.channel === "allMids") {
          if (typeof p.data.mids !== "object") goodErrors.push(`mids ${short(f)}`);
          mids++;
        } else if (p.channel === "post") {
          const id = p.data.id as number;
          const t = sentAt.get(id);
          const want = `{"channel":"post","data":{"id":${id},"response":{"type":"info","payload":{"type":"meta","data":${metaHttp.text}}}}}`;
          if (t === undefined || f !== want) goodErrors.push(`post ${short(f)}`);
          else latencies.push(performance.now() - t);
          sentAt.delete(id);
        } else if (p.channel !== "subscriptionResponse") goodErrors.push(`unexpected ${short(f)}`);
      }
    })();
    const ticker = setInterval(() => {
      const id = ++goodId;
      sentAt.set(id, performance.now());
      good.ws.send(`{"method":"post","id":${id},"request":{"type":"info","payload":{"type":"meta"}}}`);
    }, 20);

    const t0 = performance.now();
    const per = Math.ceil(FRAMES / CONNECTIONS);
    let results: Awaited<ReturnType<typeof fuzzConnection>>[];
    try {
      results = await Promise.all(
        Array.from({ length: CONNECTIONS }, (_, i) =>
          fuzzConnection(app.wsUrl, SEED + i, per, new Oracle(coins, infoAnswers)),
        ),
      );
    } finally {
      clearInterval(ticker);
      stop = true;
    }
    const fuzzMs = performance.now() - t0;
    await goodLoop;
    good.ws.close();

    const total = results.reduce((s, x) => s + x.sent, 0);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const max = Math.max(...latencies);
    console.log(
      `ws fuzz: seed ${SEED}, ${total} frames over ${CONNECTIONS} connections in ${Math.round(fuzzMs)} ms ` +
        `(${results.reduce((s, x) => s + x.dataFrames, 0)} data pushes, ${results.reduce((s, x) => s + x.actionAnswers, 0)} action answers); ` +
        `well-behaved client: ${latencies.length} posts, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms, ${books} books, ${mids} mids`,
    );
    assert.ok(total >= FRAMES, `${total} frames`);
    assert.deepEqual(goodErrors, []);
    // Every post answered (the loop waits for them); the ticker is starved somewhat under the load (one process).
    assert.equal(latencies.length, goodId);
    assert.ok(latencies.length >= Math.min(100, fuzzMs / 40), `only ${latencies.length} posts in ${fuzzMs} ms`);
    // A stall detector, not a performance target: CI runs test files in parallel on 2 cores (seen: 160 ms).
    assert.ok(p99 < 1_000, `p99 ${p99} ms`);
    // l2Book every 500 ms, allMids every 1 s: they kept coming.
    assert.ok(books >= Math.floor(fuzzMs / 500) * 0.5, `${books} books in ${fuzzMs} ms`);
    assert.ok(mids >= Math.floor(fuzzMs / 1000) * 0.5, `${mids} mids in ${fuzzMs} ms`);

    // The server still answers HTTP.
    const again = await post(app, "/info", { type: "meta" });
    assert.equal(again.status, 200);
    assert.equal(again.text, metaHttp.text);
  });

  it("an extra `__proto__` key is echoed like any other extra key (§1.4: never drop a key the client sent)", async () => {
    // Found by the fuzz: the hub builds the echo by assignment, and `echo["__proto__"] = x` sets the prototype
    // instead of adding the key, so the ack (and "Already subscribed: …") drops it.
    const c = await Reader.open(app.wsUrl);
    try {
      const frame = '{"method":"subscribe","subscription":{"type":"trades","coin":"BTC","__proto__":{"x":1}}}';
      c.ws.send(frame);
      assert.equal(
        await c.next(),
        '{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{"type":"trades","coin":"BTC","__proto__":{"x":1}}}}',
      );
    } finally {
      c.ws.close();
    }
  });
});
