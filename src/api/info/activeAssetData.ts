/**
 * @module api/info/activeAssetData
 * `activeAssetData`: a user's trading capacity on one perp: leverage in force, and per side `[buy, sell]` the margin
 * available (`availableToTrade`, USD) and the largest order it allows (`maxTradeSzs`, coins, at the mark price).
 * hyperlocal's rule (Hyperliquid's exact formula is not documented): available = cross value − cross initial margin
 * − margin of resting orders (at least 0), plus, on the side that reduces an open position, that position's margin
 * (so the largest order closes the whole position and opens with what is free); size = available × leverage / mark,
 * rounded down to a lot. An unknown coin is refused.
 * @see hyperliquid-api.md §1.7 (activeAssetData payload), §4.4 activeAssetData
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { formatPrice, formatSize, formatUsd } from "../wire.ts";
import { Address, Coin, type Hex, type InfoRejection, reject } from "./_schemas.ts";
import { type LeverageWire, leverageOf } from "./_shapes.ts";

export const ActiveAssetDataRequest = v.object({ type: v.literal("activeAssetData"), user: Address, coin: Coin });

export interface ActiveAssetDataResponse {
  user: Hex;
  coin: string;
  leverage: LeverageWire;
  maxTradeSzs: [buy: string, sell: string];
  availableToTrade: [buy: string, sell: string];
  markPx: string;
}

export function activeAssetData(
  ctx: InfoContext,
  req: v.InferOutput<typeof ActiveAssetDataRequest>,
): ActiveAssetDataResponse | InfoRejection {
  const { engine } = ctx;
  const market = engine.state.universe.byCoin(req.coin);
  if (market === undefined) return reject(`unknown coin ${JSON.stringify(req.coin)}`);
  const leverage = leverageOf(engine, req.user, market);
  const risk = engine.accountRisk(req.user);
  const position = risk.positions.find((p) => p.asset === market.asset);
  const size = position?.position.size ?? 0;
  const free = Math.max(0, risk.crossValue - risk.crossInitialMargin - risk.orderMargin);
  const held =
    position === undefined
      ? 0
      : position.leverage.type === "isolated"
        ? Math.max(0, position.isolatedEquity)
        : position.initialMargin;
  const available: [number, number] = [free + (size < 0 ? held : 0), free + (size > 0 ? held : 0)];
  const mark = engine.assetContext(market.asset)?.mark;
  const maxSize = (usd: number) => (mark === undefined || mark <= 0 ? 0 : Math.floor((usd * leverage.value) / mark));
  return {
    user: req.user,
    coin: market.name,
    leverage:
      leverage.type === "isolated"
        ? { type: "isolated", value: leverage.value, rawUsd: formatUsd(position?.position.isoRaw ?? 0) }
        : { type: "cross", value: leverage.value },
    maxTradeSzs: [formatSize(market, maxSize(available[0])), formatSize(market, maxSize(available[1]))],
    availableToTrade: [formatUsd(available[0]), formatUsd(available[1])],
    markPx: mark === undefined ? "0.0" : formatPrice(market, mark),
  };
}
