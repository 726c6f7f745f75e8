/**
 * @module test/helpers/referenceBook
 * A naive, obviously-correct order book (flat arrays, linear scans, a full sort before every look) with the same
 * semantics as Book + match() for plain limit orders, and the operation and output vocabulary it shares with
 * bookAdapter.ts so that tests can run one script against both and compare what they print.
 */

/** Time in force of a plain limit order. */
export type BookTif = "Gtc" | "Ioc" | "Alo";

/** One operation on a book. Oids are chosen by the caller and must be fresh for `place`. */
export type BookOp =
  | {
      readonly type: "place";
      readonly oid: number;
      readonly user: string;
      readonly isBuy: boolean;
      /** Limit price in ticks. */
      readonly price: number;
      /** Size in lots, > 0. */
      readonly size: number;
      readonly tif: BookTif;
    }
  | { readonly type: "cancel"; readonly oid: number };

/** Why a resting order left the book. */
export type ExitWhy = "filled" | "selfTradeCanceled" | "canceled";

/** What an operation did, in the order it happened. */
export type BookOutput =
  /** One trade at the maker's price. */
  | {
      readonly kind: "fill";
      readonly makerOid: number;
      readonly takerOid: number;
      readonly price: number;
      readonly size: number;
    }
  /** A resting order left the book. */
  | { readonly kind: "exit"; readonly oid: number; readonly why: ExitWhy }
  /** The (remainder of the) placed order now rests. */
  | { readonly kind: "rest"; readonly oid: number; readonly price: number; readonly size: number }
  /** The unfilled remainder of an IOC order, thrown away. */
  | { readonly kind: "discard"; readonly oid: number; readonly size: number }
  /** The operation did nothing: an ALO that would cross, or a cancel of an oid not resting. */
  | { readonly kind: "reject"; readonly oid: number; readonly why: "wouldCross" | "unknownOid" };

/** One aggregated level: price, total size, number of orders. */
export interface L2Level {
  readonly price: number;
  readonly size: number;
  readonly count: number;
}

/** One order of an L3 level. */
export interface L3Order {
  readonly oid: number;
  readonly user: string;
  readonly size: number;
}

/** One L3 level: its orders in time priority. */
export interface L3Level {
  readonly price: number;
  readonly orders: readonly L3Order[];
}

/** Both sides, best level first. */
export interface Sides<T> {
  readonly bids: readonly T[];
  readonly asks: readonly T[];
}

/** What both implementations offer. */
export interface BookModel {
  /** Applies one operation and returns its outputs. */
  apply(op: BookOp): BookOutput[];
  /** Levels with total size and order count, best first. */
  l2(): Sides<L2Level>;
  /** Every resting order, levels best first, orders in time priority. */
  l3(): Sides<L3Level>;
}

interface RefOrder {
  readonly oid: number;
  readonly user: string;
  readonly isBuy: boolean;
  readonly price: number;
  size: number;
  /** Arrival number: earlier is ahead in the queue. */
  readonly seq: number;
}

/** The naive book. */
export class ReferenceBook implements BookModel {
  private orders: RefOrder[] = [];
  private seq = 0;

  apply(op: BookOp): BookOutput[] {
    return op.type === "place" ? this.place(op) : this.cancel(op.oid);
  }

  /** Resting orders of one side, best first: best price, then earliest arrival. */
  private side(isBuy: boolean): RefOrder[] {
    return this.orders
      .filter((o) => o.isBuy === isBuy)
      .sort((a, b) => (a.price === b.price ? a.seq - b.seq : isBuy ? b.price - a.price : a.price - b.price));
  }

  private crosses(isBuy: boolean, limit: number, resting: RefOrder): boolean {
    return isBuy ? resting.price <= limit : resting.price >= limit;
  }

  private drop(oid: number): void {
    this.orders = this.orders.filter((o) => o.oid !== oid);
  }

  private place(op: Extract<BookOp, { type: "place" }>): BookOutput[] {
    if (this.orders.some((o) => o.oid === op.oid)) throw new Error(`reference: duplicate oid ${op.oid}`);
    const out: BookOutput[] = [];
    if (op.tif === "Alo") {
      const best = this.side(!op.isBuy)[0];
      if (best !== undefined && this.crosses(op.isBuy, op.price, best)) {
        return [{ kind: "reject", oid: op.oid, why: "wouldCross" }];
      }
    }
    let left = op.size;
    while (left > 0 && op.tif !== "Alo") {
      const maker = this.side(!op.isBuy)[0];
      if (maker === undefined || !this.crosses(op.isBuy, op.price, maker)) break;
      if (maker.user === op.user) {
        this.drop(maker.oid);
        out.push({ kind: "exit", oid: maker.oid, why: "selfTradeCanceled" });
        continue;
      }
      const size = Math.min(left, maker.size);
      out.push({ kind: "fill", makerOid: maker.oid, takerOid: op.oid, price: maker.price, size });
      left -= size;
      maker.size -= size;
      if (maker.size === 0) {
        this.drop(maker.oid);
        out.push({ kind: "exit", oid: maker.oid, why: "filled" });
      }
    }
    if (left === 0) return out;
    if (op.tif === "Ioc") {
      out.push({ kind: "discard", oid: op.oid, size: left });
      return out;
    }
    this.orders.push({ oid: op.oid, user: op.user, isBuy: op.isBuy, price: op.price, size: left, seq: this.seq++ });
    out.push({ kind: "rest", oid: op.oid, price: op.price, size: left });
    return out;
  }

  private cancel(oid: number): BookOutput[] {
    if (!this.orders.some((o) => o.oid === oid)) return [{ kind: "reject", oid, why: "unknownOid" }];
    this.drop(oid);
    return [{ kind: "exit", oid, why: "canceled" }];
  }

  l3(): Sides<L3Level> {
    const levels = (isBuy: boolean): L3Level[] => {
      const out: { price: number; orders: L3Order[] }[] = [];
      for (const o of this.side(isBuy)) {
        const last = out[out.length - 1];
        const entry = { oid: o.oid, user: o.user, size: o.size };
        if (last !== undefined && last.price === o.price) last.orders.push(entry);
        else out.push({ price: o.price, orders: [entry] });
      }
      return out;
    };
    return { bids: levels(true), asks: levels(false) };
  }

  l2(): Sides<L2Level> {
    const sum = (level: L3Level): L2Level => ({
      price: level.price,
      size: level.orders.reduce((total, o) => total + o.size, 0),
      count: level.orders.length,
    });
    const { bids, asks } = this.l3();
    return { bids: bids.map(sum), asks: asks.map(sum) };
  }
}
