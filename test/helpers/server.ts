/**
 * @module test/helpers/server
 * Starts a real hyperlocal server in-process on a free port (ephemeral store unless a data dir is given), for the
 * conformance and end-to-end tests. Close it with `app.close()`.
 */

import { type App, type AppOptions, createApp } from "../../src/server/app.ts";

export async function startServer(options: Partial<AppOptions> = {}): Promise<App> {
  const app = await createApp({ port: 0, host: "127.0.0.1", tickMs: 200, ...options });
  await app.listen();
  return app;
}

/** POSTs JSON to the server and returns status, content type and body (parsed when JSON). */
export async function post(
  app: App,
  path: "/info" | "/exchange",
  body: unknown,
): Promise<{ status: number; type: string; body: unknown; text: string }> {
  const res = await fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, text, body: type.includes("application/json") ? JSON.parse(text) : text };
}
