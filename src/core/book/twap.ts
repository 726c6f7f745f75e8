/**
 * @module core/book/twap
 * TWAP orders: placement, their 30-second slices and cancel. A TWAP of `size` over `minutes` runs `2 × minutes + 1`
 * slices, one every 30 s from its placement (the first at once); slice k aims at `size × (k + 1) / n` executed, so a
 * slice that could not fill is caught up by the next ones, each at most 3 × the normal slice (`size / n`). A slice is
 * an IOC order at mark ± 3% (rounded to a valid price toward the mark) through the ordinary matching; its fills carry
 * the TWAP's id. `randomize` scales each slice but the last by 80–120%, derived from the TWAP id and the slice index
 * (no randomness). A TWAP finishes after its last slice, executed or not (Hyperliquid: "may not finish").
 * Pure; called only by engine.ts.
 * @see hyperliquid-mechanics.md §7
 */

import type { Ctx } from "../ctx.ts";
import type { TwapOrderResult, TwapStatus, TwapView, CancelResult } from "../event.ts";
import type { Address, AssetId } from "../ids.ts";
import { ceilDiv, floorDiv, parseUnitsFast, roundToFigures } from "../num.ts";
import type { Reject } from "../reject.ts";
import { markOf } from "../clearinghouse/margin.ts";
import { orderRisk } from "../clearinghouse/risk.ts";
import type { Market } from "../markets/universe.ts";
import { accountOf, type EngineState } from "../state.ts";
import { bookOrder } from "./book.ts";
import { execute } from "./orders.ts";

/** Time between slices (ms). */
export const TWAP_SLICE_MS = 30_000;
/** Shortest and longest running time, minutes (5 min – 7 days). */
export const TWAP_MIN_MINUTES = 5;
export const TWAP_MAX_MINUTES = 7 * 24 * 60;
/** Minimum value per minute of running time, 10^-6 USD ($10). */
export const TWAP_MIN_PER_MINUTE = 10_000_000;
/** Slippage a slice accepts from the mark, percent. */
export const TWAP_SLIPPAGE_PERCENT = 3;
/** Catch-up cap: a slice is at most this many normal slices. */
export const TWAP_CATCH_UP = 3;
/** Randomize range: a slice is scaled by 100 ± this percent. */
export const TWAP_RANDOM_PERCENT = 20;

/** A running TWAP order. Plain data: the snapshot stores it as it is. */
export interface Twap {
  readonly id: number;
  readonly user: Address;
  readonly asset: AssetId;
  readonly isBuy: boolean;
  /** Total size, lots. */
  readonly size: number;
  readonly reduceOnly: boolean;
  readonly minutes: number;
  readonly randomize: boolean;
  /** Placement time (ms); slice k is due at `timestamp + 30 s × k`. */
  readonly timestamp: number;
  /** Lots executed so far. */
  executedSize: number;
  /** Price units × lots executed so far (10^-6 USD for perps). */
  executedNotional: number;
  /** Index of the next slice. */
  nextSlice: number;
}

/** Number of slices of a TWAP running `minutes`. */
export function sliceCount(minutes: number): number {
  return (minutes * 60_000) / TWAP_SLICE_MS + 1;
}

/** When the next slice of a TWAP is due (ms). */
export function nextSliceAt(t: Twap): number {
  return t.timestamp + t.nextSlice * TWAP_SLICE_MS;
}

/** The TWAP as events and queries show it. */
export function twapView(t: Twap): TwapView {
  return {
    twapId: t.id,
    user: t.user,
    asset: t.asset,
    isBuy: t.isBuy,
    size: t.size,
    executedSize: t.executedSize,
    executedNotional: t.executedNotional,
    minutes: t.minutes,
    randomize: t.randomize,
    reduceOnly: t.reduceOnly,
    timestamp: t.timestamp,
  };
}

function report(ctx: Ctx, t: Twap, status: TwapStatus): void {
  ctx.out.push({ type: "twap", time: ctx.time, status, twap: twapView(t) });
}

/** A deterministic percentage in `[100 − 20, 100 + 20]` for slice `k` of TWAP `id` (an integer hash, no randomness). */
export function randomPercent(id: number, k: number): number {
  let h = Math.imul(id ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(k + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return 100 - TWAP_RANDOM_PERCENT + ((h >>> 0) % (2 * TWAP_RANDOM_PERCENT + 1));
}

/**
 * Size (lots) of slice `k` given what is executed: the shortfall to the target `size × (k + 1) / n`, randomized when
 * asked (not the last slice), at most 3 normal slices and never more than what remains.
 */
export function sliceSize(t: Twap, k: number): number {
  const n = sliceCount(t.minutes);
  const target = Math.floor((t.size * (k + 1)) / n);
  let size = target - t.executedSize;
  if (t.randomize && k < n - 1) size = Math.floor((size * randomPercent(t.id, k)) / 100);
  const cap = TWAP_CATCH_UP * ceilDiv(t.size, n);
  return Math.max(0, Math.min(size, cap, t.size - t.executedSize));
}

/** The limit price of a slice: mark ± 3%, rounded to a valid price toward the mark. */
export function slicePrice(mark: number, isBuy: boolean, market: Market): number {
  const scaled = isBuy ? mark * (100 + TWAP_SLIPPAGE_PERCENT) : mark * (100 - TWAP_SLIPPAGE_PERCENT);
  const raw = isBuy ? floorDiv(scaled, 100) : ceilDiv(scaled, 100);
  const price = roundToFigures(raw, 5, market.priceDecimals, isBuy ? "down" : "up");
  return price > 0 ? price : 1;
}

/** The parameters of a `twapOrder`. */
export interface TwapParams {
  readonly asset: AssetId;
  readonly isBuy: boolean;
  readonly size: string;
  readonly reduceOnly: boolean;
  readonly minutes: number;
  readonly randomize: boolean;
}

/** Why a TWAP may not be placed, or its size in lots. */
function validateTwap(ctx: Ctx, user: Address, p: TwapParams): number | Reject {
  const s = ctx.s;
  const market = s.universe.get(p.asset);
  if (market === undefined) return { code: "unknownAsset", asset: p.asset };
  if (market.isDelisted === true) return { code: "delisted", asset: p.asset };
  if (!Number.isSafeInteger(p.minutes) || p.minutes < TWAP_MIN_MINUTES || p.minutes > TWAP_MAX_MINUTES) {
    return { code: "twapDuration", params: { minutes: String(p.minutes) } };
  }
  const size = parseUnitsFast(p.size, market.szDecimals);
  if (size < 0) return { code: "invalidSize", asset: p.asset };
  if (size === 0) return { code: "zeroSize", asset: p.asset };
  const mark = markOf(s, p.asset) ?? 0;
  const min = p.minutes * TWAP_MIN_PER_MINUTE;
  if (size * mark < min) return { code: "twapTooSmall", params: { min: String(p.minutes * 10) } };
  if (p.reduceOnly && accountOf(s, user).reducible(p.asset, p.isBuy) === 0) return { code: "twapReduceOnly" };
  return size;
}

/** Places a TWAP order: reports `activated` and runs its first slice at once. */
export function placeTwap(ctx: Ctx, user: Address, p: TwapParams): TwapOrderResult {
  const size = validateTwap(ctx, user, p);
  if (typeof size !== "number") return { error: size };
  const s = ctx.s;
  const t: Twap = {
    id: s.nextTwapId++,
    user,
    asset: p.asset,
    isBuy: p.isBuy,
    size,
    reduceOnly: p.reduceOnly,
    minutes: p.minutes,
    randomize: p.randomize,
    timestamp: ctx.time,
    executedSize: 0,
    executedNotional: 0,
    nextSlice: 0,
  };
  s.twaps.set(t.id, t);
  report(ctx, t, "activated");
  runDue(ctx, t);
  return { running: t.id };
}

/** Stops a running TWAP of the user (`terminated`). */
export function cancelTwap(ctx: Ctx, user: Address, asset: AssetId, twapId: number): CancelResult {
  const t = ctx.s.twaps.get(twapId);
  if (t === undefined || t.user !== user || t.asset !== asset) return { error: { code: "twapMissing" } };
  ctx.s.twaps.delete(twapId);
  report(ctx, t, "terminated");
  return "success";
}

/** Runs the slices of every TWAP that are due at the command's time, TWAPs in order of their next slice, then id. */
export function fireTwaps(ctx: Ctx): void {
  const twaps = ctx.s.twaps;
  if (twaps.size === 0) return;
  const due = [...twaps.values()].filter((t) => nextSliceAt(t) <= ctx.time);
  if (due.length === 0) return;
  due.sort((a, b) => nextSliceAt(a) - nextSliceAt(b) || a.id - b.id);
  for (const t of due) if (twaps.get(t.id) === t) runDue(ctx, t);
}

/** The earliest slice due among running TWAPs (ms), or undefined. */
export function nextTwapTime(s: EngineState): number | undefined {
  let due: number | undefined;
  for (const t of s.twaps.values()) {
    const at = nextSliceAt(t);
    if (due === undefined || at < due) due = at;
  }
  return due;
}

/** Runs every slice of one TWAP due by now; finishes it after its last slice. */
function runDue(ctx: Ctx, t: Twap): void {
  const n = sliceCount(t.minutes);
  while (t.nextSlice < n && nextSliceAt(t) <= ctx.time) {
    const k = t.nextSlice++;
    if (!runSlice(ctx, t, k)) {
      ctx.s.twaps.delete(t.id);
      report(ctx, t, "terminated");
      return;
    }
  }
  if (t.nextSlice >= n) {
    ctx.s.twaps.delete(t.id);
    report(ctx, t, "finished");
  }
}

/** Executes slice `k`. Returns false when the TWAP must stop (a reduce-only TWAP with no position left). */
function runSlice(ctx: Ctx, t: Twap, k: number): boolean {
  const s = ctx.s;
  const market = s.universe.get(t.asset);
  const mark = markOf(s, t.asset);
  if (market === undefined || mark === undefined) return true;
  let size = sliceSize(t, k);
  const account = accountOf(s, t.user);
  if (t.reduceOnly) {
    const reducible = account.reducible(t.asset, t.isBuy);
    if (reducible === 0) return false;
    if (size > reducible) size = reducible;
  }
  if (size === 0) return true;
  const price = slicePrice(mark, t.isBuy, market);
  if (!t.reduceOnly && !account.isLiquidator && orderRisk(s, account, t.asset, t.isBuy, price, size) !== undefined) {
    return true;
  }
  const order = bookOrder({
    oid: s.nextOid++,
    asset: t.asset,
    user: t.user,
    isBuy: t.isBuy,
    price,
    size,
    timestamp: ctx.time,
    reduceOnly: t.reduceOnly,
    tif: "Ioc",
  });
  ctx.twapId = t.id;
  try {
    const done = execute(ctx, t.asset, order);
    t.executedSize += done.size;
    t.executedNotional += done.notional;
  } finally {
    ctx.twapId = undefined;
  }
  return true;
}
