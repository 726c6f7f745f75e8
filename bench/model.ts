/**
 * @module bench/model
 * The generators' own naive order book: price-time matching with Hyperliquid's self-trade rule (expire the maker), so
 * a generator knows which orders still rest and can aim cancels and moves at them. Written independently of
 * src/core on purpose: it is a third opinion on the final state, not a copy of the code under test.
 */

import type { Rng } from "./rng.ts";

/** The set of live order ids, with O(1) add, remove and uniform random pick. */
export class LiveSet {
  private readonly ids: number[] = [];
  private readonly pos: Int32Array;

  constructor(capacity: number) {
    this.pos = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: number): boolean {
    return (this.pos[id] ?? -1) >= 0;
  }

  add(id: number): void {
    this.pos[id] = this.ids.length;
    this.ids.push(id);
  }

  delete(id: number): void {
    const at = this.pos[id] ?? -1;
    if (at < 0) return;
    const last = this.ids.pop() as number;
    if (last !== id) {
      this.ids[at] = last;
      this.pos[last] = at;
    }
    this.pos[id] = -1;
  }

  pick(rng: Rng): number {
    return this.ids[Math.floor(rng.next() * this.ids.length)] as number;
  }
}

/** One side: price → FIFO of ids, and the prices sorted worst → best (best last). */
class Side {
  readonly queues = new Map<number, number[]>();
  readonly prices: number[] = [];

  constructor(readonly isBuy: boolean) {}

  best(): number | undefined {
    return this.prices[this.prices.length - 1];
  }

  /** Index of `price` in `prices`, or where it would be inserted (prices are sorted worst → best). */
  private indexOf(price: number): number {
    const key = this.isBuy ? price : -price;
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = this.prices[mid] as number;
      if ((this.isBuy ? p : -p) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  push(price: number, id: number): void {
    const q = this.queues.get(price);
    if (q !== undefined) {
      q.push(id);
      return;
    }
    this.queues.set(price, [id]);
    this.prices.splice(this.indexOf(price), 0, price);
  }

  drop(price: number, id: number): void {
    const q = this.queues.get(price);
    if (q === undefined) return;
    const at = q.indexOf(id);
    if (at >= 0) q.splice(at, 1);
    if (q.length > 0) return;
    this.queues.delete(price);
    this.prices.splice(this.indexOf(price), 1);
  }
}

/** A naive L3 book over order ids 0..capacity-1. */
export class Model {
  readonly live: LiveSet;
  readonly price: Int32Array;
  readonly size: Int32Array;
  readonly user: Int32Array;
  readonly isBuy: Uint8Array;
  private readonly sides = [new Side(false), new Side(true)] as const;
  /** Total size traded (lots), number of trades, and makers canceled by self-trade prevention. */
  filled = 0;
  trades = 0;
  selfTrades = 0;

  constructor(capacity: number) {
    this.live = new LiveSet(capacity);
    this.price = new Int32Array(capacity);
    this.size = new Int32Array(capacity);
    this.user = new Int32Array(capacity);
    this.isBuy = new Uint8Array(capacity);
  }

  /** Best price of a side, or undefined when it is empty. */
  best(isBuy: boolean): number | undefined {
    return this.sides[isBuy ? 1 : 0].best();
  }

  /** Number of occupied price levels, both sides. */
  levels(): number {
    return this.sides[0].prices.length + this.sides[1].prices.length;
  }

  /** Matches a new order, then rests what is left when `rest`. */
  place(id: number, user: number, isBuy: boolean, price: number, size: number, rest: boolean): void {
    const opposite = this.sides[isBuy ? 0 : 1];
    let left = size;
    while (left > 0) {
      const best = opposite.best();
      if (best === undefined || (isBuy ? best > price : best < price)) break;
      const maker = (opposite.queues.get(best) as number[])[0] as number;
      if (this.user[maker] === user) {
        this.cancel(maker);
        this.selfTrades++;
        continue;
      }
      const makerSize = this.size[maker] as number;
      const fill = makerSize < left ? makerSize : left;
      left -= fill;
      this.filled += fill;
      this.trades++;
      if (fill === makerSize) this.cancel(maker);
      else this.size[maker] = makerSize - fill;
    }
    if (left === 0 || !rest) return;
    this.price[id] = price;
    this.size[id] = left;
    this.user[id] = user;
    this.isBuy[id] = isBuy ? 1 : 0;
    this.live.add(id);
    this.sides[isBuy ? 1 : 0].push(price, id);
  }

  /** Removes a resting order; false when it is not resting. */
  cancel(id: number): boolean {
    if (!this.live.has(id)) return false;
    this.live.delete(id);
    this.sides[this.isBuy[id] === 1 ? 1 : 0].drop(this.price[id] as number, id);
    return true;
  }

  /** Sum of the remaining sizes of resting orders. */
  restingSize(): number {
    let total = 0;
    for (const side of this.sides)
      for (const q of side.queues.values()) for (const id of q) total += this.size[id] ?? 0;
    return total;
  }
}
