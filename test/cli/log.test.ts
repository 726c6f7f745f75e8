/**
 * @module test/cli/log
 * serve's pino logger: JSON lines that parse (level, time, msg, fields), the level filter, the readable form, and the
 * default format (pretty on a terminal, JSON otherwise).
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLogger, defaultLogFormat } from "../../src/cli/log.ts";

function capture(level: "debug" | "info" | "warn" | "error" | "silent", format: "json" | "pretty") {
  const lines: string[] = [];
  const log = createLogger({ level, format, colorize: false, write: (text) => lines.push(text) });
  return { log, lines };
}

describe("serve logger", () => {
  it("json: one parseable object a line, with level, time, message and fields", () => {
    const { log, lines } = capture("info", "json");
    log("info", "listening", { url: "http://127.0.0.1:1" });
    log("error", "request to /info failed", { error: "boom" });
    log("warn", "no fields");
    assert.equal(lines.length, 3);
    for (const line of lines) assert.ok(line.endsWith("\n"), JSON.stringify(line));
    const [a, b, c] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(a?.level, 30);
    assert.equal(a?.msg, "listening");
    assert.equal(a?.url, "http://127.0.0.1:1");
    assert.equal(typeof a?.time, "number");
    assert.equal(b?.level, 50);
    assert.equal(b?.error, "boom");
    assert.equal(c?.level, 40);
    assert.equal(c?.msg, "no fields");
    assert.equal(a?.pid, undefined, "no pid or hostname noise");
  });

  it("the level filters lines below it; silent drops everything", () => {
    const warn = capture("warn", "json");
    warn.log("debug", "d");
    warn.log("info", "i");
    warn.log("warn", "w");
    assert.deepEqual(
      warn.lines.map((l) => (JSON.parse(l) as { msg: string }).msg),
      ["w"],
    );
    const debug = capture("debug", "json");
    debug.log("debug", "d");
    assert.equal(debug.lines.length, 1);
    const silent = capture("silent", "json");
    silent.log("error", "e");
    assert.deepEqual(silent.lines, []);
  });

  it("pretty: readable text with the level name, message and fields, not JSON", () => {
    const { log, lines } = capture("info", "pretty");
    log("warn", "websocket consumer too slow: closing", { ip: "127.0.0.1", buffered: 123 });
    assert.equal(lines.length, 1);
    const line = lines[0] as string;
    assert.throws(() => JSON.parse(line));
    assert.match(line, /WARN/);
    assert.match(line, /websocket consumer too slow: closing/);
    assert.match(line, /"ip":"127\.0\.0\.1"/);
    assert.match(line, /^\[\d\d:\d\d:\d\d\.\d{3}\]/);
  });

  it("defaults to pretty on a terminal and JSON elsewhere", () => {
    assert.equal(defaultLogFormat(true), "pretty");
    assert.equal(defaultLogFormat(false), "json");
    assert.equal(defaultLogFormat(undefined), "json");
  });
});
