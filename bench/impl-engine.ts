/**
 * @module bench/impl-engine
 * hyperlocal's full `Engine.apply` with real commands on BTC (asset 0): `order` for GTC/IOC, `cancel`, and
 * `batchModify` (alwaysPlace) for moves. Decimal strings are formatted before timing; command objects are built in
 * the loop (as a sequencer would) and parsing and validation run inside the engine. Oids are read from the replies.
 */

import { type Command, Engine, type Event, formatUnits, type OrderKind, type OrderRequest } from "../src/core/index.ts";
import type { Adapter, FinalState } from "./adapter.ts";
import { CANCEL, GTC, MOVE, type Stream } from "./mixes.ts";

const BTC = 0;
const PRICE_DECIMALS = 1;
const SIZE_DECIMALS = 5;
/** Commands carry a fixed time: the engine only requires it never to go backwards. */
const T0 = 1_767_225_600_000;
const GTC_KIND: OrderKind = { limit: { tif: "Gtc" } };
const IOC_KIND: OrderKind = { limit: { tif: "Ioc" } };

/** Every distinct value of `values` formatted once; returns one shared string per element. */
function texts(values: Int32Array, decimals: number): string[] {
  const cache = new Map<number, string>();
  const out = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    let t = cache.get(v);
    if (t === undefined) {
      t = formatUnits(v, decimals);
      cache.set(v, t);
    }
    out[i] = t;
  }
  return out;
}

export class EngineAdapter implements Adapter {
  readonly engine = Engine.create();
  /** Engine oid of each stream order id (-1 until placed). */
  readonly oids: Float64Array;
  filled = 0;
  /** Orders answered with an error (an IOC that found nothing to fill is one). */
  rejected = 0;
  private readonly prices: string[];
  private readonly sizes: string[];

  constructor(
    private readonly s: Stream,
    private readonly users: readonly string[],
  ) {
    this.oids = new Float64Array(s.orders).fill(-1);
    // Every account is funded ($1M each) so that margin never refuses an order of the stream.
    for (const user of users) this.engine.apply({ type: "deposit", time: T0, user, usd: 1_000_000_000_000 });
    this.prices = texts(s.price, PRICE_DECIMALS);
    this.sizes = texts(s.size, SIZE_DECIMALS);
  }

  step(i: number): void {
    const s = this.s;
    const kind = s.kind[i];
    const user = this.users[s.user[i] as number] as string;
    let cmd: Command;
    if (kind === CANCEL) {
      const oid = this.oids[s.ref[i] as number] as number;
      cmd = { type: "cancel", time: T0, user, cancels: [{ asset: BTC, oid }] };
    } else if (kind === MOVE) {
      const oid = this.oids[s.ref[i] as number] as number;
      const order = this.request(i, GTC_KIND);
      cmd = { type: "batchModify", time: T0, user, modifies: [{ ref: { oid }, order }], alwaysPlace: true };
    } else {
      const order = this.request(i, kind === GTC ? GTC_KIND : IOC_KIND);
      cmd = { type: "order", time: T0, user, orders: [order], grouping: "na" };
    }
    this.read(i, this.engine.apply(cmd));
  }

  private request(i: number, kind: OrderKind): OrderRequest {
    return {
      asset: BTC,
      isBuy: this.s.isBuy[i] === 1,
      price: this.prices[i] as string,
      size: this.sizes[i] as string,
      reduceOnly: false,
      kind,
    };
  }

  /** Sums the fills and records the new order's oid from the reply. */
  private read(i: number, events: Event[]): void {
    for (const e of events) {
      if (e.type === "fill") {
        this.filled += e.size;
      } else if (e.type === "reply" && e.reply.kind === "order") {
        const status = e.reply.statuses[0];
        if (typeof status !== "object") continue;
        if ("resting" in status) this.oids[this.s.id[i] as number] = status.resting.oid;
        else if ("filled" in status) this.oids[this.s.id[i] as number] = status.filled.oid;
        else this.rejected++;
      }
    }
  }

  state(): FinalState {
    const book = this.engine.state.books[BTC];
    if (book === undefined) throw new Error("engine: no BTC book");
    let restingSize = 0;
    for (const o of book.orders()) restingSize += o.size;
    return { resting: book.size, restingSize, filled: this.filled };
  }

  counters(): Record<string, number> {
    return { rejected: this.rejected };
  }
}
