/**
 * @module core/clearinghouse/liquidation
 * The liquidation sweep, run after every mark update and funding payment. A cross account whose cross value falls
 * below its maintenance margin (or an isolated position whose equity falls below its own) is liquidated as on
 * Hyperliquid: its orders are canceled (`liquidatedCanceled`), then its positions go to the book as market orders
 * (20% at a time above $100k of notional, the whole position during the 30 s after a partial one); if the account
 * is still below maintenance and its equity under 2/3 of it, the backstop liquidator takes the remaining positions at
 * the mark price together with the account's margin. Auto-deleveraging is not modelled: the liquidator absorbs any
 * shortfall.
 * @see hyperliquid-mechanics.md §4
 */

import { bookOrder } from "../book/book.ts";
import { cancelAllOf, execute, triggerMarketPrice } from "../book/orders.ts";
import type { Ctx } from "../ctx.ts";
import type { Address, AssetId } from "../ids.ts";
import { recordTrade } from "../markets/context.ts";
import type { Market } from "../markets/universe.ts";
import { accountOf } from "../state.ts";
import type { Account } from "./account.ts";
import { type AccountRisk, accountRisk, leverageOf, type PositionRisk } from "./margin.ts";
import { settleLeg } from "./settle.ts";

function crossPositions(risk: AccountRisk): PositionRisk[] {
  return risk.positions.filter((p) => p.leverage.type === "cross" && p.position.size !== 0);
}

/** Whether the cross part of an account is below maintenance. */
function crossLiquidatable(risk: AccountRisk): boolean {
  return crossPositions(risk).length > 0 && risk.crossValue < risk.crossMaintenance;
}

/** Sends one position to the book as a reduce-only market order under the liquidation tag. */
function marketLiquidate(ctx: Ctx, account: Account, p: PositionRisk, partial: boolean): void {
  const s = ctx.s;
  const market = s.universe.get(p.asset) as Market;
  const abs = Math.abs(p.position.size);
  const config = s.config;
  let size = abs;
  if (partial && p.notional > config.partialLiquidationNotional) {
    size = Math.max(1, Math.floor((abs * config.partialLiquidationPercent) / 100));
    account.liquidationCooldownUntil = ctx.time + config.partialLiquidationCooldownMs;
  }
  const isBuy = p.position.size < 0;
  const order = bookOrder({
    oid: s.nextOid++,
    asset: p.asset,
    user: account.address,
    isBuy,
    price: triggerMarketPrice(p.mark, isBuy, market),
    size,
    timestamp: ctx.time,
    reduceOnly: true,
    tif: "Ioc",
  });
  ctx.liquidation = { liquidatedUser: account.address, markPrice: p.mark, method: "market" };
  try {
    execute(ctx, p.asset, order);
  } finally {
    ctx.liquidation = undefined;
  }
}

/**
 * Moves a position to the backstop liquidator at the mark price, fee-free, and hands the liquidator the equity that
 * backed it. `equity` is what moves besides the position (cross: the account's remaining cross value is moved by the
 * caller; isolated: the position's own equity).
 */
function backstop(ctx: Ctx, account: Account, asset: AssetId, mark: number, leverageType: "Cross" | "Isolated"): void {
  const s = ctx.s;
  const liquidator = accountOf(s, s.config.liquidator);
  const size = account.position(asset);
  if (size === 0) return;
  const abs = Math.abs(size);
  const isolated = leverageType === "Isolated";
  const isolatedEquity = isolated ? account.positionOf(asset).isoRaw + size * mark : 0;
  const dir = `Liquidated ${leverageType} ${size > 0 ? "Long" : "Short"}`;
  const userLeg = settleLeg(account, asset, leverageOf(s, account, asset), size < 0, mark, abs, 0);
  const liqLeg = settleLeg(liquidator, asset, leverageOf(s, liquidator, asset), size > 0, mark, abs, 0);
  if (isolated) {
    // Closing released the isolated equity to the user's cross cash: it belongs to the liquidator.
    account.cash -= isolatedEquity;
    liquidator.cash += isolatedEquity;
  }
  recordTrade(
    s,
    asset,
    mark,
    abs,
    ctx.time,
    userLeg.startPosition,
    0,
    liqLeg.startPosition,
    liquidator.position(asset),
  );
  ctx.out.push({
    type: "fill",
    time: ctx.time,
    asset,
    tid: s.nextTid++,
    price: mark,
    size: abs,
    takerIsBuy: size > 0,
    maker: { user: account.address, oid: s.nextOid++, cloid: undefined, ...userLeg, dir },
    taker: { user: liquidator.address, oid: s.nextOid++, cloid: undefined, ...liqLeg, dir },
    liquidation: { liquidatedUser: account.address, markPrice: mark, method: "backstop" },
  });
}

/**
 * Records the liquidation (ledger update and user event) at event index `at`, before its fills, when the liquidation
 * moved any position; an attempt that found no liquidity leaves no record.
 */
function announce(
  ctx: Ctx,
  at: number,
  user: Address,
  type: "Cross" | "Isolated",
  notional: number,
  value: number,
  positions: { asset: AssetId; size: number }[],
): void {
  if (!ctx.out.slice(at).some((e) => e.type === "fill")) return;
  ctx.out.splice(
    at,
    0,
    {
      type: "ledger",
      time: ctx.time,
      user,
      delta: { type: "liquidation", notional, accountValue: value, leverageType: type, positions },
    },
    {
      type: "liquidation",
      time: ctx.time,
      user,
      liquidator: ctx.s.config.liquidator,
      leverageType: type,
      notional,
      accountValue: value,
    },
  );
}

const sizes = (ps: PositionRisk[]) => ps.map((p) => ({ asset: p.asset, size: p.position.size }));

function liquidateCross(ctx: Ctx, account: Account, risk: AccountRisk): void {
  const s = ctx.s;
  const at = ctx.out.length;
  const positions = sizes(crossPositions(risk));
  cancelAllOf(ctx, account.address, "liquidatedCanceled");
  const partial = ctx.time >= account.liquidationCooldownUntil;
  for (const p of crossPositions(risk)) marketLiquidate(ctx, account, p, partial);
  const after = accountRisk(s, account);
  if (crossLiquidatable(after) && after.crossValue * 3 < after.crossMaintenance * 2) {
    for (const p of crossPositions(after)) backstop(ctx, account, p.asset, p.mark, "Cross");
    const liquidator = accountOf(s, s.config.liquidator);
    liquidator.cash += account.cash;
    account.cash = 0;
  }
  announce(ctx, at, account.address, "Cross", risk.crossNotional, risk.crossValue, positions);
}

function liquidateIsolated(ctx: Ctx, account: Account, p: PositionRisk): void {
  const s = ctx.s;
  const at = ctx.out.length;
  const positions = sizes([p]);
  cancelAllOf(ctx, account.address, "liquidatedCanceled");
  marketLiquidate(ctx, account, p, ctx.time >= account.liquidationCooldownUntil);
  const after = accountRisk(s, account).positions.find((q) => q.asset === p.asset && q.position.size !== 0);
  if (
    after !== undefined &&
    after.isolatedEquity < after.maintenanceMargin &&
    after.isolatedEquity * 3 < after.maintenanceMargin * 2
  ) {
    backstop(ctx, account, p.asset, after.mark, "Isolated");
  }
  announce(ctx, at, account.address, "Isolated", p.notional, p.isolatedEquity, positions);
}

/** Liquidates every account (in address order) that is below maintenance. */
export function sweepLiquidations(ctx: Ctx): void {
  const s = ctx.s;
  const users = [...s.accounts.values()]
    .filter((a) => a.positions.size > 0 && a.address !== s.config.liquidator)
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  for (const account of users) {
    const risk = accountRisk(s, account);
    if (crossLiquidatable(risk)) liquidateCross(ctx, account, risk);
    for (const p of risk.positions) {
      if (p.leverage.type !== "isolated" || p.position.size === 0) continue;
      if (p.isolatedEquity < p.maintenanceMargin) liquidateIsolated(ctx, account, p);
    }
  }
}
