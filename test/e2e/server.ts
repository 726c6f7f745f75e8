/**
 * @module test/e2e/server
 * `hyperlocal serve` as a real child process for end-to-end tests: start it on a data directory (port 0, its own
 * process group), wait for its "Listening on <url>" line, kill it with any signal, and talk to it over HTTP.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/hyperlocal.js", import.meta.url));
const READY_MS = 30_000;

/** A running `hyperlocal serve`. */
export interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it printed so far (stdout and stderr). */
  readonly output: () => string;
  /** Resolves with the exit code and signal once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `hyperlocal serve --port 0 --data-dir <dir>` and waits until it listens. */
export function serve(dataDir: string, extra: readonly string[] = []): Promise<Served> {
  // No simulator: the crash test's own load is the whole load, so every order's fate is its own.
  const args = [BIN, "serve", "--port", "0", "--data-dir", dataDir, "--no-sim", ...extra];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kill(child, "SIGKILL");
      reject(new Error(`hyperlocal serve not ready after ${READY_MS} ms:\n${out}`));
    }, READY_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Listening on (http:\/\/[^\s]+)\./.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, output: () => out, exited });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`hyperlocal serve exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
}

function kill(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-(child.pid as number), signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
  }
}

/** Sends `signal` to the server's process group and waits until it has exited. */
export async function stop(
  s: Served,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  kill(s.child, signal);
  return s.exited;
}

/** An HTTP answer that was not 200, with its body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body}`);
  }
}

/** POSTs JSON (keep-alive, as fetch does) and returns the parsed 200 answer. */
export async function post(url: string, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new HttpError(res.status, text);
  return JSON.parse(text);
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
