/**
 * @module core/book/book
 * One asset's L3 order book. Each side keeps its price levels in an array sorted from worst to best, so the best
 * level is the last element (matching pops it in O(1)), plus a price → level map for O(1) lookup. A level is an
 * intrusive doubly-linked FIFO of orders with its total size and order count, so a cancel by oid unlinks in O(1)
 * without scanning the level. A level that empties stays in place (count 0) until it reaches the top, is reused by
 * the next order at its price, or is swept out when empty levels outnumber live ones: most cancels and moves then
 * cost no array splice. Pure data structure: it neither validates nor emits events.
 */

import type { Tif } from "../command.ts";
import type { TriggerView } from "../event.ts";
import type { Address, AssetId, Cloid, Oid } from "../ids.ts";
import type { Account } from "../clearinghouse/account.ts";

/** A resting order. Mutable: `size` shrinks as it fills. Links are owned by the book. */
export interface BookOrder {
  readonly oid: Oid;
  /** The asset whose book it rests on. */
  readonly asset: AssetId;
  readonly user: Address;
  readonly isBuy: boolean;
  /** Limit price in tick units. */
  readonly price: number;
  /** Remaining size in lots. */
  size: number;
  readonly origSize: number;
  /** Placement time (ms). */
  readonly timestamp: number;
  /**
   * When the order entered the book, as a counter: time priority across levels. Not the oid, because a fired trigger
   * keeps its older oid but enters the book when it fires.
   */
  seq: number;
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
  /** The owner's account, cached by the engine on first use (saves a map lookup per fill, rest and cancel). */
  account: Account | undefined;
}

/** What a new book order needs; the rest defaults to a plain Gtc order outside any TP/SL group. */
export interface NewBookOrder {
  readonly oid: Oid;
  /** Defaults to 0 (a standalone book). */
  readonly asset?: AssetId;
  readonly user: Address;
  readonly isBuy: boolean;
  readonly price: number;
  readonly size: number;
  readonly timestamp?: number;
  readonly cloid?: Cloid | undefined;
  readonly reduceOnly?: boolean;
  readonly tif?: Tif;
  readonly trigger?: TriggerView | undefined;
  readonly isPositionTpsl?: boolean;
  readonly siblingOid?: Oid | undefined;
}

/** A book order, not yet on any book, with every field in the same order (one hidden class for all orders). */
export function bookOrder(o: NewBookOrder): BookOrder {
  return {
    oid: o.oid,
    asset: o.asset ?? 0,
    user: o.user,
    isBuy: o.isBuy,
    price: o.price,
    size: o.size,
    origSize: o.size,
    timestamp: o.timestamp ?? 0,
    seq: 0,
    cloid: o.cloid,
    reduceOnly: o.reduceOnly ?? false,
    tif: o.tif ?? "Gtc",
    trigger: o.trigger,
    isPositionTpsl: o.isPositionTpsl ?? false,
    childOids: undefined,
    siblingOid: o.siblingOid,
    prev: undefined,
    next: undefined,
    level: undefined,
    account: undefined,
  };
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

/** One side of a book. Levels sorted worst → best; `best()` is the last non-empty one. */
export class BookSide {
  /** Levels sorted worst → best. May hold empty levels (count 0) that have not been swept yet. */
  private readonly sorted: Level[] = [];
  private readonly byPrice = new Map<number, Level>();
  /** Empty levels still in `sorted`. */
  private empty = 0;

  constructor(readonly isBuy: boolean) {}

  /** The best level, or undefined when the side is empty. Drops empty levels off the top. */
  best(): Level | undefined {
    const sorted = this.sorted;
    let top = sorted[sorted.length - 1];
    while (top !== undefined && top.count === 0) {
      sorted.pop();
      this.byPrice.delete(top.price);
      this.empty--;
      top = sorted[sorted.length - 1];
    }
    return top;
  }

  /** The non-empty level at a price, or undefined. */
  level(price: number): Level | undefined {
    const level = this.byPrice.get(price);
    return level === undefined || level.count === 0 ? undefined : level;
  }

  /** Number of non-empty levels. */
  get depth(): number {
    return this.sorted.length - this.empty;
  }

  /** Non-empty levels from best to worst. */
  *bestFirst(): IterableIterator<Level> {
    const sorted = this.sorted;
    for (let i = sorted.length - 1; i >= 0; i--) {
      const level = sorted[i] as Level;
      if (level.count > 0) yield level;
    }
  }

  /** Appends an order at the tail of its level, creating the level (or reviving an empty one) if needed. */
  push(order: BookOrder): void {
    let level = this.byPrice.get(order.price);
    if (level === undefined) level = this.insertLevel(order.price);
    else if (level.count === 0) this.empty--;
    order.level = level;
    order.prev = level.tail;
    order.next = undefined;
    if (level.tail === undefined) level.head = order;
    else level.tail.next = order;
    level.tail = order;
    level.total += order.size;
    level.count++;
  }

  /** Unlinks an order from its level in O(1); an emptied level is left for later. */
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
    if (level.count === 0) {
      this.empty++;
      if (this.empty > 64 && this.empty > this.sorted.length - this.empty) this.sweep();
    }
  }

  /** Rank of a price on this side: higher is better. */
  private rank(price: number): number {
    return this.isBuy ? price : -price;
  }

  private insertLevel(price: number): Level {
    const level = new Level(price);
    this.byPrice.set(price, level);
    const sorted = this.sorted;
    const r = this.rank(price);
    // Common case: a new best level (or the first one).
    const last = sorted[sorted.length - 1];
    if (last === undefined || this.rank(last.price) < r) {
      sorted.push(level);
      return level;
    }
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rank((sorted[mid] as Level).price) < r) lo = mid + 1;
      else hi = mid;
    }
    sorted.splice(lo, 0, level);
    return level;
  }

  /** Removes every empty level in one pass. */
  private sweep(): void {
    const sorted = this.sorted;
    let w = 0;
    for (let i = 0; i < sorted.length; i++) {
      const level = sorted[i] as Level;
      if (level.count > 0) sorted[w++] = level;
      else this.byPrice.delete(level.price);
    }
    sorted.length = w;
    this.empty = 0;
  }
}

/**
 * One asset's book: both sides, and an oid index of resting orders. The engine gives all its books one shared index
 * (oids are unique across assets), so that finding an order's asset by oid costs no second map; a standalone book
 * has its own.
 */
export class Book {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  private count = 0;

  constructor(
    readonly asset: AssetId = 0,
    private readonly index: Map<Oid, BookOrder> = new Map(),
  ) {}

  /** The side an order of this direction rests on. */
  side(isBuy: boolean): BookSide {
    return isBuy ? this.bids : this.asks;
  }

  /** Number of resting orders. */
  get size(): number {
    return this.count;
  }

  /** A resting order of this book by oid. */
  get(oid: Oid): BookOrder | undefined {
    const order = this.index.get(oid);
    return order !== undefined && order.asset === this.asset ? order : undefined;
  }

  /** Adds an order at the back of its price level. The caller guarantees it does not cross. */
  add(order: BookOrder): void {
    if (order.asset !== this.asset) throw new Error(`book ${this.asset}: order ${order.oid} is for ${order.asset}`);
    const before = this.index.size;
    this.index.set(order.oid, order);
    if (this.index.size === before) throw new Error(`book: duplicate oid ${order.oid}`);
    this.count++;
    this.side(order.isBuy).push(order);
  }

  /** Removes a resting order in O(1). Returns it, or undefined when the oid is not resting here. */
  remove(oid: Oid): BookOrder | undefined {
    const order = this.get(oid);
    if (order !== undefined) this.detach(order);
    return order;
  }

  /** Removes an order known to rest on this book (no lookup). */
  detach(order: BookOrder): void {
    this.index.delete(order.oid);
    this.count--;
    this.side(order.isBuy).unlink(order);
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
