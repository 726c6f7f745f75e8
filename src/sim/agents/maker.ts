/**
 * @module sim/agents/maker
 * A market maker: one wallet quoting a ladder of post-only (ALO) orders on both sides of every simulated market, each
 * level worth $1k–$20k. Its spread and level spacing scale with the market's per-step volatility (maker i quotes a
 * little wider than maker i − 1, so several makers stack into a deep book). Each step it reads its open orders
 * (`openOrders`), recentres the ladder when the book centre (oracle · (1 + premium)) has moved far enough, and sends only the difference: `cancel`
 * for orders it no longer wants, `batchModify` for orders to move or refill, `order` for missing levels.
 * Spot pairs are quoted the same way (asset 10000 + pair index, spot price decimals), with level notionals scaled by
 * the market's `notionalScale` (never below the $10 spot minimum), paid from the maker's spot balances.
 */

import type { SimClient, SimWallet } from "../client.ts";
import { center, type SimMarket } from "../oracle.ts";
import { canonical, formatPrice, sizeForNotional } from "../price.ts";
import type { Rng } from "../rng.ts";

export interface MakerOptions {
  /** Levels per side (default 10). */
  readonly levels?: number;
  /** Smallest and largest level notional, USD (default 1,000 and 20,000). */
  readonly minNotional?: number;
  readonly maxNotional?: number;
}

interface Quote {
  readonly px: string;
  readonly sz: string;
}

interface Ladder {
  /** Distance of the first level from the reference price, and between levels, as fractions. */
  readonly inner: number;
  readonly step: number;
  /** USD notional of each level, per side. */
  readonly bidUsd: readonly number[];
  readonly askUsd: readonly number[];
  /** The price the ladder is centred on; undefined until the first quote. */
  ref: number | undefined;
  bids: Quote[];
  asks: Quote[];
}

interface OpenOrder {
  readonly coin: string;
  readonly side: "B" | "A";
  readonly limitPx: string;
  readonly sz: string;
  readonly oid: number;
}

interface WireOrder {
  readonly a: number;
  readonly b: boolean;
  readonly p: string;
  readonly s: string;
  readonly r: false;
  readonly t: { readonly limit: { readonly tif: "Alo" } };
}

const order = (a: number, b: boolean, q: Quote): WireOrder => ({
  a,
  b,
  p: q.px,
  s: q.sz,
  r: false,
  t: { limit: { tif: "Alo" } },
});

export class Maker {
  private readonly ladders = new Map<string, Ladder>();
  private readonly levels: number;

  constructor(
    readonly index: number,
    readonly wallet: SimWallet,
    rng: Rng,
    markets: readonly SimMarket[],
    options: MakerOptions = {},
  ) {
    this.levels = options.levels ?? 10;
    const lo = options.minNotional ?? 1_000;
    const hi = options.maxNotional ?? 20_000;
    for (const m of markets) {
      const jitter = rng.uniform(0.8, 1.25);
      const inner = Math.max(1e-4, (2.5 + 1.5 * index) * m.sigma) * jitter;
      const step = Math.max(0.5e-4, (1.5 + 0.5 * index) * m.sigma) * jitter;
      const draw = () => Array.from({ length: this.levels }, () => rng.logUniform(lo, hi));
      this.ladders.set(m.coin, { inner, step, bidUsd: draw(), askUsd: draw(), ref: undefined, bids: [], asks: [] });
    }
  }

  /** Recentres the ladder on the market's centre when it has moved more than a third of the inner spread. */
  private target(m: SimMarket, ladder: Ladder): void {
    const ref = center(m);
    if (ladder.ref !== undefined && Math.abs(ref / ladder.ref - 1) < ladder.inner / 3) return;
    ladder.ref = ref;
    const side = (sign: 1 | -1, usd: readonly number[]): Quote[] => {
      const out: Quote[] = [];
      const seen = new Set<string>();
      for (let k = 0; k < this.levels; k++) {
        const raw = ref * (1 + sign * (ladder.inner + k * ladder.step));
        const px = formatPrice(raw, m.maxDecimals, sign < 0 ? "down" : "up");
        if (seen.has(px)) continue;
        seen.add(px);
        const notional = (usd[k] ?? 1_000) * m.notionalScale;
        out.push({ px, sz: sizeForNotional(m.spot ? Math.max(notional, 12) : notional, Number(px), m.szDecimals) });
      }
      return out;
    };
    ladder.bids = side(-1, ladder.bidUsd);
    ladder.asks = side(1, ladder.askUsd);
  }

  /** One requote of every market: read open orders, send the difference. */
  async requote(client: SimClient, markets: readonly SimMarket[]): Promise<void> {
    const open = await client.info({ type: "openOrders", user: this.wallet.address });
    if (!Array.isArray(open)) return;
    const byKey = new Map<string, OpenOrder[]>();
    for (const o of open as OpenOrder[]) {
      const key = `${o.coin}:${o.side}`;
      const list = byKey.get(key) ?? [];
      list.push(o);
      byKey.set(key, list);
    }
    const cancels: { a: number; o: number }[] = [];
    const modifies: { oid: number; order: WireOrder }[] = [];
    const orders: WireOrder[] = [];
    for (const m of markets) {
      const ladder = this.ladders.get(m.coin);
      if (ladder === undefined) continue;
      this.target(m, ladder);
      const rising = center(m) >= m.prevPx;
      // Move the side that goes away from the other first, so a post-only order never meets its own quote.
      const sides: [boolean, Quote[]][] = rising
        ? [
            [false, ladder.asks],
            [true, ladder.bids],
          ]
        : [
            [true, ladder.bids],
            [false, ladder.asks],
          ];
      for (const [isBuy, wanted] of sides) {
        const existing = (byKey.get(`${m.coin}:${isBuy ? "B" : "A"}`) ?? [])
          .slice()
          .sort((x, y) => (isBuy ? Number(y.limitPx) - Number(x.limitPx) : Number(x.limitPx) - Number(y.limitPx)));
        const used = new Set<number>();
        const missing: Quote[] = [];
        for (const q of wanted) {
          const same = existing.find(
            (o) => !used.has(o.oid) && canonical(o.limitPx) === q.px && canonical(o.sz) === q.sz,
          );
          if (same === undefined) missing.push(q);
          else used.add(same.oid);
        }
        const spare = existing.filter((o) => !used.has(o.oid));
        missing.forEach((q, i) => {
          const old = spare[i];
          if (old === undefined) orders.push(order(m.asset, isBuy, q));
          else modifies.push({ oid: old.oid, order: order(m.asset, isBuy, q) });
        });
        for (const o of spare.slice(missing.length)) cancels.push({ a: m.asset, o: o.oid });
      }
    }
    if (cancels.length > 0) await client.exchange(this.wallet, { type: "cancel", cancels });
    if (modifies.length > 0) await client.exchange(this.wallet, { type: "batchModify", modifies });
    if (orders.length > 0) await client.exchange(this.wallet, { type: "order", orders, grouping: "na" });
  }
}
