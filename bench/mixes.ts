/**
 * @module bench/mixes
 * The two benchmark workloads as deterministic, pre-generated operation streams (struct of typed arrays). Mix 1 follows
 * exchange-core's "Mix 1" (9% GTC, 3% IOC, 6% cancel, 82% move over ~1,000 resting orders on ~750 levels, 1,000
 * accounts): passive prices are drawn around a fixed mid, densest at the touch; IOCs, a share of GTCs (more when the
 * book is above its target size) and 1% of moves price through the opposite best, so they trade. Mix 2 keeps
 * ~100,000 orders on one price level, cancelling random ones while adding new ones.
 */

import { LiveSet, Model } from "./model.ts";
import { Rng } from "./rng.ts";

/** Operation kinds. A move is a cancel-replace: the order `ref` leaves and order `id` is placed at a new price. */
export const GTC = 0;
export const IOC = 1;
export const CANCEL = 2;
export const MOVE = 3;
export const OP_NAMES = ["gtc", "ioc", "cancel", "move"] as const;
export type OpName = (typeof OP_NAMES)[number];

/** BTC (asset 0) prices are in units of 0.1 USD; the streams use whole dollars around 100,000 USD. */
export const MID = 1_000_000;
export const TICK = 10;
/** Sizes are in lots of 0.00001 BTC: 20..300 lots is $20..$300, above Hyperliquid's $10 minimum at any price used. */
const MIN_SIZE = 20;
const MAX_SIZE = 300;
/** IOC orders are smaller than resting ones, so that they mostly nibble at the best level. */
const MAX_IOC_SIZE = 100;

/** What the generator's model says the book looks like at the end of the stream. */
export interface Expect {
  readonly resting: number;
  readonly restingSize: number;
  readonly filled: number;
  readonly trades: number;
  readonly selfTrades: number;
  readonly levels: number;
}

/** A stream. Op i is (kind[i], id[i], ref[i], user[i], isBuy[i], price[i], size[i]); ops [0, prefill) build the book. */
export interface Stream {
  readonly mix: 1 | 2;
  readonly accounts: number;
  readonly prefill: number;
  readonly length: number;
  /** Order ids used: 0..orders-1. Each GTC, IOC and move allocates the next id; -1 when unused. */
  readonly orders: number;
  readonly kind: Uint8Array;
  readonly id: Int32Array;
  readonly ref: Int32Array;
  readonly user: Int32Array;
  readonly isBuy: Uint8Array;
  /** Price units (0.1 USD). */
  readonly price: Int32Array;
  /** Lots (0.00001 BTC). */
  readonly size: Int32Array;
  /** Resting orders and levels right after the prefill. */
  readonly start: { readonly resting: number; readonly levels: number };
  /** Fewest and most resting orders seen during the timed part. */
  readonly range: { readonly min: number; readonly max: number };
  readonly expect: Expect;
}

/** Appends operations to typed arrays sized up front. */
class Builder {
  n = 0;
  orders = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = 0;
  readonly kind: Uint8Array;
  readonly id: Int32Array;
  readonly ref: Int32Array;
  readonly user: Int32Array;
  readonly isBuy: Uint8Array;
  readonly price: Int32Array;
  readonly size: Int32Array;

  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.id = new Int32Array(capacity);
    this.ref = new Int32Array(capacity);
    this.user = new Int32Array(capacity);
    this.isBuy = new Uint8Array(capacity);
    this.price = new Int32Array(capacity);
    this.size = new Int32Array(capacity);
  }

  /** Records an op; returns the new order's id (or -1 for a cancel). */
  push(kind: number, ref: number, user: number, isBuy: boolean, price: number, size: number): number {
    const i = this.n++;
    const id = kind === CANCEL ? -1 : this.orders++;
    this.kind[i] = kind;
    this.id[i] = id;
    this.ref[i] = ref;
    this.user[i] = user;
    this.isBuy[i] = isBuy ? 1 : 0;
    this.price[i] = price;
    this.size[i] = size;
    return id;
  }

  /** Tracks the resting count seen during the timed part. */
  see(resting: number): void {
    if (resting < this.min) this.min = resting;
    if (resting > this.max) this.max = resting;
  }

  build(mix: 1 | 2, accounts: number, prefill: number, start: Stream["start"], expect: Expect): Stream {
    const range = { min: Math.min(this.min, this.max), max: this.max };
    return { mix, accounts, prefill, length: this.n, orders: this.orders, ...this.fields(), start, range, expect };
  }

  private fields() {
    const { kind, id, ref, user, isBuy, price, size } = this;
    const n = this.n;
    return {
      kind: kind.subarray(0, n),
      id: id.subarray(0, n),
      ref: ref.subarray(0, n),
      user: user.subarray(0, n),
      isBuy: isBuy.subarray(0, n),
      price: price.subarray(0, n),
      size: size.subarray(0, n),
    };
  }
}

/** Options of mix 1. */
export interface Mix1Options {
  readonly seed: number;
  /** Timed operations after the prefill. */
  readonly ops: number;
  readonly accounts?: number;
  /** Resting orders to keep. */
  readonly target?: number;
}

/** Mix 1's operation proportions (cumulative thresholds in order GTC, IOC, cancel; the rest are moves). */
export const MIX1_SHARES = { gtc: 0.09, ioc: 0.03, cancel: 0.06, move: 0.82 } as const;
/** Passive prices sit 1 + floor(DEPTH_LEVELS · u^DEPTH_SHAPE) levels from the mid: dense near the touch. */
const DEPTH_LEVELS = 1500;
const DEPTH_SHAPE = 2;
/** Share of moves that reprice through the opposite best (an aggressive requote). */
const MOVE_CROSS = 0.01;

/** Generates mix 1. */
export function mix1(options: Mix1Options): Stream {
  const accounts = options.accounts ?? 1000;
  const target = options.target ?? 1000;
  const rng = new Rng(options.seed);
  const total = target + options.ops;
  const b = new Builder(total);
  const model = new Model(total);
  const orig = new Int32Array(total);
  const passive = (isBuy: boolean): number => {
    const levels = 1 + Math.floor(DEPTH_LEVELS * rng.next() ** DEPTH_SHAPE);
    return isBuy ? MID - levels * TICK : MID + levels * TICK;
  };
  const aggressive = (isBuy: boolean): number => {
    const best = model.best(!isBuy);
    if (best === undefined) return passive(isBuy);
    const through = rng.int(0, 2) * TICK;
    return isBuy ? best + through : best - through;
  };
  const place = (kind: number, ref: number, user: number, isBuy: boolean, price: number, size: number) => {
    const id = b.push(kind, ref, user, isBuy, price, size);
    orig[id] = size;
    model.place(id, user, isBuy, price, size, kind !== IOC);
  };
  const fresh = (kind: number, price: (isBuy: boolean) => number) => {
    const isBuy = rng.chance(0.5);
    const size = rng.int(MIN_SIZE, kind === IOC ? MAX_IOC_SIZE : MAX_SIZE);
    place(kind, -1, rng.int(0, accounts - 1), isBuy, price(isBuy), size);
  };

  while (model.live.size < target) fresh(GTC, passive);
  const prefill = b.n;
  const start = { resting: model.live.size, levels: model.levels() };

  for (let k = 0; k < options.ops; k++) {
    const r = rng.next();
    const count = model.live.size;
    b.see(count);
    if (r < MIX1_SHARES.gtc || count === 0) {
      // Feedback keeps the book near its target size: a fuller book gets more aggressive GTC orders.
      const pAggressive = Math.min(1, Math.max(0, (count - target) / 50));
      fresh(GTC, (isBuy) => (rng.chance(pAggressive) ? aggressive(isBuy) : passive(isBuy)));
    } else if (r < MIX1_SHARES.gtc + MIX1_SHARES.ioc) {
      fresh(IOC, aggressive);
    } else if (r < MIX1_SHARES.gtc + MIX1_SHARES.ioc + MIX1_SHARES.cancel) {
      const ref = model.live.pick(rng);
      b.push(CANCEL, ref, model.user[ref] as number, model.isBuy[ref] === 1, model.price[ref] as number, 0);
      model.cancel(ref);
    } else {
      const ref = model.live.pick(rng);
      const isBuy = model.isBuy[ref] === 1;
      const old = model.price[ref] as number;
      let price = rng.chance(MOVE_CROSS) ? aggressive(isBuy) : passive(isBuy);
      if (price === old) price = isBuy ? old - TICK : old + TICK;
      model.cancel(ref);
      place(MOVE, ref, model.user[ref] as number, isBuy, price, orig[ref] as number);
    }
  }
  return b.build(1, accounts, prefill, start, expectOf(model));
}

function expectOf(model: Model): Expect {
  return {
    resting: model.live.size,
    restingSize: model.restingSize(),
    filled: model.filled,
    trades: model.trades,
    selfTrades: model.selfTrades,
    levels: model.levels(),
  };
}

/** Options of mix 2. */
export interface Mix2Options {
  readonly seed: number;
  readonly ops: number;
  readonly accounts?: number;
  /** Orders resting on the one level. */
  readonly depth?: number;
}

/** Mix 2's single level: bids at 99,000 USD (nothing ever crosses). */
export const MIX2_PRICE = MID - 1000 * TICK;

/** Generates mix 2: half cancels of random resting orders, half new GTC bids at the same level. */
export function mix2(options: Mix2Options): Stream {
  const accounts = options.accounts ?? 1000;
  const depth = options.depth ?? 100_000;
  const rng = new Rng(options.seed);
  const total = depth + options.ops;
  const b = new Builder(total);
  const live = new LiveSet(total);
  const sizes = new Int32Array(total);
  const users = new Int32Array(total);
  let restingSize = 0;
  const add = () => {
    const size = rng.int(MIN_SIZE, MAX_SIZE);
    const user = rng.int(0, accounts - 1);
    const id = b.push(GTC, -1, user, true, MIX2_PRICE, size);
    live.add(id);
    sizes[id] = size;
    users[id] = user;
    restingSize += size;
  };
  for (let k = 0; k < depth; k++) add();
  const prefill = b.n;
  const start = { resting: live.size, levels: live.size > 0 ? 1 : 0 };
  for (let k = 0; k < options.ops; k++) {
    b.see(live.size);
    if (live.size > 0 && rng.chance(0.5)) {
      const ref = live.pick(rng);
      b.push(CANCEL, ref, users[ref] as number, true, MIX2_PRICE, 0);
      live.delete(ref);
      restingSize -= sizes[ref] as number;
    } else {
      add();
    }
  }
  const expect = {
    resting: live.size,
    restingSize,
    filled: 0,
    trades: 0,
    selfTrades: 0,
    levels: live.size > 0 ? 1 : 0,
  };
  return b.build(2, accounts, prefill, start, expect);
}
