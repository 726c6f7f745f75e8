/**
 * @module test/helpers/engine
 * Small builders for engine tests: fixed users, order requests, commands and reply extraction.
 */

import { Engine, type Event, type OrderRequest, type OrderResult, type Reply, type Tif } from "../../src/core/index.ts";

export const ALICE = `0x${"a".repeat(40)}`;
export const BOB = `0x${"b".repeat(40)}`;
export const CAROL = `0x${"c".repeat(40)}`;
export const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

export const BTC = 0;
export const SOL = 5;

/** A limit order request. */
export function limit(
  asset: number,
  isBuy: boolean,
  price: string,
  size: string,
  tif: Tif = "Gtc",
  extra: { reduceOnly?: boolean; cloid?: string } = {},
): OrderRequest {
  const base = { asset, isBuy, price, size, reduceOnly: extra.reduceOnly ?? false, kind: { limit: { tif } } };
  return extra.cloid === undefined ? base : { ...base, cloid: extra.cloid };
}

/** A trigger order request. */
export function trigger(
  asset: number,
  isBuy: boolean,
  price: string,
  size: string,
  triggerPrice: string,
  tpsl: "tp" | "sl",
  isMarket = true,
  reduceOnly = true,
): OrderRequest {
  return { asset, isBuy, price, size, reduceOnly, kind: { trigger: { isMarket, triggerPrice, tpsl } } };
}

/** An engine plus a monotonic clock for tests. Alice, Bob and Carol start with $1,000,000 each unless told. */
export class Harness {
  readonly engine: Engine;
  time = T0;
  readonly log: Event[] = [];

  constructor(options: Parameters<typeof Engine.create>[0] = {}, funded: readonly string[] = [ALICE, BOB, CAROL]) {
    this.engine = Engine.create(options);
    for (const user of funded) this.deposit(user, 1_000_000);
  }

  /** Deposits whole dollars. */
  deposit(user: string, dollars: number): Event[] {
    return this.run({ type: "deposit", time: ++this.time, user, usd: dollars * 1_000_000 });
  }

  send(user: string, destination: string, amount: string): Event[] {
    return this.run({ type: "usdSend", time: ++this.time, user, destination, amount });
  }

  withdraw(user: string, amount: string): Event[] {
    return this.run({ type: "withdraw", time: ++this.time, user, destination: user, amount, nonce: this.time });
  }

  leverage(user: string, asset: number, isCross: boolean, leverage: number): Event[] {
    return this.run({ type: "updateLeverage", time: ++this.time, user, asset, isCross, leverage });
  }

  isolatedMargin(user: string, asset: number, ntli: number): Event[] {
    return this.run({ type: "updateIsolatedMargin", time: ++this.time, user, asset, ntli });
  }

  payFunding(): Event[] {
    return this.run({ type: "payFunding", time: ++this.time });
  }

  run(cmd: Parameters<Engine["apply"]>[0]): Event[] {
    const events = this.engine.apply(cmd);
    this.engine.checkInvariants();
    this.log.push(...events);
    return events;
  }

  order(user: string, orders: OrderRequest[], grouping: "na" | "normalTpsl" | "positionTpsl" = "na"): Event[] {
    return this.run({ type: "order", time: ++this.time, user, orders, grouping });
  }

  cancel(user: string, asset: number, oid: number): Event[] {
    return this.run({ type: "cancel", time: ++this.time, user, cancels: [{ asset, oid }] });
  }

  cancelByCloid(user: string, asset: number, cloid: string): Event[] {
    return this.run({ type: "cancelByCloid", time: ++this.time, user, cancels: [{ asset, cloid }] });
  }

  modify(user: string, ref: { oid: number } | { cloid: string }, order: OrderRequest, alwaysPlace = false): Event[] {
    return this.run({ type: "batchModify", time: ++this.time, user, modifies: [{ ref, order }], alwaysPlace });
  }

  schedule(user: string, at?: number): Event[] {
    return this.run(
      at === undefined
        ? { type: "scheduleCancel", time: ++this.time, user }
        : { type: "scheduleCancel", time: ++this.time, user, at },
    );
  }

  oracle(asset: number, price: string): Event[] {
    return this.run({ type: "setOracle", time: ++this.time, prices: [{ asset, price }] });
  }

  tick(to: number): Event[] {
    this.time = to;
    return this.run({ type: "tick", time: to });
  }

  position(user: string, asset: number): number {
    return this.engine.state.accounts.get(user)?.position(asset) ?? 0;
  }
}

/** The reply of a command's events. */
export function replyOf(events: Event[]): Reply {
  const last = events[events.length - 1];
  if (last?.type !== "reply") throw new Error("no reply event");
  return last.reply;
}

/** The order statuses of a reply. */
export function statusesOf(events: Event[]): readonly OrderResult[] {
  const reply = replyOf(events);
  if (reply.kind !== "order") throw new Error(`reply is ${reply.kind}, not order`);
  return reply.statuses;
}

/** The oid of a resting or filled order result. */
export function oidOf(result: OrderResult | undefined): number {
  if (typeof result === "object" && "resting" in result) return result.resting.oid;
  if (typeof result === "object" && "filled" in result) return result.filled.oid;
  throw new Error(`no oid in ${JSON.stringify(result)}`);
}

/** Order status names of the events, as `status:oid`. */
export function statusTrail(events: Event[]): string[] {
  return events.flatMap((e) => (e.type === "orderStatus" ? [`${e.status}:${e.order.oid}`] : []));
}
