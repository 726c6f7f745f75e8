/**
 * @module bench/impl-nob
 * The competitor, npm `nodejs-order-book` (v10): `limit()` with GTC or IOC, `cancel()`, and a move as `cancel()` then
 * `limit()` with a new id (its own `modify()` drops the account, hence self-trade prevention). Self-trade prevention
 * is EXPIRE_MAKER with the user as account, as Hyperliquid does. Prices and sizes are the same integer units.
 */

import { type LimitOrderOptions, OrderBook, SelfTradePreventionMode, Side } from "nodejs-order-book";
import type { Adapter, FinalState } from "./adapter.ts";
import { CANCEL, GTC, MOVE, type Stream } from "./mixes.ts";

type TimeInForce = NonNullable<LimitOrderOptions["timeInForce"]>;
/** The package does not export its TimeInForce enum; its values are these strings. */
const GTC_TIF = "GTC" as TimeInForce;
const IOC_TIF = "IOC" as TimeInForce;

export class NobAdapter implements Adapter {
  readonly book = new OrderBook();
  filled = 0;
  /** Calls answered with an error. */
  errors = 0;
  /** Order id strings, formatted before timing. */
  private readonly ids: string[];

  constructor(
    private readonly s: Stream,
    private readonly users: readonly string[],
  ) {
    this.ids = Array.from({ length: s.orders }, (_, id) => String(id));
  }

  step(i: number): void {
    const kind = this.s.kind[i];
    if (kind === CANCEL) {
      this.book.cancel(this.ids[this.s.ref[i] as number] as string);
    } else if (kind === MOVE) {
      this.book.cancel(this.ids[this.s.ref[i] as number] as string);
      this.limit(i, GTC_TIF);
    } else {
      this.limit(i, kind === GTC ? GTC_TIF : IOC_TIF);
    }
  }

  private limit(i: number, timeInForce: TimeInForce): void {
    const s = this.s;
    const size = s.size[i] as number;
    const r = this.book.limit({
      side: s.isBuy[i] === 1 ? Side.BUY : Side.SELL,
      id: this.ids[s.id[i] as number] as string,
      size,
      price: s.price[i] as number,
      timeInForce,
      accountId: this.users[s.user[i] as number] as string,
      stpMode: SelfTradePreventionMode.EXPIRE_MAKER,
    });
    if (r.err !== null) this.errors++;
    this.filled += size - r.quantityLeft;
  }

  state(): FinalState {
    const snap = this.book.snapshot();
    let resting = 0;
    let restingSize = 0;
    for (const level of [...snap.bids, ...snap.asks]) {
      for (const o of level.orders) {
        resting++;
        restingSize += o.size;
      }
    }
    return { resting, restingSize, filled: this.filled };
  }

  counters(): Record<string, number> {
    return { errors: this.errors };
  }
}
