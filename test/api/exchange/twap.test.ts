/**
 * @module test/api/exchange/twap
 * `twapOrder` and `twapCancel`, signed and handled as a client posts them, with time passing through `tick` commands:
 * the running answer, a bad duration, the first slice at once and one every 30 s until the TWAP finishes, then
 * `/info` `twapHistory`, `userTwapSliceFills` and `userFills` showing it; a cancel answered `success`, then the
 * error a second time.
 * @see hyperliquid-api.md §4.4 (twapHistory, userTwapSliceFills), §5.2, §5.5; hyperliquid-mechanics.md §7
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { handleInfo } from "../../../src/api/info/index.ts";
import { T0 } from "../../helpers/engine.ts";
import { A, B, type Harness, harness, json, orderAction, wireOrder } from "../../helpers/exchange.ts";

const ZERO_HASH = `0x${"0".repeat(64)}`;
const MISSING = "TWAP was never placed, already canceled, or filled.";

function info(h: Harness, body: unknown): unknown {
  const answer = handleInfo({ engine: h.engine, history: h.ctx.history, now: h.now }, body);
  assert.equal(answer.status, 200);
  return (answer as { json: unknown }).json;
}

/** Lets 30 s pass and submits the `tick` the server's timer would. */
async function nextSlice(h: Harness): Promise<void> {
  h.advance(30_000);
  await h.ctx.submit({ type: "tick" });
}

function twap(a: number, b: boolean, s: string, m: number): Record<string, unknown> {
  return { type: "twapOrder", twap: { a, b, s, r: false, m, t: false } };
}

function running(twapId: number): unknown {
  return { status: "ok", response: { type: "twapOrder", data: { status: { running: { twapId } } } } };
}

test("a TWAP buys a slice at once and one every 30 s until it finishes; history and slice fills show it", async () => {
  const h = await harness();
  // Bob rests 100 SOL at 100; Alice buys 5.5 SOL over 5 minutes: 2 × 5 + 1 = 11 slices of 0.5 SOL ($50 ≥ $10 / min).
  json(await h.l1(B, orderAction(wireOrder(5, false, "100", "100"))));
  assert.deepEqual(json(await h.l1(A, twap(5, true, "5.5", 1))), {
    status: "ok",
    response: { type: "twapOrder", data: { status: { error: "Invalid TWAP duration: 1 min(s)" } } },
  });
  assert.deepEqual(json(await h.l1(A, twap(5, true, "5.5", 5))), running(1));
  const fills = () => info(h, { type: "userTwapSliceFills", user: A.address }) as { fill: Record<string, unknown> }[];
  assert.equal(fills().length, 1, "the first slice runs at once");
  assert.equal(h.engine.twaps(A.address).length, 1);
  h.advance(29_999);
  await h.ctx.submit({ type: "tick" });
  assert.equal(fills().length, 1, "no slice before 30 s");
  h.advance(1);
  await h.ctx.submit({ type: "tick" });
  assert.equal(fills().length, 2);
  for (let k = 2; k < 11; k++) await nextSlice(h);
  assert.deepEqual(h.engine.twaps(A.address), []);

  const history = info(h, { type: "twapHistory", user: A.address }) as Record<string, unknown>[];
  const state = {
    coin: "SOL",
    minutes: 5,
    randomize: false,
    reduceOnly: false,
    side: "B",
    stopPx: null,
    sz: "5.5",
    timestamp: T0,
    trigger: null,
    user: A.address,
  };
  assert.deepEqual(history, [
    {
      time: T0 / 1000,
      state: { ...state, executedNtl: "0.0", executedSz: "0.0" },
      status: { status: "activated" },
      twapId: 1,
    },
    {
      time: T0 / 1000 + 300,
      state: { ...state, executedNtl: "550.0", executedSz: "5.5" },
      status: { status: "finished" },
      twapId: 1,
    },
  ]);

  const slices = info(h, { type: "userTwapSliceFills", user: A.address }) as {
    fill: Record<string, unknown>;
    twapId: number;
  }[];
  assert.equal(slices.length, 11);
  // Newest first: the last slice at +300 s had 5.0 SOL before it.
  assert.deepEqual(slices[0], {
    fill: {
      coin: "SOL",
      px: "100.0",
      sz: "0.5",
      side: "B",
      time: T0 + 300_000,
      startPosition: "5.0",
      dir: "Open Long",
      closedPnl: "0.0",
      hash: ZERO_HASH,
      oid: slices[0]?.fill.oid,
      crossed: true,
      // $50 × 0.045% taker fee.
      fee: "0.0225",
      tid: slices[0]?.fill.tid,
      feeToken: "USDC",
      twapId: 1,
    },
    twapId: 1,
  });
  assert.deepEqual(
    slices.map((s) => [s.twapId, s.fill.twapId, s.fill.hash, s.fill.sz, s.fill.time]),
    Array.from({ length: 11 }, (_, i) => [1, 1, ZERO_HASH, "0.5", T0 + (10 - i) * 30_000]),
  );
  const userFills = info(h, { type: "userFills", user: A.address }) as Record<string, unknown>[];
  assert.deepEqual(
    userFills.map((f) => [f.twapId, f.hash, f.oid]),
    slices.map((s) => [1, ZERO_HASH, s.fill.oid]),
  );
  // Bob's resting order was an ordinary one: his side of the same trades carries no TWAP.
  const bobFills = info(h, { type: "userFills", user: B.address }) as Record<string, unknown>[];
  assert.equal(bobFills.length, 11);
  assert.ok(bobFills.every((f) => f.twapId === null && f.hash !== ZERO_HASH));
  const position = (
    info(h, { type: "clearinghouseState", user: A.address }) as {
      assetPositions: { position: { coin: string; szi: string } }[];
    }
  ).assetPositions.map((p) => [p.position.coin, p.position.szi]);
  assert.deepEqual(position, [["SOL", "5.5"]]);

  assert.deepEqual(json(await h.l1(A, { type: "twapCancel", a: 5, t: 1 })), {
    status: "ok",
    response: { type: "twapCancel", data: { status: { error: MISSING } } },
  });
});

test("twapCancel stops a running TWAP, then answers that it was never placed, already canceled, or filled", async () => {
  const h = await harness();
  json(await h.l1(B, orderAction(wireOrder(5, false, "100", "100"))));
  assert.deepEqual(json(await h.l1(A, twap(5, true, "5.5", 5))), running(1));
  // Someone else's TWAP, or the right id on another asset, is not found.
  const missing = { status: "ok", response: { type: "twapCancel", data: { status: { error: MISSING } } } };
  assert.deepEqual(json(await h.l1(B, { type: "twapCancel", a: 5, t: 1 })), missing);
  assert.deepEqual(json(await h.l1(A, { type: "twapCancel", a: 0, t: 1 })), missing);
  assert.deepEqual(json(await h.l1(A, { type: "twapCancel", a: 5, t: 1 })), {
    status: "ok",
    response: { type: "twapCancel", data: { status: "success" } },
  });
  assert.deepEqual(json(await h.l1(A, { type: "twapCancel", a: 5, t: 1 })), missing);
  await nextSlice(h);
  const slices = info(h, { type: "userTwapSliceFills", user: A.address }) as unknown[];
  assert.equal(slices.length, 1, "no slice after the cancel");
  const history = info(h, { type: "twapHistory", user: A.address }) as {
    status: { status: string };
    state: { executedSz: string };
  }[];
  assert.deepEqual(
    history.map((e) => [e.status.status, e.state.executedSz]),
    [
      ["activated", "0.0"],
      ["terminated", "0.5"],
    ],
  );
});
