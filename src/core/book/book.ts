/**
 * @module core/book/book
 * One asset's L3 order book. Each side keeps its price levels in an array sorted from worst to best, so the best
 * level is the last element (matching pops it in O(1)), plus a price → level map for O(1) lookup. A level is an
 * intrusive doubly-linked FIFO of orders with its total size and order count, so a cancel by oid unlinks in O(1)
 * without scanning the level. Pure data structure: it neither validates nor emits events.
 */

import type { Tif } from "../command.ts";
import type { TriggerView } from "../event.ts";
import type { Address, Cloid, Oid } from "../ids.ts";

/** A resting order. Mutable: `size` shrinks as it fills. Links are owned by the book. */
export interface BookOrder {
  readonly oid: Oid;
  readonly user: Address;
  readonly isBuy: boolean;
  /** Limit price in tick units. */
  readonly price: number;
  /** Remaining size in lots. */
  size: number;
  readonly origSize: number;
  /** Placement time (ms). */
  readonly timestamp: number;
  readonly cloid: Cloid | undefined;
  readonly reduceOnly: boolean;
  readonly tif: Tif;
  /** Set when this order came from a trigger that fired. */
  readonly trigger: TriggerView | undefined;
  readonly isPositionTpsl: boolean;
  /** normalTpsl children waiting for this parent to fill completely. */
  childOids: Oid[] | undefined;
  /** The other leg of a TP/SL pair: canceled when this order first fills. */
  siblingOid: Oid | undefined;
  prev: BookOrder | undefined;
  next: BookOrder | undefined;
  level: Level | undefined;
}

/** A price level: FIFO of orders at one price. */
export class Level {
  head: BookOrder | undefined = undefined;
  tail: BookOrder | undefined = undefined;
  /** Sum of remaining sizes (lots). */
  total = 0;
  /** Number of orders (the `n` of l2Book). */
  count = 0;
  constructor(readonly price: number) {}

  /** The orders from first to last in time priority. */
  *orders(): IterableIterator<BookOrder> {
    for (let o = this.head; o !== undefined; o = o.next) yield o;
  }
}

/** One side of a book. Levels sorted worst → best; `best()` is the last. */
export class BookSide {
  readonly levels: Level[] = [];
  private readonly byPrice = new Map<number, Level>();

  constructor(readonly isBuy: boolean) {}

  /** The best level, or undefined when the side is empty. */
  best(): Level | undefined {
    return this.levels[this.levels.length - 1];
  }

  /** The level at a price, or undefined. */
  level(price: number): Level | undefined {
    return this.byPrice.get(price);
  }

  /** Levels from best to worst. */
  *bestFirst(): IterableIterator<Level> {
    for (let i = this.levels.length - 1; i >= 0; i--) yield this.levels[i] as Level;
  }

  /** Appends an order at the tail of its level, creating the level if needed. */
  push(order: BookOrder): void {
    let level = this.byPrice.get(order.price);
    if (level === undefined) level = this.insertLevel(order.price);
    order.level = level;
    order.prev = level.tail;
    order.next = undefined;
    if (level.tail === undefined) level.head = order;
    else level.tail.next = order;
    level.tail = order;
    level.total += order.size;
    level.count++;
  }

  /** Unlinks an order from its level in O(1); drops the level when it empties. */
  unlink(order: BookOrder): void {
    const level = order.level;
    if (level === undefined) return;
    if (order.prev === undefined) level.head = order.next;
    else order.prev.next = order.next;
    if (order.next === undefined) level.tail = order.prev;
    else order.next.prev = order.prev;
    level.total -= order.size;
    level.count--;
    order.prev = undefined;
    order.next = undefined;
    order.level = undefined;
    if (level.count === 0) this.removeLevel(level);
  }

  /** Rank of a price on this side: higher is better. */
  private rank(price: number): number {
    return this.isBuy ? price : -price;
  }

  private insertLevel(price: number): Level {
    const level = new Level(price);
    this.byPrice.set(price, level);
    const levels = this.levels;
    const r = this.rank(price);
    // Common case: a new best level (or the first one).
    const last = levels[levels.length - 1];
    if (last === undefined || this.rank(last.price) < r) {
      levels.push(level);
      return level;
    }
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rank((levels[mid] as Level).price) < r) lo = mid + 1;
      else hi = mid;
    }
    levels.splice(lo, 0, level);
    return level;
  }

  private removeLevel(level: Level): void {
    this.byPrice.delete(level.price);
    const levels = this.levels;
    if (levels[levels.length - 1] === level) {
      levels.pop();
      return;
    }
    const r = this.rank(level.price);
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rank((levels[mid] as Level).price) < r) lo = mid + 1;
      else hi = mid;
    }
    if (levels[lo] !== level) throw new Error(`book: level ${level.price} missing from its side`);
    levels.splice(lo, 1);
  }
}

/** One asset's book: both sides and the oid index of its resting orders. */
export class Book {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  private readonly byOid = new Map<Oid, BookOrder>();

  /** The side an order of this direction rests on. */
  side(isBuy: boolean): BookSide {
    return isBuy ? this.bids : this.asks;
  }

  /** Number of resting orders. */
  get size(): number {
    return this.byOid.size;
  }

  /** A resting order by oid. */
  get(oid: Oid): BookOrder | undefined {
    return this.byOid.get(oid);
  }

  /** Adds an order at the back of its price level. The caller guarantees it does not cross. */
  add(order: BookOrder): void {
    if (this.byOid.has(order.oid)) throw new Error(`book: duplicate oid ${order.oid}`);
    this.byOid.set(order.oid, order);
    this.side(order.isBuy).push(order);
  }

  /** Removes a resting order in O(1). Returns it, or undefined when the oid is not resting here. */
  remove(oid: Oid): BookOrder | undefined {
    const order = this.byOid.get(oid);
    if (order === undefined) return undefined;
    this.byOid.delete(oid);
    this.side(order.isBuy).unlink(order);
    return order;
  }

  /** Reduces a resting order's size after a partial fill, keeping its level total true. */
  reduce(order: BookOrder, by: number): void {
    order.size -= by;
    if (order.level !== undefined) order.level.total -= by;
  }

  /** Best bid price, or undefined. */
  bestBid(): number | undefined {
    return this.bids.best()?.price;
  }

  /** Best ask price, or undefined. */
  bestAsk(): number | undefined {
    return this.asks.best()?.price;
  }

  /** Whether an order of this side and price would match at once. */
  wouldCross(isBuy: boolean, price: number): boolean {
    if (isBuy) {
      const ask = this.bestAsk();
      return ask !== undefined && ask <= price;
    }
    const bid = this.bestBid();
    return bid !== undefined && bid >= price;
  }

  /** All resting orders: bids best-first in FIFO order, then asks best-first. */
  *orders(): IterableIterator<BookOrder> {
    for (const side of [this.bids, this.asks]) {
      for (const level of side.bestFirst()) yield* level.orders();
    }
  }

  /** A readable dump for tests: one line per level, `B 100.0 x3 [oid:size, ...]`. */
  toString(format: (price: number) => string = String): string {
    const lines: string[] = [];
    for (const level of [...this.asks.bestFirst()].reverse()) lines.push(dumpLevel("A", level, format));
    lines.push("---");
    for (const level of this.bids.bestFirst()) lines.push(dumpLevel("B", level, format));
    return lines.join("\n");
  }
}

function dumpLevel(tag: string, level: Level, format: (price: number) => string): string {
  const orders = [...level.orders()].map((o) => `${o.oid}:${o.size}`).join(" ");
  return `${tag} ${format(level.price)} total=${level.total} n=${level.count} [${orders}]`;
}
