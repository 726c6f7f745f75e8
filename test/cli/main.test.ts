/**
 * @module test/cli/main
 * The `hyperlocal` command as a user runs it: `--help`, `version`, and wrong invocations. Runs real child
 * processes. `serve` has its own end-to-end tests (serve.test.ts).
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
  it("--help documents the commands and what is not built yet", () => {
    const r = hyperlocal("--help");
    assert.equal(r.code, 0, r.stderr);
    for (const word of ["serve", "recover", "help", "version", "Not built yet", "/info", "/exchange", "/ws"]) {
      assert.ok(r.stdout.includes(word), `help does not mention ${word}`);
    }
    assert.equal(hyperlocal("help").stdout, r.stdout);
    // TWAP orders and sub-accounts are built: they are listed as such, and what is not built names only the rest.
    const [built, notBuilt] = r.stdout.split("Not built yet:") as [string, string];
    assert.match(built, /TWAP orders \(twapOrder, twapCancel/);
    assert.match(built, /sub-accounts \(create, rename, USDC transfer, trading through vaultAddress/);
    assert.match(notBuilt, /subAccountSpotTransfer/);
    assert.doesNotMatch(notBuilt, /sub-accounts|\bTWAP\b|simulator/);
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

  it("serve with an unknown option exits 2 rather than ignoring it", () => {
    const r = hyperlocal("serve", "--frobnicate", "1");
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option --frobnicate/);
    assert.match(r.stderr, /--data-dir DIR/);
  });
});
