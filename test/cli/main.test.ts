/**
 * @module test/cli/main
 * The `hyperlocal` command as a user runs it: `npm start` from the repository root (what the README's quick start
 * does), `--help`, `version`, and wrong invocations. Runs real child processes.
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TIMEOUT_MS = 60_000;

/** Runs a command in the repository root and returns its exit code and output. */
function run(command: string, args: readonly string[]) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", timeout: TIMEOUT_MS });
  if (result.error !== undefined) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the launcher directly with Node. */
function hyperlocal(...args: string[]) {
  return run(process.execPath, ["bin/hyperlocal.js", ...args]);
}

describe("hyperlocal command", () => {
  it("npm start exits 0, says the server is not built yet, and shows BTC", () => {
    const r = run("npm", ["start"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /server is not built yet/);
    assert.match(r.stdout, /\bBTC\b/);
    assert.match(r.stdout, /l2Book BTC/);
    // The demo really trades: Bob's crossing order fills against Alice's asks.
    assert.match(r.stdout, /-> filled 0\.025 \(oid \d+\)/);
    assert.match(r.stdout, /bob: 0\.025 BTC/);
    assert.match(r.stdout, /State hash: [0-9a-f]{16}/);
  });

  it("serve prints the same output on every run", () => {
    const first = hyperlocal("serve");
    const second = hyperlocal("serve");
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, second.stdout);
  });

  it("--help documents the commands and what is not built yet", () => {
    const r = hyperlocal("--help");
    assert.equal(r.code, 0, r.stderr);
    for (const word of ["serve", "help", "version", "Not built yet", "/info", "/exchange", "/ws"]) {
      assert.ok(r.stdout.includes(word), `help does not mention ${word}`);
    }
    assert.equal(hyperlocal("help").stdout, r.stdout);
  });

  it("version prints the package version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    const r = hyperlocal("version");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${pkg.version}\n`);
  });

  it("an unknown command exits 2 with a clear message", () => {
    const r = hyperlocal("frobnicate");
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /unknown command "frobnicate"/);
  });

  it("serve with an option exits 2 rather than ignoring it", () => {
    const r = hyperlocal("serve", "--port", "3001");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no options/);
  });
});
