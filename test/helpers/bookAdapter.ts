/**
 * @module test/helpers/bookAdapter
 * Drives the real Book and match() with the operation vocabulary of referenceBook.ts and reports the same
 * normalised outputs and dumps, checking on the way what the reference cannot see (match's returned totals, the oid
 * index, level links).
 */

import { Book, type BookOrder, bookOrder, type MatchHooks, match, type Taker } from "../../src/core/index.ts";
import type { BookModel, BookOp, BookOutput, L2Level, L3Level, Sides } from "./referenceBook.ts";

/** The real book behind the {@link BookModel} interface. */
export class BookAdapter implements BookModel {
  readonly book = new Book();
  /** Every price ever placed, to check that emptied levels leave the price map. */
  private readonly prices = new Set<number>();

  apply(op: BookOp): BookOutput[] {
    if (op.type === "cancel") {
      const removed = this.book.remove(op.oid);
      if (removed === undefined) return [{ kind: "reject", oid: op.oid, why: "unknownOid" }];
      if (removed.oid !== op.oid || removed.level !== undefined) throw new Error(`adapter: bad removal of ${op.oid}`);
      return [{ kind: "exit", oid: op.oid, why: "canceled" }];
    }
    if (this.book.get(op.oid) !== undefined) throw new Error(`adapter: duplicate oid ${op.oid}`);
    this.prices.add(op.price);
    if (op.tif === "Alo" && this.book.wouldCross(op.isBuy, op.price)) {
      return [{ kind: "reject", oid: op.oid, why: "wouldCross" }];
    }
    const out: BookOutput[] = [];
    if (op.tif !== "Alo") {
      const taker: Taker = { oid: op.oid, user: op.user, isBuy: op.isBuy, price: op.price, size: op.size };
      let filled = 0;
      let notional = 0;
      const hooks: MatchHooks = {
        makerAllowance: (maker, size) => {
          if (maker.reduceOnly) throw new Error(`adapter: reduce-only maker ${maker.oid} in a plain book`);
          return size;
        },
        fill: (maker, t, price, size) => {
          if (t !== taker) throw new Error("adapter: fill for another taker");
          if (size <= 0 || size > maker.size || size > t.size) throw new Error(`adapter: bad fill size ${size}`);
          filled += size;
          notional += price * size;
          out.push({ kind: "fill", makerOid: maker.oid, takerOid: t.oid, price, size });
        },
        makerExit: (maker, why) => {
          if (why === "reduceOnlyCanceled" || why === "marginCanceled") {
            throw new Error(`adapter: ${why} exit of plain order ${maker.oid}`);
          }
          if (this.book.get(maker.oid) !== undefined || maker.level !== undefined) {
            throw new Error(`adapter: maker ${maker.oid} exited but is still linked`);
          }
          out.push({ kind: "exit", oid: maker.oid, why });
        },
      };
      const done = match(this.book, taker, hooks);
      if (done.size !== filled || done.notional !== notional || taker.size !== op.size - filled) {
        throw new Error(`adapter: match returned ${JSON.stringify(done)}, fills say ${filled}/${notional}`);
      }
      if (taker.size === 0) return out;
      if (op.tif === "Ioc") {
        out.push({ kind: "discard", oid: op.oid, size: taker.size });
        return out;
      }
      this.rest(op, taker.size);
    } else {
      this.rest(op, op.size);
    }
    out.push({ kind: "rest", oid: op.oid, price: op.price, size: this.book.get(op.oid)?.size ?? -1 });
    return out;
  }

  private rest(op: Extract<BookOp, { type: "place" }>, size: number): void {
    const order: BookOrder = bookOrder({
      oid: op.oid,
      user: op.user,
      isBuy: op.isBuy,
      price: op.price,
      size,
      tif: op.tif,
    });
    this.book.add(order);
  }

  /** Read from the linked lists; also checks the oid index and the back links against them. */
  l3(): Sides<L3Level> {
    let count = 0;
    const side = (isBuy: boolean): L3Level[] =>
      [...this.book.side(isBuy).bestFirst()].map((level) => {
        let prev: BookOrder | undefined;
        const orders = [...level.orders()].map((o) => {
          if (this.book.get(o.oid) !== o || o.level !== level || o.prev !== prev) {
            throw new Error(`adapter: order ${o.oid} badly indexed or linked`);
          }
          prev = o;
          count++;
          return { oid: o.oid, user: o.user, size: o.size };
        });
        if (level.tail !== prev) throw new Error(`adapter: level ${level.price} tail is wrong`);
        if (this.book.side(isBuy).level(level.price) !== level) {
          throw new Error(`adapter: level ${level.price} missing from the price map`);
        }
        return { price: level.price, orders };
      });
    const dump = { bids: side(true), asks: side(false) };
    for (const [isBuy, levels] of [
      [true, dump.bids],
      [false, dump.asks],
    ] as const) {
      for (const price of this.prices) {
        if (this.book.side(isBuy).level(price) !== undefined && !levels.some((l) => l.price === price)) {
          throw new Error(`adapter: emptied level ${price} still in the price map`);
        }
      }
    }
    if (count !== this.book.size) throw new Error(`adapter: ${count} linked orders, ${this.book.size} indexed`);
    return dump;
  }

  /** Read from the levels' own running totals and counts (not recomputed). */
  l2(): Sides<L2Level> {
    const side = (isBuy: boolean): L2Level[] =>
      [...this.book.side(isBuy).bestFirst()].map((l) => ({ price: l.price, size: l.total, count: l.count }));
    return { bids: side(true), asks: side(false) };
  }
}
