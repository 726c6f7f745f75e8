/**
 * @module bench/impl-book
 * hyperlocal's `Book` + `match()` driven directly, with hooks that only count. A GTC matches then rests its remainder,
 * an IOC only matches, a move removes the old order and places a new one (new oid) at the new price.
 */

import { Book, type BookOrder, bookOrder, type MatchHooks, match, type Tif } from "../src/core/index.ts";
import type { Adapter, FinalState } from "./adapter.ts";
import { CANCEL, GTC, MOVE, type Stream } from "./mixes.ts";

export class BookAdapter implements Adapter {
  readonly book = new Book();
  filled = 0;
  trades = 0;
  exits = 0;
  private readonly hooks: MatchHooks;

  constructor(
    private readonly s: Stream,
    private readonly users: readonly string[],
  ) {
    this.hooks = {
      makerAllowance: () => Number.POSITIVE_INFINITY,
      fill: (_maker, _taker, _price, size) => {
        this.filled += size;
        this.trades++;
      },
      makerExit: () => {
        this.exits++;
      },
    };
  }

  step(i: number): void {
    const kind = this.s.kind[i];
    if (kind === CANCEL) {
      this.book.remove(this.s.ref[i] as number);
    } else if (kind === MOVE) {
      this.book.remove(this.s.ref[i] as number);
      this.place(i, "Gtc");
    } else {
      this.place(i, kind === GTC ? "Gtc" : "Ioc");
    }
  }

  private place(i: number, tif: Tif): void {
    const s = this.s;
    const size = s.size[i] as number;
    const order: BookOrder = bookOrder({
      oid: s.id[i] as number,
      user: this.users[s.user[i] as number] as string,
      isBuy: s.isBuy[i] === 1,
      price: s.price[i] as number,
      size,
      tif,
    });
    match(this.book, order, this.hooks);
    if (order.size > 0 && tif === "Gtc") this.book.add(order);
  }

  state(): FinalState {
    let restingSize = 0;
    for (const o of this.book.orders()) restingSize += o.size;
    return { resting: this.book.size, restingSize, filled: this.filled };
  }

  counters(): Record<string, number> {
    return { trades: this.trades, makerExits: this.exits };
  }
}
