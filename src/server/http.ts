/**
 * @module server/http
 * The HTTP shell over api/: POST /info and POST /exchange with Hyperliquid's HTTP behaviour. Every answer is 200 with
 * JSON, including `{"status":"err"}`; a body of the wrong shape is 422 with the exact plain-text body; a body that is
 * not JSON is 400, a wrong content type 415, an oversized body 413 (axum's defaults, which §0.1 infers); never a 5xx
 * for a client's mistake. CORS headers as Hyperliquid sends them.
 * @see hyperliquid-api.md §0 (CORS headers), §0.1 (HTTP-level errors)
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** What a route answers: JSON with 200, or a plain-text error status. */
export type HttpAnswer = { status: 200; json: unknown } | { status: 422 | 429; text: string };

export interface HttpRoutes {
  /** `ip` is the client's address (for IP rate limits). */
  readonly info: (body: unknown, ip: string) => HttpAnswer;
  readonly exchange: (body: unknown, ip: string) => Promise<HttpAnswer>;
  /** Extra GET routes (health, dev pages), by path. */
  readonly get?: Readonly<Record<string, () => unknown>>;
  /** Extra JSON POST routes (hyperlocal's dev controls), by path; same body rules as /info. */
  readonly post?: Readonly<Record<string, (body: unknown) => Promise<HttpAnswer>>>;
}

export interface HttpOptions {
  /** Largest accepted body, bytes. */
  readonly maxBodyBytes: number;
  /** Called with a server-side failure (a bug): the answer is a 500. */
  readonly onError: (error: unknown, path: string) => void;
}

/** Hyperliquid's CORS headers on every answer. [PY cassettes] */
const CORS = { "access-control-allow-origin": "*", "access-control-expose-headers": "*" } as const;
const PREFLIGHT = {
  ...CORS,
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "*",
  "access-control-max-age": "86400",
} as const;

const TEXT = "text/plain; charset=utf-8";

export function createHttpServer(routes: HttpRoutes, options: HttpOptions): Server {
  const server = createServer((req, res) => {
    handle(routes, options, req, res).catch((error: unknown) => {
      options.onError(error, req.url ?? "");
      if (!res.headersSent) sendText(res, 500, "Internal server error");
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

async function handle(routes: HttpRoutes, options: HttpOptions, req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? "/").split("?")[0] as string;
  if (req.method === "OPTIONS") {
    res.writeHead(204, PREFLIGHT).end();
    return;
  }
  const extra = Object.hasOwn(routes.post ?? {}, path) ? routes.post?.[path] : undefined;
  if (path !== "/info" && path !== "/exchange" && extra === undefined) {
    const get = routes.get?.[path];
    if (get !== undefined && (req.method === "GET" || req.method === "HEAD")) {
      sendJson(res, get());
      return;
    }
    req.resume();
    sendText(res, 404, `Not found: ${req.method ?? "?"} ${path}`);
    return;
  }
  if (req.method !== "POST") {
    req.resume();
    res.setHeader("allow", "POST");
    sendText(res, 405, "Method not allowed");
    return;
  }
  const type = req.headers["content-type"] ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    req.resume();
    sendText(res, 415, "Expected request with `Content-Type: application/json`");
    return;
  }
  const text = await readBody(req, options.maxBodyBytes);
  if (text === undefined) {
    sendText(res, 413, `Request body is larger than ${options.maxBodyBytes} bytes`);
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    sendText(res, 400, `Failed to parse the request body as JSON: ${(e as Error).message}`);
    return;
  }
  const ip = req.socket.remoteAddress ?? "";
  const out =
    extra !== undefined
      ? await extra(body)
      : path === "/info"
        ? routes.info(body, ip)
        : await routes.exchange(body, ip);
  if (out.status === 200) sendJson(res, out.json);
  else sendText(res, out.status, out.text);
}

/** The body as text, or undefined when it passes the limit (the rest is drained, the connection kept). */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, value: unknown): void {
  const body = JSON.stringify(value) ?? "null";
  res.writeHead(200, { ...CORS, "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...CORS, "content-type": TEXT, "content-length": Buffer.byteLength(text) });
  res.end(text);
}
