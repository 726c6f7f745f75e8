/**
 * @module test/helpers/exchange
 * A socket-free /exchange harness: an engine behind a sequencer (no journal), the api context, funded wallets, and a
 * `send` that signs and handles an action like a client posting it.
 */

import type { ExchangeContext } from "../../src/api/context.ts";
import { BOTH_NETWORKS } from "../../src/api/context.ts";
import { type ExchangeAnswer, handleExchange } from "../../src/api/exchange/index.ts";
import { Engine } from "../../src/core/index.ts";
import { History } from "../../src/journal/history.ts";
import { Store } from "../../src/journal/store.ts";
import { Sequencer } from "../../src/server/sequencer.ts";
import { T0 } from "./engine.ts";
import { type L1SignOptions, signL1, signUserAction, type Wallet, wallet } from "./wallet.ts";

export const A = wallet("alice");
export const B = wallet("bob");
export const STRANGER = wallet("stranger");

export interface Harness {
  readonly ctx: ExchangeContext;
  readonly engine: Engine;
  /** Advances the clock. */
  advance(ms: number): void;
  now(): number;
  /** Signs an L1 action with a fresh nonce (or the given one) and handles it. */
  l1(w: Wallet, action: Record<string, unknown>, options?: L1SignOptions & { nonce?: number }): Promise<ExchangeAnswer>;
  /** Signs a user-signed action (nonce = its `time`/`nonce` field) and handles it. */
  user(w: Wallet, action: Record<string, unknown>, nonce: number): Promise<ExchangeAnswer>;
  /** Handles a raw body. */
  raw(body: unknown): Promise<ExchangeAnswer>;
  readonly explained: string[];
}

/** A fresh exchange with A and B funded ($1,000,000 each) and SOL's oracle at 100. */
export async function harness(): Promise<Harness> {
  let time = T0;
  const clock = () => time;
  const engine = Engine.create();
  const store = Store.open(":memory:");
  const history = new History(store.db);
  const sequencer = new Sequencer(engine, undefined, 0, { clock, history });
  const explained: string[] = [];
  const ctx: ExchangeContext = {
    engine,
    history,
    now: clock,
    submit: (c) => sequencer.submit(c),
    network: BOTH_NETWORKS,
    explain: (text) => explained.push(text),
  };
  await sequencer.submit({ type: "deposit", user: A.address, usd: 1_000_000_000_000 });
  await sequencer.submit({ type: "deposit", user: B.address, usd: 1_000_000_000_000 });
  await sequencer.submit({
    type: "setOracle",
    prices: [
      { asset: 5, price: "100" },
      { asset: 0, price: "65000" },
    ],
  });
  let nonce = T0;
  return {
    ctx,
    engine,
    explained,
    advance: (ms) => {
      time += ms;
    },
    now: clock,
    l1: (w, action, options = {}) => handleExchange(ctx, signL1(w, action, options.nonce ?? ++nonce, options)),
    user: (w, action, n) => handleExchange(ctx, signUserAction(w, action, n)),
    raw: (body) => handleExchange(ctx, body),
  };
}

/** `{a, b, p, s, r, t}` as the SDKs build it. */
export function wireOrder(
  a: number,
  b: boolean,
  p: string,
  s: string,
  tif: "Gtc" | "Ioc" | "Alo" = "Gtc",
  extra: { r?: boolean; c?: string } = {},
): Record<string, unknown> {
  const o: Record<string, unknown> = { a, b, p, s, r: extra.r ?? false, t: { limit: { tif } } };
  if (extra.c !== undefined) o.c = extra.c;
  return o;
}

/** An `order` action with grouping "na". */
export function orderAction(...orders: Record<string, unknown>[]): Record<string, unknown> {
  return { type: "order", orders, grouping: "na" };
}

/** The JSON of a 200 answer (fails the test otherwise). */
export function json(answer: ExchangeAnswer): unknown {
  if (answer.status !== 200) throw new Error(`expected 200, got ${answer.status}: ${answer.text}`);
  return answer.json;
}
