/**
 * @module feeds/l2Book
 * `l2Book` `{type, coin, nSigFigs: null, mantissa: null, fast: false}`: every message is a full snapshot
 * `{coin, time, levels}` aggregated as /info `l2Book` (§2), 20 levels per side, 5 with `fast` (and then `fast: true`
 * in the payload, as the SDK types describe it). Sent on subscribe and then every {@link CADENCE_MS}`.l2Book` ms
 * (`l2BookFast` for `fast`), changed or not: Hyperliquid re-sends unchanged books with a new `time` (§1.8), and a
 * pure channel cannot know what it sent before. `time` is the clock's now. An unknown coin or an aggregation
 * Hyperliquid refuses (nSigFigs outside 2..5, mantissa other than 1/2/5 or without nSigFigs 5) is an invalid
 * subscription; wrong JSON types fail the schema. A delisted coin gets empty books.
 *
 * This file also holds the push cadences of every periodic channel ({@link CADENCE_MS}), in one place so that the
 * server can make them configurable.
 * @see hyperliquid-api.md §1.7 (l2Book payload), §1.8 (cadence), §2 (aggregation, depth)
 */

import * as v from "valibot";
import { marketsOf } from "../api/info/_markets.ts";
import type { L2Level } from "../api/info/l2Book.ts";
import { formatPrice, formatSize } from "../api/wire.ts";
import { type DepthOptions, validDepthOptions } from "../core/index.ts";
import type { Cadence, ChannelSpec, FeedContext, Push } from "./channel.ts";

/**
 * Push interval (ms) of each periodic channel. Hyperliquid (§1.8): l2Book ≥ 0.5 s per block (fast) and ≈ 5.4 s
 * (default, measured); allMids ≈ 5 s; activeAssetCtx ≈ 1 s; user state ≈ 4–5 s. Locally faster is harmless and
 * makes tests and demos livelier: the default book every 0.5 s, mids every 1 s, contexts every 1 s, user state every
 * 2 s. These are the defaults: a server overrides them per instance (`AppOptions.cadence` → the hub →
 * `intervalMs(sub, cadence)`), which is what `hyperlocal serve --cadence` and the config file use. The object stays
 * mutable for the tests and benchmarks that set a process-wide default; an override always wins over it.
 */
export const CADENCE_MS: { -readonly [K in keyof Cadence]: number } = {
  /** `l2Book` without `fast`: Hyperliquid measured ≈ 5.4 s; configurable 0.5–5 s per §1.8. */
  l2Book: 500,
  /** `l2Book` with `fast`: 0.5 s as documented. */
  l2BookFast: 500,
  /** `allMids`: Hyperliquid ≈ 5 s. */
  allMids: 1000,
  /** `activeAssetCtx`, `assetCtxs`: ≈ 1 s as measured. */
  assetCtxs: 1000,
  /** User state (`clearinghouseState`, `openOrders`, `activeAssetData`, `webData2`): Hyperliquid ≈ 4–5 s. */
  userState: 2000,
};

/** A channel kind's push interval: the server's override, else the (process-wide) default. */
export function cadenceMs(key: keyof Cadence, overrides: Partial<Cadence> | undefined): number {
  return overrides?.[key] ?? CADENCE_MS[key];
}

export const L2BookSubscription = v.object({
  type: v.literal("l2Book"),
  coin: v.string(),
  nSigFigs: v.optional(v.nullable(v.number()), null),
  mantissa: v.optional(v.nullable(v.number()), null),
  fast: v.optional(v.boolean(), false),
});

export type L2BookSub = v.InferOutput<typeof L2BookSubscription>;

/** The l2Book payload. */
export interface L2BookData {
  coin: string;
  time: number;
  levels: [bids: L2Level[], asks: L2Level[]];
  fast?: true;
}

/** Levels per side. */
export const L2_LEVELS = 20;
export const L2_LEVELS_FAST = 5;

/** The current book of a subscription, or undefined for an unknown coin. */
export function l2BookData(ctx: FeedContext, sub: L2BookSub): L2BookData | undefined {
  const market = marketsOf(ctx.engine).byCoin(sub.coin);
  if (market === undefined || !validDepthOptions(sub.nSigFigs, sub.mantissa)) return undefined;
  const options: DepthOptions = {
    nSigFigs: sub.nSigFigs as 2 | 3 | 4 | 5 | null,
    mantissa: sub.mantissa as 1 | 2 | 5 | null,
    levels: sub.fast ? L2_LEVELS_FAST : L2_LEVELS,
  };
  const [bids, asks] = ctx.engine.depth(market.asset, options) ?? [[], []];
  const wire = (l: { price: number; size: number; count: number }): L2Level => ({
    px: formatPrice(market, l.price),
    sz: formatSize(market, l.size),
    n: l.count,
  });
  const data: L2BookData = { coin: market.name, time: ctx.now(), levels: [bids.map(wire), asks.map(wire)] };
  if (sub.fast) data.fast = true;
  return data;
}

function push(ctx: FeedContext, sub: L2BookSub): Push | undefined {
  const data = l2BookData(ctx, sub);
  return data === undefined ? undefined : { channel: "l2Book", data };
}

export const l2Book: ChannelSpec<L2BookSub> = {
  type: "l2Book",
  schema: L2BookSubscription,
  invalid: (ctx, sub) => {
    if (!validDepthOptions(sub.nSigFigs, sub.mantissa)) {
      return "nSigFigs must be 2..5 or null, mantissa 1, 2 or 5 and only with nSigFigs 5";
    }
    if (marketsOf(ctx.engine).byCoin(sub.coin) === undefined) return `unknown coin ${JSON.stringify(sub.coin)}`;
    return undefined;
  },
  snapshot: push,
  periodic: {
    intervalMs: (sub, cadence) => cadenceMs(sub.fast ? "l2BookFast" : "l2Book", cadence),
    push,
  },
};
