/**
 * @module core/book/orders
 * The life of orders across books: validation against the market's rules, placement (limit, market, trigger,
 * normalTpsl and positionTpsl groups), cancels, modifies, trigger firing and the dead man's switch. Every state change
 * is pushed to `ctx.out` as an event. Pure; called only by engine.ts.
 */

import type { BuilderFee, OrderRequest, Grouping, OrderRef, Tif, TpSl } from "../command.ts";
import type { Ctx } from "../ctx.ts";
import type { CancelResult, FillLeg, OrderResult, OrderStatus, OrderView } from "../event.ts";
import type { Address, AssetId, Oid } from "../ids.ts";
import {
  ceilDiv,
  floorDiv,
  formatUnits,
  PARSE_PRECISION,
  parseUnitsFast,
  priceHasValidFigures,
  roundToFigures,
} from "../num.ts";
import { type Reject, REJECT_STATUS } from "../reject.ts";
import type { Account } from "../clearinghouse/account.ts";
import {
  accountOf,
  assetOfOrder,
  cloidKey,
  type EngineState,
  bookOf,
  liveOrdersOf,
  trackCloid,
  trackTrigger,
} from "../state.ts";
import {
  addHold,
  canAfford,
  recordSpotTrade,
  removeHold,
  SPOT_MAKER_FEE,
  SPOT_MIN_NOTIONAL,
  SPOT_TAKER_FEE,
  type SpotMarket,
  settleSpotLeg,
  spotMarketOf,
} from "../spot/spot.ts";
import { recordTrade } from "../markets/context.ts";
import { freeCrossMargin, leverageOf } from "../clearinghouse/margin.ts";
import { increasingPart, orderRisk } from "../clearinghouse/risk.ts";
import { feeFor, settleLeg } from "../clearinghouse/settle.ts";
import { initialMargin } from "../markets/marginTables.ts";
import type { Market } from "../markets/universe.ts";
import { type Book, type BookOrder, bookOrder } from "./book.ts";
import { type MakerExit, type MatchHooks, match, type Taker } from "./match.ts";
import { dueTriggers, type TriggerOrder } from "./triggers.ts";

/** Minimum order value: $10 in 10^-6 USD (price units × lots). @see hyperliquid-api.md §5.4 */
export const MIN_NOTIONAL = 10_000_000;
/** Slippage a market TP/SL accepts from the mark when it fires. @see hyperliquid-mechanics.md §6.4 */
const TRIGGER_SLIPPAGE_PERCENT = 10;
/** Milliseconds in a UTC day. */
const DAY_MS = 86_400_000;
/** Earliest a dead man's switch may be armed, from now. */
const SCHEDULE_MIN_DELAY_MS = 5_000;
/** Dead man's switch triggers allowed per UTC day. */
const SCHEDULE_MAX_PER_DAY = 10;

// ===== Views and bookkeeping

export function bookView(o: BookOrder, asset: AssetId): OrderView {
  return {
    oid: o.oid,
    user: o.user,
    asset,
    isBuy: o.isBuy,
    price: o.price,
    size: o.size,
    origSize: o.origSize,
    timestamp: o.timestamp,
    cloid: o.cloid,
    reduceOnly: o.reduceOnly,
    tif: o.tif,
    trigger: o.trigger,
    isPositionTpsl: o.isPositionTpsl,
  };
}

export function triggerView(t: TriggerOrder, asset: AssetId): OrderView {
  return {
    oid: t.oid,
    user: t.user,
    asset,
    isBuy: t.isBuy,
    price: t.price,
    size: t.size,
    origSize: t.size,
    timestamp: t.timestamp,
    cloid: t.cloid,
    reduceOnly: t.reduceOnly,
    tif: null,
    trigger: { triggerPrice: t.triggerPrice, isMarket: t.isMarket, tpsl: t.tpsl },
    isPositionTpsl: t.isPositionTpsl,
  };
}

function emit(ctx: Ctx, status: OrderStatus, order: OrderView): void {
  ctx.out.push({ type: "orderStatus", time: ctx.time, status, order });
  // Every status but these ends the order's life; its builder fee goes with it.
  const builders = ctx.s.orderBuilders;
  if (builders.size > 0 && status !== "open" && status !== "triggered") builders.delete(order.oid);
}

/** Removes a live order from the cloid index (its book, or `untrackTrigger`, drops it from the oid index). */
function untrack(s: EngineState, user: Address, oid: Oid, cloid: string | undefined): void {
  if (cloid !== undefined) {
    const key = cloidKey(user, cloid);
    if (s.cloids.get(key) === oid) s.cloids.delete(key);
  }
}

/** The account of an order's owner, cached on the order. */
function ownerAccount(s: EngineState, o: BookOrder): Account {
  let account = o.account;
  if (account === undefined) {
    account = accountOf(s, o.user);
    o.account = account;
  }
  return account;
}

/** Book order leaving the book for any reason: indexes, counters and reserved notional follow. */
function forgetResting(s: EngineState, asset: AssetId, o: BookOrder): void {
  untrack(s, o.user, o.oid, o.cloid);
  const account = ownerAccount(s, o);
  const spotMarket = spotMarketOf(s.spot, asset);
  if (spotMarket !== undefined) removeHold(s.spot, spotMarket, o.user, o.isBuy, o.price, o.size);
  else if (o.reduceOnly) account.reduceOnlyOids.delete(o.oid);
  else account.addOrderNotional(asset, o.isBuy, -o.size * o.price);
}

function restOrder(ctx: Ctx, asset: AssetId, o: BookOrder): void {
  o.seq = ctx.s.nextSeq++;
  (bookOf(ctx.s, asset) as Book).add(o);
  trackCloid(ctx.s, o.user, o.oid, o.cloid);
  const account = ownerAccount(ctx.s, o);
  const spotMarket = spotMarketOf(ctx.s.spot, asset);
  if (spotMarket !== undefined) addHold(ctx.s.spot, spotMarket, o.user, o.isBuy, o.price, o.size);
  else if (o.reduceOnly) account.reduceOnlyOids.add(o.oid);
  else account.addOrderNotional(asset, o.isBuy, o.size * o.price);
}

function addTrigger(ctx: Ctx, asset: AssetId, t: TriggerOrder): void {
  (ctx.s.triggers[asset] as Map<Oid, TriggerOrder>).set(t.oid, t);
  trackTrigger(ctx.s, t, asset);
}

/** Removes a trigger order and reports `status`; detaches it from its parent and sibling. */
function dropTrigger(ctx: Ctx, asset: AssetId, t: TriggerOrder, status: OrderStatus): void {
  const map = ctx.s.triggers[asset] as Map<Oid, TriggerOrder>;
  if (!map.delete(t.oid)) return;
  ctx.s.triggerAsset.delete(t.oid);
  untrack(ctx.s, t.user, t.oid, t.cloid);
  unlinkSibling(ctx, asset, t.siblingOid);
  if (t.parentOid !== undefined) {
    const parent = (bookOf(ctx.s, asset) as Book).get(t.parentOid);
    if (parent?.childOids !== undefined) {
      parent.childOids = parent.childOids.filter((c) => c !== t.oid);
      if (parent.childOids.length === 0) parent.childOids = undefined;
    }
  }
  emit(ctx, status, triggerView(t, asset));
}

/** Clears the sibling link pointing back at an order that is gone. */
function unlinkSibling(ctx: Ctx, asset: AssetId, siblingOid: Oid | undefined): void {
  if (siblingOid === undefined) return;
  const t = ctx.s.triggers[asset]?.get(siblingOid);
  if (t !== undefined) t.siblingOid = undefined;
  const o = bookOf(ctx.s, asset)?.get(siblingOid);
  if (o !== undefined) o.siblingOid = undefined;
}

/** Cancels the other leg of a TP/SL pair once one leg fills. */
function cancelSibling(ctx: Ctx, asset: AssetId, o: BookOrder): void {
  const siblingOid = o.siblingOid;
  if (siblingOid === undefined) return;
  o.siblingOid = undefined;
  const t = ctx.s.triggers[asset]?.get(siblingOid);
  if (t !== undefined) {
    t.siblingOid = undefined;
    dropTrigger(ctx, asset, t, "siblingFilledCanceled");
    return;
  }
  const book = bookOf(ctx.s, asset) as Book;
  const resting = book.get(siblingOid);
  if (resting !== undefined) {
    resting.siblingOid = undefined;
    book.detach(resting);
    forgetResting(ctx.s, asset, resting);
    emit(ctx, "siblingFilledCanceled", bookView(resting, asset));
  }
}

/** A parent that filled completely arms its children; one that left otherwise takes them with it. */
function settleChildren(ctx: Ctx, asset: AssetId, parent: BookOrder, filled: boolean): void {
  const children = parent.childOids;
  if (children === undefined) return;
  parent.childOids = undefined;
  const map = ctx.s.triggers[asset] as Map<Oid, TriggerOrder>;
  for (const oid of children) {
    const t = map.get(oid);
    if (t === undefined) continue;
    t.parentOid = undefined;
    if (filled) t.active = true;
    else dropTrigger(ctx, asset, t, "canceled");
  }
}

/** Removes a resting order and reports `status`, with its group consequences. */
function dropResting(ctx: Ctx, asset: AssetId, o: BookOrder, status: OrderStatus): void {
  (bookOf(ctx.s, asset) as Book).detach(o);
  forgetResting(ctx.s, asset, o);
  emit(ctx, status, bookView(o, asset));
  unlinkSibling(ctx, asset, o.siblingOid);
  settleChildren(ctx, asset, o, false);
}

/** Whether an order result is an error. */
function isError(result: OrderResult): boolean {
  return typeof result === "object" && "error" in result;
}

// ===== Validation

/** An order that passed the market's rules, in units. */
interface ValidOrder {
  readonly market: Market;
  readonly price: number;
  readonly size: number;
  readonly trigger: { readonly price: number; readonly isMarket: boolean; readonly tpsl: TpSl } | undefined;
  readonly tif: Tif | undefined;
}

function parsePrice(market: Market, text: string): number | Reject {
  const units = parseUnitsFast(text, market.priceDecimals);
  if (units < 0) return { code: units === PARSE_PRECISION ? "tick" : "invalidPrice", asset: market.asset };
  if (units === 0) return { code: "invalidPrice", asset: market.asset };
  if (!priceHasValidFigures(units, market.priceDecimals)) return { code: "tick", asset: market.asset };
  return units;
}

/**
 * Checks an order against Hyperliquid's rules: known, listed asset; price within 5 significant figures and
 * 6 − szDecimals decimals; size in whole lots; value at least $10.
 * @see hyperliquid-api.md §5.4 (tick/lot rules, minimum value)
 */
export function validateOrder(s: EngineState, req: OrderRequest): ValidOrder | Reject {
  const spot = spotMarketOf(s.spot, req.asset);
  const market = spot ?? s.universe.get(req.asset);
  if (market === undefined) return { code: "unknownAsset", asset: req.asset };
  if (market.isDelisted === true) return { code: "delisted", asset: req.asset };
  const price = parsePrice(market, req.price);
  if (typeof price !== "number") return price;
  const size = parseUnitsFast(req.size, market.szDecimals);
  if (size < 0) return { code: "invalidSize", asset: market.asset };
  if (size === 0) return { code: "zeroSize", asset: market.asset };
  let trigger: ValidOrder["trigger"];
  let tif: Tif | undefined;
  if ("trigger" in req.kind) {
    if (spot !== undefined) return { code: "spotTrigger", asset: market.asset };
    const t = req.kind.trigger;
    const triggerPrice = parsePrice(market, t.triggerPrice);
    if (typeof triggerPrice !== "number") return triggerPrice;
    trigger = { price: triggerPrice, isMarket: t.isMarket, tpsl: t.tpsl };
  } else {
    tif = req.kind.limit.tif;
  }
  const notional = price * size;
  if (!Number.isSafeInteger(notional)) return { code: "invalidSize", asset: market.asset };
  if (spot !== undefined) {
    if (notional < SPOT_MIN_NOTIONAL) {
      const quote = s.spot.tokens[spot.quoteToken]?.name ?? "USDC";
      return { code: "spotMinNotional", asset: market.asset, params: { quote } };
    }
  } else if (notional < MIN_NOTIONAL) return { code: "minNotional", asset: market.asset };
  return { market, price, size, trigger, tif };
}

// ===== Execution

/** Outcome of placing one order. */
interface Placed {
  readonly result: OrderResult;
  readonly oid: Oid | undefined;
  /** The order is completely filled. */
  readonly filled: boolean;
  /** The order rests on the book (possibly after partial fills). */
  readonly resting: BookOrder | undefined;
}

/**
 * Cancels resting reduce-only orders past what the position allows, oldest first (Hyperliquid was seen canceling the
 * older of two that together exceeded the position; which one it cancels is undocumented).
 */
function enforceReduceOnly(ctx: Ctx, asset: AssetId, account: Account): void {
  if (account.reduceOnlyOids.size === 0) return;
  const book = bookOf(ctx.s, asset) as Book;
  const orders: BookOrder[] = [];
  for (const oid of account.reduceOnlyOids) {
    const o = book.get(oid);
    if (o !== undefined) orders.push(o);
  }
  orders.sort((a, b) => a.seq - b.seq);
  for (const isBuy of [true, false]) {
    const sideOrders = orders.filter((o) => o.isBuy === isBuy);
    let total = sideOrders.reduce((sum, o) => sum + o.size, 0);
    const reducible = account.reducible(asset, isBuy);
    // With nothing to reduce every one goes; otherwise the newest stays, and the matcher's allowance keeps it from
    // increasing the position.
    for (const o of reducible === 0 ? sideOrders : sideOrders.slice(0, -1)) {
      if (total <= reducible) break;
      total -= o.size;
      dropResting(ctx, asset, o, "reduceOnlyCanceled");
    }
  }
}

/**
 * What a fill means to the engine: settlement, the fill event, the maker's margin and reduce-only re-checks, TP/SL
 * siblings. One instance serves every match (execute is never re-entered); its fields are set per call.
 */
class Matcher implements MatchHooks {
  ctx!: Ctx;
  asset = 0;
  order!: BookOrder;
  /** The spot pair being matched, or undefined on a perp. */
  spot: SpotMarket | undefined = undefined;
  /** Makers with resting reduce-only orders whose position changed. */
  readonly touched: Account[] = [];

  makerAllowance(maker: BookOrder, size: number): number {
    const s = this.ctx.s;
    const asset = this.asset;
    // A resting spot order's tokens are held: it can always deliver.
    if (this.spot !== undefined) return size;
    const account = ownerAccount(s, maker);
    if (maker.reduceOnly) return account.reducible(asset, maker.isBuy);
    if (account.isLiquidator) return size;
    const increasing = increasingPart(account.position(asset), maker.isBuy, size);
    if (increasing === 0) return size;
    const required = initialMargin(increasing * maker.price, leverageOf(s, account, asset).value);
    return freeCrossMargin(s, account) >= required ? size : 0;
  }

  fill(maker: BookOrder, taker: Taker, price: number, size: number): void {
    if (this.spot !== undefined) {
      this.spotFill(this.spot, maker, taker, price, size);
      return;
    }
    const ctx = this.ctx;
    const s = ctx.s;
    const asset = this.asset;
    const config = s.config;
    const makerAccount = ownerAccount(s, maker);
    const takerAccount = ownerAccount(s, this.order);
    if (!maker.reduceOnly) makerAccount.addOrderNotional(asset, maker.isBuy, -size * maker.price);
    const notional = price * size;
    const backstop = ctx.liquidation?.method === "backstop";
    const makerFee = backstop ? 0 : feeFor(notional, config.makerFee);
    const takerFee = backstop ? 0 : feeFor(notional, config.takerFee);
    s.treasury.fees += makerFee + takerFee;
    const makerBuilder = builderFee(s, maker.oid, notional);
    const takerBuilder = builderFee(s, taker.oid, notional);
    const makerLeverage = leverageOf(s, makerAccount, asset);
    const takerLeverage = leverageOf(s, takerAccount, asset);
    const m = settleLeg(makerAccount, asset, makerLeverage, maker.isBuy, price, size, makerFee + makerBuilder);
    const t = settleLeg(takerAccount, asset, takerLeverage, taker.isBuy, price, size, takerFee + takerBuilder);
    if (makerBuilder > 0) payBuilder(s, maker.oid, makerBuilder);
    if (takerBuilder > 0) payBuilder(s, taker.oid, takerBuilder);
    recordTrade(
      s,
      asset,
      price,
      size,
      ctx.time,
      m.startPosition,
      makerAccount.position(asset),
      t.startPosition,
      takerAccount.position(asset),
    );
    ctx.out.push({
      type: "fill",
      time: ctx.time,
      asset,
      tid: s.nextTid++,
      price,
      size,
      takerIsBuy: taker.isBuy,
      maker: withBuilderFee({ user: maker.user, oid: maker.oid, cloid: maker.cloid, ...m }, makerBuilder),
      taker: withTwap(
        withBuilderFee({ user: taker.user, oid: taker.oid, cloid: this.order.cloid, ...t }, takerBuilder),
        ctx.twapId,
      ),
      liquidation: ctx.liquidation,
    });
    if (makerAccount.reduceOnlyOids.size > 0 && !this.touched.includes(makerAccount)) this.touched.push(makerAccount);
    if (maker.siblingOid !== undefined) cancelSibling(ctx, asset, maker);
    if (this.order.siblingOid !== undefined) cancelSibling(ctx, asset, this.order);
  }

  /** A spot fill: tokens move between the two users, each paying its fee in what it receives. */
  spotFill(m: SpotMarket, maker: BookOrder, taker: Taker, price: number, size: number): void {
    const ctx = this.ctx;
    const s = ctx.s;
    const spot = s.spot;
    removeHold(spot, m, maker.user, maker.isBuy, maker.price, size);
    const mk = settleSpotLeg(spot, m, maker.user, maker.isBuy, price, size, SPOT_MAKER_FEE);
    const tk = settleSpotLeg(spot, m, taker.user, taker.isBuy, price, size, SPOT_TAKER_FEE);
    recordSpotTrade(spot, m, price, size, ctx.time);
    ctx.out.push({
      type: "fill",
      time: ctx.time,
      asset: this.asset,
      tid: s.nextTid++,
      price,
      size,
      takerIsBuy: taker.isBuy,
      maker: { user: maker.user, oid: maker.oid, cloid: maker.cloid, ...mk },
      taker: withTwap({ user: taker.user, oid: taker.oid, cloid: this.order.cloid, ...tk }, ctx.twapId),
      liquidation: undefined,
    });
  }

  makerExit(maker: BookOrder, why: MakerExit): void {
    const ctx = this.ctx;
    forgetResting(ctx.s, this.asset, maker);
    emit(ctx, why, bookView(maker, this.asset));
    unlinkSibling(ctx, this.asset, maker.siblingOid);
    settleChildren(ctx, this.asset, maker, why === "filled");
  }
}

const matcher = new Matcher();

/** Parts per 10^8 in a tenth of a basis point. */
const BUILDER_FEE_UNIT = 1_000;

/** The builder fee an order pays on a fill of `notional` (0 for most orders). Fees are tenths of a basis point. */
function builderFee(s: EngineState, oid: Oid, notional: number): number {
  if (s.orderBuilders.size === 0) return 0;
  const b = s.orderBuilders.get(oid);
  return b === undefined || b.fee === 0 ? 0 : feeFor(notional, b.fee * BUILDER_FEE_UNIT);
}

/** Credits a builder's fee to the builder's account (money moves between accounts: conservation holds). */
function payBuilder(s: EngineState, oid: Oid, fee: number): void {
  const b = s.orderBuilders.get(oid) as BuilderFee;
  accountOf(s, b.builder).cash += fee;
}

function withBuilderFee(leg: FillLeg, fee: number): FillLeg {
  return fee > 0 ? { ...leg, builderFee: fee } : leg;
}

function withTwap(leg: FillLeg, twapId: number | undefined): FillLeg {
  return twapId === undefined ? leg : { ...leg, twapId };
}

/** What {@link execute} did: filled size and notional, and whether the remainder rested. */
interface Executed {
  size: number;
  notional: number;
  rested: boolean;
}

/** The one result object execute fills in (it is never re-entered, and callers read it at once): no garbage per order. */
const executed: Executed = { size: 0, notional: 0, rested: false };

/**
 * Matches an order (not yet on the book) and rests its remainder when its time in force says so. A reduce-only
 * order fills at most its position. Fills update positions and emit `fill` events; makers that leave emit their
 * status. `rested` says whether the remainder went on the book (it may have been canceled again since).
 * The result is a shared object, valid until the next call.
 */
export function execute(ctx: Ctx, asset: AssetId, order: BookOrder): Readonly<Executed> {
  const s = ctx.s;
  matcher.ctx = ctx;
  matcher.asset = asset;
  matcher.order = order;
  matcher.spot = spotMarketOf(s.spot, asset);
  const touched = matcher.touched;
  touched.length = 0;
  const maxFill = order.reduceOnly ? ownerAccount(s, order).reducible(asset, order.isBuy) : Number.POSITIVE_INFINITY;
  const done = match(bookOf(s, asset) as Book, order, matcher, maxFill);
  const rested = order.size > 0 && order.tif === "Gtc";
  if (rested) restOrder(ctx, asset, order);
  if (touched.length > 0) {
    // Enforcing cancels orders but never matches again, so the scratch list stays as it is while we walk a copy.
    for (const account of touched.slice()) enforceReduceOnly(ctx, asset, account);
  }
  const own = ownerAccount(s, order);
  if (!touched.includes(own)) enforceReduceOnly(ctx, asset, own);
  executed.size = done.size;
  executed.notional = done.notional;
  executed.rested = rested;
  return executed;
}

/** Formats the best bid and ask for the post-only rejection text. */
function bboText(book: Book, market: Market): string {
  const bid = book.bestBid();
  const ask = book.bestAsk();
  const fmt = (p: number | undefined) => (p === undefined ? "None" : formatUnits(p, market.priceDecimals));
  return `${fmt(bid)}@${fmt(ask)}`;
}

/** Reports an order's rejection status and builds its error result. */
function rejectPlaced(
  ctx: Ctx,
  order: BookOrder,
  asset: AssetId,
  code: Reject["code"],
  params: Record<string, string> | undefined,
): Placed {
  const r: Reject = params === undefined ? { code, asset } : { code, asset, params };
  emit(ctx, (REJECT_STATUS[code] ?? "rejected") as OrderStatus, bookView(order, asset));
  return { result: { error: r }, oid: order.oid, filled: false, resting: undefined };
}

/** Places one validated limit order (new, or a trigger that fired). */
function placeLimit(ctx: Ctx, order: BookOrder, market: Market, opts: { aloOnCross: boolean }): Placed {
  const asset = market.asset;
  const book = bookOf(ctx.s, asset) as Book;
  if (order.reduceOnly) {
    const reducible = ownerAccount(ctx.s, order).reducible(asset, order.isBuy);
    if (reducible === 0) return rejectPlaced(ctx, order, asset, "reduceOnly", undefined);
    // An IOC reduce-only order larger than the position fills up to the position, without error.
    if (order.tif !== "Gtc" && order.tif !== "Alo" && order.size > reducible) order.size = reducible;
  }
  if ((order.tif === "Alo" || opts.aloOnCross) && book.wouldCross(order.isBuy, order.price)) {
    return rejectPlaced(ctx, order, asset, "badAloPx", { bbo: bboText(book, market) });
  }
  const account = ownerAccount(ctx.s, order);
  const spot = spotMarketOf(ctx.s.spot, asset);
  if (spot !== undefined) {
    if (!canAfford(ctx.s.spot, spot, order.user, order.isBuy, order.price, order.size)) {
      return rejectPlaced(ctx, order, asset, "insufficientSpotBalance", undefined);
    }
  } else if (!order.reduceOnly && !account.isLiquidator) {
    const risk = orderRisk(ctx.s, account, asset, order.isBuy, order.price, order.size);
    if (risk !== undefined) return rejectPlaced(ctx, order, asset, risk, undefined);
  }
  if (order.tif === "Alo") {
    restOrder(ctx, asset, order);
    emit(ctx, "open", bookView(order, asset));
    enforceReduceOnly(ctx, asset, ownerAccount(ctx.s, order));
    return {
      result: { resting: { oid: order.oid, cloid: order.cloid } },
      oid: order.oid,
      filled: false,
      resting: order,
    };
  }
  const oppositeEmpty = order.tif === "FrontendMarket" && (order.isBuy ? book.bestAsk() : book.bestBid()) === undefined;
  const done = execute(ctx, asset, order);
  if (order.size === 0) {
    emit(ctx, "filled", bookView(order, asset));
    settleChildren(ctx, asset, order, true);
    const filled = { oid: order.oid, cloid: order.cloid, totalSize: done.size, totalNotional: done.notional };
    return { result: { filled }, oid: order.oid, filled: true, resting: undefined };
  }
  if (done.rested) {
    // It may already be gone again (a reduce-only order canceled past its position): that status was reported.
    if (order.level !== undefined) emit(ctx, "open", bookView(order, asset));
    if (order.level === undefined && done.size > 0) {
      const filled = { oid: order.oid, cloid: order.cloid, totalSize: done.size, totalNotional: done.notional };
      return { result: { filled }, oid: order.oid, filled: false, resting: undefined };
    }
    const resting = order.level === undefined ? undefined : order;
    return { result: { resting: { oid: order.oid, cloid: order.cloid } }, oid: order.oid, filled: false, resting };
  }
  // An IOC remainder: canceled. No fill at all is an error for the request.
  if (done.size === 0) {
    return rejectPlaced(ctx, order, asset, oppositeEmpty ? "marketNoLiquidity" : "iocCancel", undefined);
  }
  emit(ctx, "canceled", bookView(order, asset));
  settleChildren(ctx, asset, order, false);
  const filled = { oid: order.oid, cloid: order.cloid, totalSize: done.size, totalNotional: done.notional };
  return { result: { filled }, oid: order.oid, filled: false, resting: undefined };
}

function fail(r: Reject): Placed {
  return { result: { error: r }, oid: undefined, filled: false, resting: undefined };
}

const PLAIN = { positionTpsl: false, aloOnCross: false } as const;
const ALO_ON_CROSS = { positionTpsl: false, aloOnCross: true } as const;
const POSITION_TPSL = { positionTpsl: true, aloOnCross: false } as const;

/** Places one order of a request. `parent` is set for the children of a normalTpsl group. */
function placeOne(
  ctx: Ctx,
  user: Address,
  req: OrderRequest,
  opts: { positionTpsl: boolean; aloOnCross: boolean; parent?: Placed },
): Placed {
  const s = ctx.s;
  const valid = validateOrder(s, req);
  if ("code" in valid) return fail(valid);
  if (req.cloid !== undefined && s.cloids.has(cloidKey(user, req.cloid))) {
    return fail({ code: "duplicateCloid", asset: req.asset });
  }
  if (opts.parent !== undefined && isError(opts.parent.result)) {
    return fail({ code: "parentFailed", asset: req.asset });
  }
  const oid = s.nextOid++;
  if (ctx.builder !== undefined) s.orderBuilders.set(oid, ctx.builder);
  const asset = valid.market.asset;
  if (valid.trigger !== undefined) {
    const parent = opts.parent;
    const waiting = parent !== undefined && !parent.filled;
    const t: TriggerOrder = {
      oid,
      user,
      isBuy: req.isBuy,
      price: valid.price,
      size: valid.size,
      timestamp: ctx.time,
      cloid: req.cloid,
      reduceOnly: req.reduceOnly,
      triggerPrice: valid.trigger.price,
      isMarket: valid.trigger.isMarket,
      tpsl: valid.trigger.tpsl,
      isPositionTpsl: opts.positionTpsl,
      active: !waiting,
      parentOid: waiting ? parent.oid : undefined,
      siblingOid: undefined,
    };
    if (waiting && parent.resting === undefined) {
      // The parent neither filled completely nor rests: its children are not placed.
      emit(ctx, "canceled", triggerView(t, asset));
      return { result: "waitingForFill", oid, filled: false, resting: undefined };
    }
    addTrigger(ctx, asset, t);
    emit(ctx, "open", triggerView(t, asset));
    if (waiting && parent.resting !== undefined) {
      parent.resting.childOids = [...(parent.resting.childOids ?? []), oid];
    }
    return { result: waiting ? "waitingForFill" : "waitingForTrigger", oid, filled: false, resting: undefined };
  }
  const order = bookOrder({
    oid,
    asset,
    user,
    isBuy: req.isBuy,
    price: valid.price,
    size: valid.size,
    timestamp: ctx.time,
    cloid: req.cloid,
    reduceOnly: req.reduceOnly,
    tif: valid.tif as Tif,
    isPositionTpsl: opts.positionTpsl,
  });
  return placeLimit(ctx, order, valid.market, { aloOnCross: opts.aloOnCross });
}

/** Links a take-profit and a stop-loss placed together as siblings (one filling cancels the other). */
function linkPair(ctx: Ctx, user: Address, reqs: readonly OrderRequest[], placed: readonly Placed[]): void {
  let tp: Oid | undefined;
  let sl: Oid | undefined;
  let asset: AssetId | undefined;
  reqs.forEach((req, i) => {
    const p = placed[i];
    if (p?.oid === undefined || !("trigger" in req.kind)) return;
    if (asset !== undefined && asset !== req.asset) return;
    if (req.kind.trigger.tpsl === "tp" && tp === undefined) tp = p.oid;
    if (req.kind.trigger.tpsl === "sl" && sl === undefined) sl = p.oid;
    asset = req.asset;
  });
  if (tp === undefined || sl === undefined || asset === undefined) return;
  const map = ctx.s.triggers[asset] as Map<Oid, TriggerOrder>;
  const a = map.get(tp);
  const b = map.get(sl);
  if (a === undefined || b === undefined || a.user !== user || b.user !== user) return;
  a.siblingOid = sl;
  b.siblingOid = tp;
}

/**
 * Places a batch of orders with its grouping. `normalTpsl`: the first order is the parent, the rest are its TP/SL
 * children, armed only once the parent fills completely. `positionTpsl`: TP/SL attached to the position.
 * @see hyperliquid-api.md §5.4 (grouping)
 */
export function placeOrders(
  ctx: Ctx,
  user: Address,
  orders: readonly OrderRequest[],
  grouping: Grouping,
): OrderResult[] {
  const placed: Placed[] = new Array(orders.length);
  const positionTpsl = grouping === "positionTpsl";
  for (let i = 0; i < orders.length; i++) {
    const req = orders[i] as OrderRequest;
    const parent = grouping === "normalTpsl" && i > 0 ? placed[0] : undefined;
    const opts =
      parent !== undefined ? { positionTpsl, aloOnCross: false, parent } : positionTpsl ? POSITION_TPSL : PLAIN;
    placed[i] = placeOne(ctx, user, req, opts);
  }
  if (grouping === "normalTpsl") linkPair(ctx, user, orders.slice(1), placed.slice(1));
  if (grouping === "positionTpsl") linkPair(ctx, user, orders, placed);
  return placed.map((p) => p.result);
}

// ===== Cancel and modify

/** Cancels one live order of `user` (resting or trigger). Returns false when there is no such order. */
function cancelLive(ctx: Ctx, user: Address, oid: Oid, asset: AssetId, status: OrderStatus): boolean {
  const resting = bookOf(ctx.s, asset)?.get(oid);
  if (resting !== undefined) {
    if (resting.user !== user) return false;
    dropResting(ctx, asset, resting, status);
    return true;
  }
  const t = ctx.s.triggers[asset]?.get(oid);
  if (t === undefined || t.user !== user) return false;
  dropTrigger(ctx, asset, t, status);
  return true;
}

/** Cancels every live order of a user, oldest first, reporting `status`. */
export function cancelAllOf(ctx: Ctx, user: Address, status: OrderStatus): void {
  for (const [oid, asset] of liveOrdersOf(ctx.s, user)) cancelLive(ctx, user, oid, asset, status);
}

/** Cancels orders by (asset, oid). @see hyperliquid-api.md §5.4 (cancel) */
export function cancelOrders(
  ctx: Ctx,
  user: Address,
  cancels: readonly { asset: AssetId; oid: Oid }[],
): CancelResult[] {
  return cancels.map(({ asset, oid }) =>
    cancelLive(ctx, user, oid, asset, "canceled") ? "success" : { error: { code: "missingOrder" } },
  );
}

/** Cancels orders by (asset, cloid). */
export function cancelOrdersByCloid(
  ctx: Ctx,
  user: Address,
  cancels: readonly { asset: AssetId; cloid: string }[],
): CancelResult[] {
  return cancels.map(({ asset, cloid }) => {
    const oid = ctx.s.cloids.get(cloidKey(user, cloid));
    const ok = oid !== undefined && cancelLive(ctx, user, oid, asset, "canceled");
    return ok ? "success" : { error: { code: "missingOrder" } };
  });
}

/**
 * Modifies orders: each cancels the old order and places the new one with a new oid (losing queue priority).
 * Without `alwaysPlace`, a new order that would execute at once is treated as post-only and rejected
 * (Hyperliquid: "a non-executable GTC whose TIF is then overridden to ALO"); with it, the order is placed as sent,
 * even when the old order is gone.
 * @see hyperliquid-api.md §5.4 (modify, batchModify)
 */
export function modifyOrders(
  ctx: Ctx,
  user: Address,
  modifies: readonly { ref: OrderRef; order: OrderRequest }[],
  alwaysPlace: boolean,
): OrderResult[] {
  const results: OrderResult[] = new Array(modifies.length);
  for (let i = 0; i < modifies.length; i++) {
    const { ref, order } = modifies[i] as { ref: OrderRef; order: OrderRequest };
    const oid = "oid" in ref ? ref.oid : ctx.s.cloids.get(cloidKey(user, ref.cloid));
    const asset = oid === undefined ? undefined : assetOfOrder(ctx.s, oid);
    // cancelLive checks that the order is the user's: someone else's oid is as missing as a dead one.
    const canceled = oid !== undefined && asset !== undefined && cancelLive(ctx, user, oid, asset, "canceled");
    if (!canceled && !alwaysPlace) {
      results[i] = { error: { code: "modifyMissing" } };
      continue;
    }
    results[i] = placeOne(ctx, user, order, alwaysPlace ? PLAIN : ALO_ON_CROSS).result;
  }
  return results;
}

// ===== Triggers

/** Price a market TP/SL accepts when it fires: mark ± 10%, rounded to a valid price toward the mark. */
export function triggerMarketPrice(mark: number, isBuy: boolean, market: Market): number {
  const scaled = isBuy ? mark * (100 + TRIGGER_SLIPPAGE_PERCENT) : mark * (100 - TRIGGER_SLIPPAGE_PERCENT);
  const raw = isBuy ? floorDiv(scaled, 100) : ceilDiv(scaled, 100);
  const price = roundToFigures(raw, 5, market.priceDecimals, isBuy ? "down" : "up");
  return price > 0 ? price : 1;
}

/**
 * Fires the trigger orders of an asset that the new mark reaches, oldest first: each reports `triggered`, then runs
 * under the same oid as a market (IOC at mark ± 10%) or a limit (GTC at its price) order. Reduce-only and position
 * TP/SL orders are clipped to the position and canceled when there is none.
 */
export function fireTriggers(ctx: Ctx, asset: AssetId, mark: number): void {
  const map = ctx.s.triggers[asset];
  const market = ctx.s.universe.get(asset);
  if (map === undefined || market === undefined || map.size === 0) return;
  for (const t of dueTriggers(map, mark)) {
    if (map.get(t.oid) !== t) continue;
    map.delete(t.oid);
    ctx.s.triggerAsset.delete(t.oid);
    untrack(ctx.s, t.user, t.oid, t.cloid);
    emit(ctx, "triggered", triggerView(t, asset));
    let size = t.size;
    if (t.reduceOnly || t.isPositionTpsl) {
      const reducible = accountOf(ctx.s, t.user).reducible(asset, t.isBuy);
      if (size > reducible) size = reducible;
      if (size === 0) {
        unlinkSibling(ctx, asset, t.siblingOid);
        emit(ctx, "reduceOnlyCanceled", triggerView(t, asset));
        continue;
      }
    }
    const price = t.isMarket ? triggerMarketPrice(mark, t.isBuy, market) : t.price;
    const fired = bookOrder({
      oid: t.oid,
      asset,
      user: t.user,
      isBuy: t.isBuy,
      price,
      size,
      timestamp: t.timestamp,
      cloid: t.cloid,
      reduceOnly: t.reduceOnly,
      tif: t.isMarket ? "FrontendMarket" : "Gtc",
      trigger: { triggerPrice: t.triggerPrice, isMarket: t.isMarket, tpsl: t.tpsl },
      isPositionTpsl: t.isPositionTpsl,
      siblingOid: t.siblingOid,
    });
    const placed = placeLimit(ctx, fired, market, { aloOnCross: false });
    if (isError(placed.result)) unlinkSibling(ctx, asset, fired.siblingOid);
  }
}

// ===== Dead man's switch

/**
 * Arms (`at` given) or clears the dead man's switch of a user. Returns a rejection, or undefined on success.
 * Hyperliquid also gates this on traded volume; hyperlocal does not, so that bots can test their switch locally.
 * @see hyperliquid-api.md §5.4 (scheduleCancel)
 */
export function scheduleCancel(ctx: Ctx, user: Address, at: number | undefined): Reject | undefined {
  const s = ctx.s;
  const today = Math.floor(ctx.time / DAY_MS);
  const current = s.schedules.get(user);
  if (at === undefined) {
    if (current !== undefined) current.at = undefined;
    return undefined;
  }
  if (at < ctx.time + SCHEDULE_MIN_DELAY_MS) return { code: "scheduleTooEarly" };
  const firedToday = current !== undefined && current.day === today ? current.fired : 0;
  if (firedToday >= SCHEDULE_MAX_PER_DAY) return { code: "scheduleLimit" };
  s.schedules.set(user, { at, day: current?.day ?? today, fired: current?.fired ?? 0 });
  return undefined;
}

/** Cancels every live order of users whose switch time has come (`scheduledCancel`), users in order of time. */
export function fireSchedules(ctx: Ctx): void {
  const s = ctx.s;
  if (s.schedules.size === 0) return;
  const due: [Address, number][] = [];
  for (const [user, sc] of s.schedules) if (sc.at !== undefined && sc.at <= ctx.time) due.push([user, sc.at]);
  if (due.length === 0) return;
  due.sort(([ua, a], [ub, b]) => a - b || (ua < ub ? -1 : ua > ub ? 1 : 0));
  for (const [user, at] of due) {
    const sc = s.schedules.get(user);
    if (sc === undefined) continue;
    const day = Math.floor(at / DAY_MS);
    sc.fired = sc.day === day ? sc.fired + 1 : 1;
    sc.day = day;
    sc.at = undefined;
    cancelAllOf(ctx, user, "scheduledCancel");
  }
}
