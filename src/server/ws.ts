/**
 * @module server/ws
 * The WebSocket API on `/ws` (same port as HTTP): Hyperliquid's protocol — `subscribe` / `unsubscribe` with the
 * `subscriptionResponse` ack, `post` of `info` and `action`, `ping` → `pong`, the `error` channel's exact texts — over
 * the feeds hub, plus the limits of §1.9 (off by default, Hyperliquid's under `rateLimits: "hyperliquid"`), the 60 s
 * idle close, and a send-buffer cap that cuts off a consumer too slow to read. Data frames are serialised once per
 * topic by the hub; a connection opened with `/ws?seq=1` gets `"seq": n` (its own counter, from 1) spliced in front of
 * every data frame (snapshots and pushes) — default frames are byte-for-byte Hyperliquid's. Fan-out costs one UTF-8
 * encoding per frame, not per subscriber, and a connection's frames of one event-loop turn leave in one write (the
 * socket is corked on its first send and uncorked on the next tick).
 * @see hyperliquid-api.md §1.1–§1.9
 */

import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { INFO_TYPES, UNSUPPORTED_INFO_TYPES } from "../api/info/index.ts";
import type { Hub, HubSubscriber, Resolution } from "../feeds/hub.ts";
import type { HttpAnswer } from "./http.ts";
import type { LogFn } from "./log.ts";

/** §1.9's limits, per client IP. `Infinity` turns one off. */
export interface WsLimits {
  /** Open connections per IP (upgrade answered 429 past it). */
  readonly maxConnections: number;
  /** New connections per IP per minute (upgrade answered 429 past it). */
  readonly maxNewConnectionsPerMinute: number;
  /** Subscriptions per IP across its connections. */
  readonly maxSubscriptions: number;
  /** Distinct users named by the user subscriptions of an IP. */
  readonly maxUsers: number;
  /** Frames a client IP may send per minute (continuous refill). */
  readonly maxMessagesPerMinute: number;
  /** `post` requests of an IP waiting for their answer. */
  readonly maxInflightPosts: number;
}

export const NO_WS_LIMITS: WsLimits = {
  maxConnections: Number.POSITIVE_INFINITY,
  maxNewConnectionsPerMinute: Number.POSITIVE_INFINITY,
  maxSubscriptions: Number.POSITIVE_INFINITY,
  maxUsers: Number.POSITIVE_INFINITY,
  maxMessagesPerMinute: Number.POSITIVE_INFINITY,
  maxInflightPosts: Number.POSITIVE_INFINITY,
};

/** Hyperliquid's per-IP WebSocket limits [DOC rate-limits, 2026-08]; unique users 10 as in the docs (§8.2). */
export const HYPERLIQUID_WS_LIMITS: WsLimits = {
  maxConnections: 10,
  maxNewConnectionsPerMinute: 30,
  maxSubscriptions: 1000,
  maxUsers: 10,
  maxMessagesPerMinute: 2000,
  maxInflightPosts: 100,
};

export interface WsOptions {
  readonly hub: Hub;
  /** POST /info, as the HTTP route answers it (with the IP weight limit when on). */
  readonly info: (body: unknown, ip: string) => HttpAnswer;
  /** POST /exchange, as the HTTP route answers it. */
  readonly exchange: (body: unknown, ip: string) => Promise<HttpAnswer>;
  readonly limits: WsLimits;
  /** Close a connection after this long with no frame sent or received, ms (Hyperliquid: 60 s). */
  readonly idleTimeoutMs: number;
  /** Close a connection whose unsent data passes this many bytes (a consumer too slow to read). */
  readonly maxBufferedBytes: number;
  /** Largest accepted client frame, bytes (ws closes with 1009 past it). */
  readonly maxFrameBytes: number;
  readonly log: LogFn;
}

export interface WsEndpoint {
  /** Open connections. */
  readonly connections: number;
  /** Closes every connection (close frame 1012, then the socket); new ones are still accepted. */
  /** Closes every connection (code 1012) and keeps accepting new ones; returns how many were open. */
  dropConnections(): number;
  /** Closes every connection and stops accepting new ones. */
  close(): Promise<void>;
}

const MINUTE_MS = 60_000;
/** How long a closing connection may take to finish the close handshake before its socket is destroyed. */
const CLOSE_GRACE_MS = 5_000;
const PONG = '{"channel":"pong"}';
const PARSE_ERROR = "Error parsing JSON into valid websocket request: ";
/** Every frame hyperlocal sends is a text frame, also when handed over as UTF-8 bytes. */
const TEXT = { binary: false } as const;

/** The last frame encoded: the hub hands every subscriber of a topic the same string, so it is encoded once. */
let lastText = "";
let lastBytes = Buffer.alloc(0);

function utf8Once(text: string): Buffer {
  if (text !== lastText) {
    lastText = text;
    lastBytes = Buffer.from(text, "utf8");
  }
  return lastBytes;
}

/** What one client IP holds, for the limits. */
interface IpState {
  connections: number;
  /** Times of the connections opened in the last minute. */
  opened: number[];
  subscriptions: number;
  /** User → how many of this IP's subscriptions name it. */
  readonly users: Map<string, number>;
  tokens: number;
  at: number;
  inflight: number;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

const now = () => performance.now();

/** Attaches the `/ws` endpoint to an HTTP server (noServer mode; other upgrade paths get 404). */
export function attachWebSocket(server: Server, options: WsOptions): WsEndpoint {
  const { hub, limits, log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false });
  const connections = new Set<Connection>();
  const ips = new Map<string, IpState>();
  let closed = false;

  const ipState = (ip: string): IpState => {
    let s = ips.get(ip);
    if (s === undefined) {
      s = {
        connections: 0,
        opened: [],
        subscriptions: 0,
        users: new Map(),
        tokens: limits.maxMessagesPerMinute,
        at: now(),
        inflight: 0,
      };
      ips.set(ip, s);
    }
    return s;
  };

  const refuse = (socket: Duplex, status: string, text: string) => {
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
    socket.destroy();
  };

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => {});
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      refuse(socket, "400 Bad Request", "Bad request");
      return;
    }
    if (url.pathname !== "/ws") {
      refuse(socket, "404 Not Found", `Not found: ${url.pathname}`);
      return;
    }
    if (closed) {
      refuse(socket, "503 Service Unavailable", "Server shutting down");
      return;
    }
    const ip = req.socket.remoteAddress ?? "";
    const state = ipState(ip);
    const t = now();
    while (state.opened.length > 0 && (state.opened[0] as number) <= t - MINUTE_MS) state.opened.shift();
    if (state.connections >= limits.maxConnections) {
      refuse(
        socket,
        "429 Too Many Requests",
        `Too many WebSocket connections: at most ${limits.maxConnections} per IP.`,
      );
      return;
    }
    if (state.opened.length >= limits.maxNewConnectionsPerMinute) {
      refuse(
        socket,
        "429 Too Many Requests",
        `Too many new WebSocket connections: at most ${limits.maxNewConnectionsPerMinute} per minute per IP.`,
      );
      return;
    }
    const seqParam = url.searchParams.get("seq");
    const withSeq = seqParam !== null && seqParam !== "0" && seqParam !== "false";
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (closed) {
        ws.terminate();
        return;
      }
      if (limits.maxNewConnectionsPerMinute !== Number.POSITIVE_INFINITY) state.opened.push(t);
      state.connections++;
      const conn = new Connection(ws, socket, ip, state, withSeq);
      connections.add(conn);
      ws.on("close", () => {
        connections.delete(conn);
        conn.release();
        state.connections--;
        if (state.connections === 0 && state.opened.length === 0 && state.inflight === 0) ips.delete(ip);
      });
    });
  });

  /** Flushes what a connection wrote during the event-loop turn. */
  function uncork(conn: Connection): void {
    conn.uncork();
  }

  class Connection implements HubSubscriber {
    /** Topic key → users the subscription names. */
    private readonly subs = new Map<string, readonly string[]>();
    private seq = 0;
    private last = now();
    private idleTimer: NodeJS.Timeout | undefined;
    private closing = false;

    /** The socket is corked until the next tick: this turn's frames go out together. */
    private corked = false;

    constructor(
      readonly ws: WebSocket,
      private readonly socket: Duplex,
      private readonly ip: string,
      private readonly state: IpState,
      private readonly withSeq: boolean,
    ) {
      ws.on("message", (data: RawData, isBinary: boolean) => this.onFrame(data, isBinary));
      ws.on("error", (error) => log("warn", "websocket error", { ip, error: String(error) }));
      this.armIdle(options.idleTimeoutMs);
    }

    deliver(frame: string): void {
      if (!this.withSeq) this.send(utf8Once(frame));
      else this.send(`{"seq":${++this.seq},${frame.slice(1)}`);
    }

    /** Sends one text frame (a string, or its UTF-8 bytes), unless closing; cuts the connection off past the send-buffer cap. */
    send(text: string | Buffer): void {
      if (this.closing || this.ws.readyState !== WebSocket.OPEN) return;
      if (!this.corked) {
        this.corked = true;
        this.socket.cork();
        process.nextTick(uncork, this);
      }
      this.ws.send(text, TEXT);
      this.last = now();
      if (this.ws.bufferedAmount > options.maxBufferedBytes) {
        log("warn", "websocket consumer too slow: closing", { ip: this.ip, buffered: this.ws.bufferedAmount });
        this.shut(1008, `Slow consumer: more than ${options.maxBufferedBytes} bytes waiting to be sent`);
      }
    }

    uncork(): void {
      this.corked = false;
      this.socket.uncork();
    }

    /** Closes with a close frame, destroying the socket if the handshake does not finish soon. */
    shut(code: number, reason: string): void {
      if (this.closing) return;
      this.closing = true;
      if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
      try {
        this.ws.close(code, reason);
      } catch {
        this.ws.terminate();
        return;
      }
      setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
    }

    /** Forgets every subscription (the socket closed). */
    release(): void {
      this.closing = true;
      if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
      for (const [key, users] of this.subs) this.forget(key, users);
      this.subs.clear();
    }

    private armIdle(ms: number): void {
      this.idleTimer = setTimeout(
        () => {
          const quiet = now() - this.last;
          if (quiet >= options.idleTimeoutMs) {
            this.shut(1000, `Idle for ${options.idleTimeoutMs} ms: no frame sent or received`);
          } else {
            this.armIdle(options.idleTimeoutMs - quiet);
          }
        },
        Math.max(1, ms),
      );
      this.idleTimer.unref();
    }

    private error(text: string): void {
      this.send(JSON.stringify({ channel: "error", data: text }));
    }

    private onFrame(data: RawData, isBinary: boolean): void {
      this.last = now();
      if (this.closing) return;
      // Binary frames are read as text too (Hyperliquid's clients send text only).
      void isBinary;
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString("utf8")
        : Buffer.isBuffer(data)
          ? data.toString("utf8")
          : Buffer.from(data).toString("utf8");
      if (!this.takeToken()) {
        this.error(`Cannot send more than ${limits.maxMessagesPerMinute} messages per minute.`);
        return;
      }
      let msg: unknown;
      try {
        msg = JSON.parse(text);
      } catch {
        this.error(PARSE_ERROR + text);
        return;
      }
      // serde_json (Hyperliquid's parser) refuses nesting deeper than 128 levels; so do we, as a parse error.
      if (!isPlainObject(msg) || tooDeep(msg, MAX_JSON_DEPTH)) {
        this.error(PARSE_ERROR + text);
        return;
      }
      try {
        switch (msg.method) {
          case "ping":
            this.send(PONG);
            return;
          case "subscribe":
          case "unsubscribe":
            this.onSubscription(msg.method, msg.subscription, text);
            return;
          case "post":
            this.onPost(msg, text);
            return;
          default:
            this.error(PARSE_ERROR + text);
        }
      } catch (error) {
        log("error", "websocket request failed", { ip: this.ip, error: String(error) });
        this.error(`Internal server error: ${text}`);
      }
    }

    private takeToken(): boolean {
      const max = limits.maxMessagesPerMinute;
      if (max === Number.POSITIVE_INFINITY) return true;
      const s = this.state;
      const t = now();
      s.tokens = Math.min(max, s.tokens + ((t - s.at) * max) / MINUTE_MS);
      s.at = t;
      if (s.tokens < 1) return false;
      s.tokens -= 1;
      return true;
    }

    private onSubscription(method: "subscribe" | "unsubscribe", subscription: unknown, text: string): void {
      const r: Resolution = hub.resolve(subscription);
      if (r.kind === "parse") {
        this.error(PARSE_ERROR + text);
        return;
      }
      if (r.kind === "notBuilt") {
        // The request envelope is embedded so nktkas rejects the pending subscribe instead of timing out.
        this.error(
          `Subscription type ${JSON.stringify(r.type)} is not supported by hyperlocal yet: ${JSON.stringify({ method, subscription })}`,
        );
        return;
      }
      const echoText = JSON.stringify(r.echo);
      if (method === "unsubscribe") {
        const users = this.subs.get(r.key);
        if (users === undefined) {
          this.error(`Already unsubscribed: ${echoText}`);
          return;
        }
        this.subs.delete(r.key);
        this.forget(r.key, users);
        this.send(`{"channel":"subscriptionResponse","data":{"method":"unsubscribe","subscription":${echoText}}}`);
        return;
      }
      if (this.subs.has(r.key)) {
        this.error(`Already subscribed: ${echoText}`);
        return;
      }
      if (hub.invalid(r) !== undefined) {
        this.error(`Invalid subscription: ${echoText}`);
        return;
      }
      const s = this.state;
      if (s.subscriptions >= limits.maxSubscriptions) {
        this.error(`Cannot subscribe to more than ${limits.maxSubscriptions} channels.`);
        return;
      }
      const users = [...new Set(hub.users(r).map((u) => u.toLowerCase()))];
      const fresh = users.filter((u) => !s.users.has(u)).length;
      if (fresh > 0 && s.users.size + fresh > limits.maxUsers) {
        this.error(`Cannot track more than ${limits.maxUsers} total users.`);
        return;
      }
      this.subs.set(r.key, users);
      s.subscriptions++;
      for (const u of users) s.users.set(u, (s.users.get(u) ?? 0) + 1);
      this.send(`{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":${echoText}}}`);
      hub.add(r, this);
    }

    /** Releases one subscription's hold on the limits and the hub. */
    private forget(key: string, users: readonly string[]): void {
      hub.remove(key, this);
      const s = this.state;
      s.subscriptions--;
      for (const u of users) {
        const n = (s.users.get(u) ?? 0) - 1;
        if (n <= 0) s.users.delete(u);
        else s.users.set(u, n);
      }
    }

    private onPost(msg: Record<string, unknown>, text: string): void {
      const id = msg.id;
      const request = msg.request;
      if (
        typeof id !== "number" ||
        !Number.isInteger(id) ||
        id < 0 ||
        !isPlainObject(request) ||
        (request.type !== "info" && request.type !== "action") ||
        !isPlainObject(request.payload)
      ) {
        this.error(PARSE_ERROR + text);
        return;
      }
      const payload = request.payload;
      if (request.type === "info") {
        // An unknown info type cannot be parsed at all: the parse error, not a post frame [3P measured].
        const type = payload.type;
        if (typeof type !== "string" || !(Object.hasOwn(INFO_TYPES, type) || UNSUPPORTED_INFO_TYPES.has(type))) {
          this.error(PARSE_ERROR + text);
          return;
        }
      }
      const s = this.state;
      if (s.inflight >= limits.maxInflightPosts) {
        this.error(`too many pending post requests id=${id}`);
        return;
      }
      s.inflight++;
      const answer = (response: unknown) => {
        s.inflight--;
        this.send(JSON.stringify({ channel: "post", data: { id, response } }));
      };
      if (request.type === "info") {
        let out: HttpAnswer;
        try {
          out = options.info(payload, this.ip);
        } catch (error) {
          log("error", "websocket post info failed", { ip: this.ip, error: String(error) });
          answer({ type: "error", payload: "Internal server error" });
          return;
        }
        answer(
          out.status === 200
            ? { type: "info", payload: { type: payload.type, data: out.json } }
            : { type: "error", payload: out.text },
        );
        return;
      }
      options.exchange(payload, this.ip).then(
        (out) =>
          answer(out.status === 200 ? { type: "action", payload: out.json } : { type: "error", payload: out.text }),
        (error: unknown) => {
          log("error", "websocket post action failed", { ip: this.ip, error: String(error) });
          answer({ type: "error", payload: "Internal server error" });
        },
      );
    }
  }

  const closeAll = (code: number, reason: string): Promise<void> => {
    const waits = [...connections].map(
      (c) =>
        new Promise<void>((resolve) => {
          const ws = c.ws;
          if (ws.readyState === WebSocket.CLOSED) {
            resolve();
            return;
          }
          ws.once("close", () => resolve());
          c.shut(code, reason);
        }),
    );
    return Promise.all(waits).then(() => {});
  };

  return {
    get connections() {
      return connections.size;
    },
    dropConnections: () => {
      const open = connections.size;
      void closeAll(1012, "Connection dropped by hyperlocal");
      return open;
    },
    close: async () => {
      closed = true;
      await closeAll(1001, "Server shutting down");
      wss.close();
    },
  };
}

/** serde_json's default recursion limit: deeper JSON is not a valid request. */
const MAX_JSON_DEPTH = 128;

/** Whether a parsed JSON value nests deeper than `limit` arrays/objects (iterative: no stack overflow). */
function tooDeep(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== "object" || v === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
