/**
 * @module test/scenarios/scenarios
 * Golden scenarios: each `<name>.jsonl` (an optional `{"config":…}` line, `{"note":…}` lines, then commands) is run
 * through the engine, and the condensed events of every command plus the final accounts (and spot balances and fees,
 * when spot was used) must equal `<name>.expected.jsonl`. `UPDATE_GOLDEN=1 npm test` rewrites the expected files for review.
 */

import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { type Command, Engine, type Event, rejectText } from "../../src/core/index.ts";

const DIR = import.meta.dirname;
const NAMES: Record<string, string> = {
  [`0x${"a".repeat(40)}`]: "alice",
  [`0x${"b".repeat(40)}`]: "bob",
  [`0x${"c".repeat(40)}`]: "carol",
  "0x0000000000000000000000000000000000000001": "liquidator",
};
const name = (user: string) => NAMES[user] ?? user;

function condense(e: Event): unknown {
  switch (e.type) {
    case "orderStatus":
      return { status: e.status, oid: e.order.oid, user: name(e.order.user), size: e.order.size };
    case "fill": {
      const leg = (l: typeof e.maker) => ({
        user: name(l.user),
        start: l.startPosition,
        dir: l.dir,
        closedPnl: l.closedPnl,
        fee: l.fee,
        ...(l.feeToken === undefined ? {} : { feeToken: l.feeToken }),
      });
      return {
        fill: e.tid,
        asset: e.asset,
        price: e.price,
        size: e.size,
        maker: leg(e.maker),
        taker: leg(e.taker),
        ...(e.liquidation === undefined ? {} : { liquidation: e.liquidation.method }),
        ...(e.taker.twapId === undefined ? {} : { twapId: e.taker.twapId }),
      };
    }
    case "reply": {
      const r = e.reply;
      const text = (x: unknown) =>
        typeof x === "object" && x !== null && "error" in x ? { error: rejectText((x as { error: never }).error) } : x;
      if (r.kind === "order" || r.kind === "cancel") return { reply: r.kind, statuses: r.statuses.map(text) };
      if (r.kind === "error") return { reply: "error", text: rejectText(r.reject) };
      if (r.kind === "twapOrder" || r.kind === "twapCancel") return { reply: r.kind, result: text(r.result) };
      return { reply: r.kind };
    }
    case "ledger":
      return { ledger: name(e.user), ...e.delta };
    case "funding":
      return { funding: name(e.user), asset: e.asset, usd: e.usd, size: e.size, rate: e.rate, time: e.time };
    case "fundingRate":
      return { fundingRate: e.asset, rate: e.rate, premium: e.premium, samples: e.samples, time: e.time };
    case "liquidation":
      return { liquidation: name(e.user), type: e.leverageType, notional: e.notional, accountValue: e.accountValue };
    case "markPrice":
      return { mark: e.asset, price: e.price };
    case "twap":
      return { twap: e.twap.twapId, status: e.status, executedSize: e.twap.executedSize, user: name(e.twap.user) };
  }
}

function run(lines: unknown[]): string[] {
  const config = lines.find((l) => typeof l === "object" && l !== null && "config" in l) as
    | { config: Parameters<typeof Engine.create>[0] }
    | undefined;
  const engine = Engine.create(config?.config ?? {});
  const out: string[] = [];
  const users = new Set<string>();
  for (const line of lines) {
    if (typeof line !== "object" || line === null || "config" in line || "note" in line) continue;
    const cmd = line as Command;
    if ("user" in cmd) users.add(cmd.user);
    const events = engine.apply(cmd);
    engine.checkInvariants();
    out.push(JSON.stringify({ cmd: cmd.type, events: events.map(condense) }));
  }
  for (const user of [...users].sort()) {
    const r = engine.accountRisk(user);
    out.push(
      JSON.stringify({
        account: name(user),
        cash: engine.state.accounts.get(user)?.cash ?? 0,
        crossValue: r.crossValue,
        crossMaintenance: r.crossMaintenance,
        isolatedValue: r.isolatedValue,
        withdrawable: r.withdrawable,
        positions: r.positions.map((p) => ({
          asset: p.asset,
          size: p.position.size,
          entryNotional: p.position.entryNotional,
          isoRaw: p.position.isoRaw,
          unrealizedPnl: p.unrealizedPnl,
          funding: p.position.funding.allTime,
        })),
      }),
    );
  }
  // Spot, only where spot was used (so perp-only scenarios print as before): balances [token, total, hold, entryNtl].
  for (const user of [...users].sort()) {
    const balances = engine.spotBalances(user).map(([token, b]) => [token, b.total, b.hold, b.entryNtl]);
    if (balances.length > 0) out.push(JSON.stringify({ spot: name(user), balances }));
  }
  const spot = engine.state.spot;
  if (spot.fees.some((f) => f !== 0)) out.push(JSON.stringify({ spotFees: spot.fees, perpToSpot: spot.perpToSpot }));
  out.push(JSON.stringify({ stateHash: engine.stateHash() }));
  return out;
}

const scenarios = readdirSync(DIR).filter((f) => f.endsWith(".jsonl") && !f.endsWith(".expected.jsonl"));

test("there are golden scenarios", () => {
  assert.ok(scenarios.length >= 8, `found ${scenarios.length}`);
});

for (const file of scenarios) {
  test(`scenario ${file}`, () => {
    const lines = readFileSync(join(DIR, file), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as unknown);
    const actual = run(lines);
    const expectedPath = join(DIR, file.replace(/\.jsonl$/, ".expected.jsonl"));
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(expectedPath, `${actual.join("\n")}\n`);
    const expected = readFileSync(expectedPath, "utf8")
      .split("\n")
      .filter((l) => l !== "");
    assert.deepEqual(actual, expected);
  });
}
