/**
 * @module api/info/l2Book
 * `l2Book`: the aggregated book of one coin, at most 20 levels per side, bids best-first then asks best-first.
 * An unknown coin answers `null` (HTTP 200), as Hyperliquid. `nSigFigs` must be 2..5 and `mantissa` 1, 2 or 5
 * (other values fail to deserialize); a `mantissa` without `nSigFigs` 5 is refused with HTTP 422 and a reason
 * (Hyperliquid reportedly answers 500 there, UNCERTAIN; any error is what clients expect). `time` is the clock's
 * now; `spread` is never sent (optional, UNCERTAIN on Hyperliquid).
 * @see hyperliquid-api.md §2 (aggregation, depth), §4.4 l2Book
 */

import * as v from "valibot";
import { validDepthOptions } from "../../core/index.ts";
import type { InfoContext } from "../context.ts";
import { marketsOf } from "./_markets.ts";
import { formatPrice, formatSize } from "../wire.ts";
import { Coin, type InfoRejection, maybe, reject } from "./_schemas.ts";

export const L2BookRequest = v.object({
  type: v.literal("l2Book"),
  coin: Coin,
  nSigFigs: maybe(v.picklist([2, 3, 4, 5])),
  mantissa: maybe(v.picklist([1, 2, 5])),
});

/** One level: price, total size, number of orders. */
export interface L2Level {
  px: string;
  sz: string;
  n: number;
}

export type L2BookResponse = { coin: string; time: number; levels: [bids: L2Level[], asks: L2Level[]] } | null;

export function l2Book(ctx: InfoContext, req: v.InferOutput<typeof L2BookRequest>): L2BookResponse | InfoRejection {
  if (!validDepthOptions(req.nSigFigs, req.mantissa)) return reject("mantissa is allowed only with nSigFigs 5");
  const market = marketsOf(ctx.engine).byCoin(req.coin);
  if (market === undefined) return null;
  const levels = ctx.engine.depth(market.asset, { nSigFigs: req.nSigFigs ?? null, mantissa: req.mantissa ?? null });
  const [bids, asks] = levels ?? [[], []];
  const wire = (l: { price: number; size: number; count: number }): L2Level => ({
    px: formatPrice(market, l.price),
    sz: formatSize(market, l.size),
    n: l.count,
  });
  return { coin: market.name, time: ctx.now(), levels: [bids.map(wire), asks.map(wire)] };
}
