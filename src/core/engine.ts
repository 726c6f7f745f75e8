/**
 * @module core/engine
 * The engine: `apply(command) → events` is the only way its state changes. Deterministic: the same commands from the
 * same state always give the same events and the same state hash. Time comes only from commands. A throw is a bug,
 * and the caller must stop rather than go on with a half-applied command.
 */

import type { Command } from "./command.ts";
import type { Event, Reply } from "./event.ts";
import { FIRST_OID, FIRST_TID } from "./ids.ts";
import { type Book, type BookOrder, Level } from "./book/book.ts";
import { depth, type DepthLevel, type DepthOptions } from "./book/depth.ts";
import {
  type Ctx,
  cancelOrders,
  cancelOrdersByCloid,
  fireSchedules,
  fireTriggers,
  modifyOrders,
  placeOrders,
  scheduleCancel,
} from "./book/orders.ts";
import { markFromOracle, parseOraclePrice } from "./markets/prices.ts";
import { DEFAULT_PERPS, type MarketConfig, Universe } from "./markets/universe.ts";
import {
  cloidKey,
  type EngineSnapshot,
  type EngineState,
  emptyState,
  fromSnapshot,
  stateHash,
  toSnapshot,
} from "./state.ts";

/** Options of a new engine. */
export interface EngineOptions {
  readonly markets?: readonly MarketConfig[];
}

export class Engine {
  private constructor(private readonly s: EngineState) {}

  /** A new, empty engine over a universe (Hyperliquid's default perps unless given). */
  static create(options: EngineOptions = {}): Engine {
    return new Engine(emptyState(new Universe(options.markets ?? DEFAULT_PERPS), FIRST_OID, FIRST_TID));
  }

  /** An engine restored from a snapshot. */
  static fromSnapshot(snapshot: EngineSnapshot): Engine {
    return new Engine(fromSnapshot(snapshot));
  }

  /** Read-only access to the state, for queries between commands. Never mutate through it. */
  get state(): Readonly<EngineState> {
    return this.s;
  }

  /**
   * Applies one command and returns what happened. Each user command ends with exactly one `reply` event.
   * Throws only on a bug or a malformed system command (time going backwards, an invalid oracle price).
   */
  apply(cmd: Command): Event[] {
    const s = this.s;
    if (!Number.isSafeInteger(cmd.time) || cmd.time < s.time) {
      throw new Error(`engine: command time ${cmd.time} is before the engine's time ${s.time}`);
    }
    s.time = cmd.time;
    const out: Event[] = [];
    const ctx: Ctx = { s, out, time: cmd.time };
    fireSchedules(ctx);
    const reply = (r: Reply) => out.push({ type: "reply", reply: r });
    switch (cmd.type) {
      case "order":
        if (cmd.orders.length === 0) reply({ kind: "error", reject: { code: "emptyBatch" } });
        else reply({ kind: "order", statuses: placeOrders(ctx, cmd.user, cmd.orders, cmd.grouping) });
        break;
      case "cancel":
        reply({ kind: "cancel", statuses: cancelOrders(ctx, cmd.user, cmd.cancels) });
        break;
      case "cancelByCloid":
        reply({ kind: "cancel", statuses: cancelOrdersByCloid(ctx, cmd.user, cmd.cancels) });
        break;
      case "batchModify":
        reply({ kind: "order", statuses: modifyOrders(ctx, cmd.user, cmd.modifies, cmd.alwaysPlace) });
        break;
      case "scheduleCancel": {
        const reject = scheduleCancel(ctx, cmd.user, cmd.at);
        reply(reject === undefined ? { kind: "default" } : { kind: "error", reject });
        break;
      }
      case "setOracle":
        for (const { asset, price } of cmd.prices) {
          const market = s.universe.get(asset);
          if (market === undefined) throw new Error(`setOracle: unknown asset ${asset}`);
          const mark = markFromOracle(parseOraclePrice(market, price));
          s.marks[asset] = mark;
          out.push({ type: "markPrice", time: cmd.time, asset, price: mark });
          fireTriggers(ctx, asset, mark);
        }
        break;
      case "tick":
        break;
      default:
        throw new Error(`engine: unknown command ${JSON.stringify(cmd satisfies never)}`);
    }
    return out;
  }

  /** The l2Book levels of an asset, or undefined for an unknown asset. */
  depth(asset: number, options: DepthOptions = {}): [DepthLevel[], DepthLevel[]] | undefined {
    const book = this.s.books[asset];
    return book === undefined ? undefined : depth(book, options);
  }

  /** The whole state as a plain snapshot. */
  toSnapshot(): EngineSnapshot {
    return toSnapshot(this.s);
  }

  /** The state hash (checksum of the canonical snapshot). */
  stateHash(): string {
    return stateHash(this.s);
  }

  /**
   * Checks every structural invariant and throws on the first broken one. For tests and paranoid mode:
   * books never crossed; level totals, counts and links true; indexes match the orders; positions net to zero.
   */
  checkInvariants(): void {
    const s = this.s;
    let live = 0;
    s.books.forEach((book, asset) => {
      checkBook(book, asset);
      const bid = book.bestBid();
      const ask = book.bestAsk();
      if (bid !== undefined && ask !== undefined && bid >= ask) {
        throw new Error(`invariant: book ${asset} crossed (${bid} >= ${ask})`);
      }
      for (const o of book.orders()) {
        live++;
        if (s.userOrders.get(o.user)?.get(o.oid) !== asset) throw new Error(`invariant: oid ${o.oid} not indexed`);
        if (o.cloid !== undefined && s.cloids.get(cloidKey(o.user, o.cloid)) !== o.oid) {
          throw new Error(`invariant: cloid of ${o.oid} not indexed`);
        }
        if (o.size <= 0 || o.size > o.origSize) throw new Error(`invariant: oid ${o.oid} has size ${o.size}`);
      }
    });
    s.triggers.forEach((map, asset) => {
      for (const t of map.values()) {
        live++;
        if (s.userOrders.get(t.user)?.get(t.oid) !== asset) throw new Error(`invariant: trigger ${t.oid} not indexed`);
      }
    });
    let indexed = 0;
    for (const mine of s.userOrders.values()) indexed += mine.size;
    if (indexed !== live) throw new Error(`invariant: ${indexed} indexed orders, ${live} live`);
    const net = new Map<number, number>();
    for (const account of s.accounts.values()) {
      let ro = 0;
      for (const [asset, size] of account.positions) net.set(asset, (net.get(asset) ?? 0) + size);
      for (const [oid, asset] of s.userOrders.get(account.address) ?? []) {
        if (s.books[asset]?.get(oid)?.reduceOnly === true) ro++;
      }
      if (ro !== account.reduceOnlyResting) throw new Error(`invariant: reduce-only count of ${account.address}`);
    }
    for (const [asset, total] of net) if (total !== 0) throw new Error(`invariant: positions of ${asset} net ${total}`);
  }
}

function checkBook(book: Book, asset: number): void {
  let count = 0;
  for (const side of [book.bids, book.asks]) {
    let prev: number | undefined;
    for (const level of side.bestFirst()) {
      if (!(level instanceof Level)) throw new Error("invariant: bad level");
      if (prev !== undefined && (side.isBuy ? level.price >= prev : level.price <= prev)) {
        throw new Error(`invariant: book ${asset} levels out of order`);
      }
      prev = level.price;
      let total = 0;
      let n = 0;
      let last: BookOrder | undefined;
      for (const o of level.orders()) {
        if (o.prev !== last || o.level !== level || o.price !== level.price || o.isBuy !== side.isBuy) {
          throw new Error(`invariant: oid ${o.oid} badly linked`);
        }
        if (last !== undefined && last.seq >= o.seq) throw new Error(`invariant: FIFO broken at ${o.oid}`);
        total += o.size;
        n++;
        last = o;
      }
      if (level.tail !== last || total !== level.total || n !== level.count || n === 0) {
        throw new Error(`invariant: level ${level.price} of book ${asset} totals`);
      }
      count += n;
    }
  }
  if (count !== book.size) throw new Error(`invariant: book ${asset} has ${book.size} indexed, ${count} linked`);
}
