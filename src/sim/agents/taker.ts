/**
 * @module sim/agents/taker
 * A taker: one wallet that now and then sends immediate-or-cancel orders across the spread, sizes log-uniform from
 * $50 to $25k (the big ones sweep a few levels), capped at 0.5 % from the book centre. It leans against its own position
 * (a long taker sells more often), so inventories wander but do not run away. All of one step's orders go in one
 * `order` action. On a spot pair the notionals and the position cap scale by the market's `notionalScale`, and the
 * orders are paid from the taker's spot balances (USDC to buy, the base token to sell).
 */

import type { OrderStatus, SimClient, SimWallet } from "../client.ts";
import { center, type SimMarket } from "../oracle.ts";
import { formatPrice, sizeForNotional } from "../price.ts";
import type { Rng } from "../rng.ts";

export interface TakerOptions {
  /** Chance per market per step that this taker trades (default 0.15). */
  readonly tradeChance?: number;
  /** Smallest and largest order notional, USD (default 50 and 25,000). */
  readonly minNotional?: number;
  readonly maxNotional?: number;
  /** Position (USD) at which the taker only reduces (default 250,000). */
  readonly maxPosition?: number;
}

export class Taker {
  /** Signed position per coin, from its fills. */
  readonly position = new Map<string, number>();
  private readonly chance: number;
  private readonly lo: number;
  private readonly hi: number;
  private readonly maxPosition: number;

  constructor(
    readonly index: number,
    readonly wallet: SimWallet,
    private readonly rng: Rng,
    options: TakerOptions = {},
  ) {
    this.chance = options.tradeChance ?? 0.15;
    this.lo = options.minNotional ?? 50;
    this.hi = options.maxNotional ?? 25_000;
    this.maxPosition = options.maxPosition ?? 250_000;
  }

  /** Maybe trades some markets; returns how many of its orders filled. */
  async trade(client: SimClient, markets: readonly SimMarket[]): Promise<number> {
    const orders: { a: number; b: boolean; p: string; s: string; r: false; t: { limit: { tif: "Ioc" } } }[] = [];
    const sent: { coin: string; isBuy: boolean }[] = [];
    for (const m of markets) {
      if (!this.rng.chance(this.chance)) continue;
      const pos = (this.position.get(m.coin) ?? 0) * m.px;
      const lean = Math.max(-1, Math.min(1, pos / (this.maxPosition * m.notionalScale)));
      const isBuy = this.rng.next() < 0.5 - 0.45 * lean;
      const usd = this.rng.logUniform(this.lo, this.hi) * m.notionalScale;
      const px = formatPrice(center(m) * (isBuy ? 1.005 : 0.995), m.maxDecimals, isBuy ? "up" : "down");
      const sz = sizeForNotional(Math.max(usd, 12), m.px, m.szDecimals);
      orders.push({ a: m.asset, b: isBuy, p: px, s: sz, r: false, t: { limit: { tif: "Ioc" } } });
      sent.push({ coin: m.coin, isBuy });
    }
    if (orders.length === 0) return 0;
    const statuses = await client.exchange(this.wallet, { type: "order", orders, grouping: "na" });
    let fills = 0;
    statuses?.forEach((s: OrderStatus, i) => {
      const o = sent[i];
      if (o === undefined || typeof s !== "object" || !("filled" in s)) return;
      fills += 1;
      const signed = Number(s.filled.totalSz) * (o.isBuy ? 1 : -1);
      this.position.set(o.coin, (this.position.get(o.coin) ?? 0) + signed);
    });
    return fills;
  }
}
