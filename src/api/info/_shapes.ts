/**
 * @module api/info/_shapes
 * Hyperliquid's shared response objects (§4.3), built from core values and history records: `PerpAssetCtx`, `meta`,
 * `UserFill` (with `aggregateByTime`), `OpenOrder` / `FrontendOpenOrder` / `HistoricalOrder`, `ClearinghouseState`,
 * candles, trades, funding and ledger updates. Pure functions of what they are given; they read the engine between
 * commands and never change it. The /info handlers and, later, the WebSocket feeds format through these, so a shape
 * is written once. Wire names (`px`, `sz`, `szi`, ...) appear only here and in the handlers. Key order follows the
 * real server's (captured responses), which no client depends on but which makes diffs against captures readable.
 * @see hyperliquid-api.md §4.3 (shared shapes), §1.7 (payloads), hyperliquid-mechanics.md §1.3 (account identities)
 */

import type {
  Address,
  Engine,
  LedgerDelta,
  Leverage,
  LiquidationTag,
  LiveOrder,
  Market,
  OrderStatus,
  OrderView,
} from "../../core/index.ts";
import {
  DEFAULT_SPOT_TOKENS,
  direction,
  firesAbove,
  formatUnits,
  triggerOrderType,
  USDC_TOKEN,
} from "../../core/index.ts";
import type {
  CandleInterval,
  CandleRecord,
  FillRecord,
  FundingRecord,
  LedgerRecord,
  OrderRecord,
  TradeRecord,
} from "../../journal/history.ts";
import {
  formatAveragePrice,
  formatPrice,
  formatRate,
  formatSize,
  formatUsd,
  RATE_DECIMALS,
  recordHash,
  side,
  ZERO_HASH,
} from "../wire.ts";
import { asSpot, type MarketLookup, marketsOf } from "./_markets.ts";
import type { Hex } from "./_schemas.ts";

/** A live order as the engine reports it. */
export type { LiveOrder } from "../../core/index.ts";
/** A margin table as configured. */
export type MarginTable = Engine["state"]["tables"] extends ReadonlyMap<number, infer T> ? T : never;

// ===== Numbers

/** Decimals Hyperliquid prints for premiums and return on equity. */
const PRINTED_RATE_DECIMALS = 10;

/** A price that may not exist yet (no oracle set, no trade): `"0.0"` stands in. */
function priceOrZero(market: Market, units: number | undefined): string {
  return units === undefined ? "0.0" : formatPrice(market, units);
}

/**
 * A rate in parts per 10^12 rounded half away from zero to the 10 decimals Hyperliquid prints (a capture: oracle
 * 85828, impact ask 85820 → premium −8/85828 printed `"-0.0000932097"`).
 */
export function formatPrintedRate(ppt: number): string {
  const step = 10 ** (RATE_DECIMALS - PRINTED_RATE_DECIMALS);
  const abs = Math.abs(ppt);
  const rounded = abs - (abs % step) + (abs % step >= step / 2 ? step : 0);
  return formatRate(ppt < 0 ? -rounded : rounded);
}

/** A bigint count of 10^-decimals as a decimal string, with the trailing `.0` rule. */
function formatBigUnits(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const scale = 10n ** BigInt(decimals);
  const whole = abs / scale;
  let frac = (abs % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  if (frac === "") frac = "0";
  return `${negative && abs !== 0n ? "-" : ""}${whole}.${frac}`;
}

/** Mid price `(bid + ask) / 2`, exact: one decimal more than the market's prices when the sum is odd. */
export function formatMid(market: Market, bid: number, ask: number): string {
  return formatUnits((bid + ask) * 5, market.priceDecimals + 1);
}

/** A decimal without its trailing `.0`: numbers inside Hyperliquid's prose strings print so (`"Price above 31180"`). */
function plain(decimal: string): string {
  return decimal.endsWith(".0") ? decimal.slice(0, -2) : decimal;
}

// ===== meta and asset contexts

/** One perp of `meta.universe`. Flags appear only when true. @see hyperliquid-api.md §4.4 meta */
export interface PerpUniverseEntry {
  szDecimals: number;
  name: string;
  maxLeverage: number;
  marginTableId: number;
  onlyIsolated?: true;
  isDelisted?: true;
}

/** A margin table on the wire: `lowerBound` is a USD notional string. */
export interface MarginTableWire {
  description: string;
  marginTiers: { lowerBound: string; maxLeverage: number }[];
}

/** `meta`. */
export interface Meta {
  universe: PerpUniverseEntry[];
  marginTables: [number, MarginTableWire][];
  /** Token index of the collateral: 0 = USDC. */
  collateralToken: number;
}

/** A margin table as `meta` and `marginTable` print it. */
export function marginTableWire(table: MarginTable): MarginTableWire {
  return {
    description: table.description,
    marginTiers: table.tiers.map((t) => ({ lowerBound: formatUsd(t.lowerBound), maxLeverage: t.maxLeverage })),
  };
}

/** `meta` of the first perp dex: every market in asset order, and the configured margin tables by id. */
export function metaOf(engine: Engine): Meta {
  const universe = engine.state.universe.markets.map((m): PerpUniverseEntry => {
    const entry: PerpUniverseEntry = {
      szDecimals: m.szDecimals,
      name: m.name,
      maxLeverage: m.maxLeverage,
      marginTableId: m.marginTableId,
    };
    if (m.onlyIsolated === true) entry.onlyIsolated = true;
    if (m.isDelisted === true) entry.isDelisted = true;
    return entry;
  });
  const marginTables = [...engine.state.tables.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, table]): [number, MarginTableWire] => [id, marginTableWire(table)]);
  return { universe, marginTables, collateralToken: 0 };
}

/**
 * `PerpAssetCtx` (ctx i ↔ `meta.universe[i]`). `premium`, `midPx` and `impactPxs` are `null` while the book cannot
 * give them, as on Hyperliquid; `oraclePx`, `markPx` and `prevDayPx` print `"0.0"` before the market has any price
 * (Hyperliquid always has an oracle; hyperlocal has none until the first `setOracle`).
 */
export interface PerpAssetCtx {
  funding: string;
  openInterest: string;
  prevDayPx: string;
  dayNtlVlm: string;
  premium: string | null;
  oraclePx: string;
  markPx: string;
  midPx: string | null;
  impactPxs: [string, string] | null;
  dayBaseVlm: string;
}

/** The context of one market. */
export function perpAssetCtx(engine: Engine, market: Market): PerpAssetCtx {
  const c = engine.assetContext(market.asset);
  const book = engine.state.books[market.asset];
  const bid = book?.bestBid();
  const ask = book?.bestAsk();
  const [impactBid, impactAsk] = c?.impactPrices ?? [undefined, undefined];
  return {
    funding: formatRate(c?.funding ?? 0),
    openInterest: formatSize(market, c?.openInterest ?? 0),
    prevDayPx: priceOrZero(market, c?.prevDayPrice),
    dayNtlVlm: formatUsd(c?.dayNotional ?? 0),
    premium: c?.premium === undefined ? null : formatPrintedRate(c.premium),
    oraclePx: priceOrZero(market, c?.oracle),
    markPx: priceOrZero(market, c?.mark),
    midPx: bid === undefined || ask === undefined ? null : formatMid(market, bid, ask),
    impactPxs:
      impactBid === undefined || impactAsk === undefined
        ? null
        : [formatPrice(market, impactBid), formatPrice(market, impactAsk)],
    dayBaseVlm: formatSize(market, c?.dayBase ?? 0),
  };
}

/** Contexts of every market, in asset order. */
export function perpAssetCtxs(engine: Engine): PerpAssetCtx[] {
  return engine.state.universe.markets.map((m) => perpAssetCtx(engine, m));
}

// ===== Fills

/** How a liquidation fill came about. */
export interface FillLiquidationWire {
  liquidatedUser: Hex;
  markPx: string;
  method: "market" | "backstop";
}

/**
 * `UserFill`. `hash` is hyperlocal's stand-in transaction hash, shared by both legs of a trade and by the trade
 * itself (a TWAP slice's hash is all zeros, as Hyperliquid's); `twapId` is the TWAP of a slice fill, else `null`; `fee`
 * includes `builderFee`, which appears only when above zero.
 */
export interface UserFill {
  coin: string;
  px: string;
  sz: string;
  side: "B" | "A";
  time: number;
  startPosition: string;
  dir: string;
  closedPnl: string;
  hash: Hex;
  oid: number;
  crossed: boolean;
  fee: string;
  tid: number;
  cloid?: Hex;
  feeToken: string;
  twapId: number | null;
  builderFee?: string;
  liquidation?: FillLiquidationWire;
}

/** The stand-in hash of a trade (both fill legs and the public trade share it). */
export function tradeHash(tid: number): Hex {
  return recordHash("trade", tid) as Hex;
}

function liquidationWire(market: Market, tag: LiquidationTag): FillLiquidationWire {
  return { liquidatedUser: tag.liquidatedUser as Hex, markPx: formatPrice(market, tag.markPrice), method: tag.method };
}

/**
 * A spot fill's token amounts: the buyer pays its fee in the base token (in that token's wei), the seller in the
 * quote (10^-8 USDC), as `settleSpotLeg` settles; `closedPnl` is in 10^-8 quote.
 */
function spotFillAmounts(
  market: Market,
  r: FillRecord,
): { fee: string; closedPnl: string; feeToken: string } | undefined {
  const spot = asSpot(market);
  if (spot === undefined) return undefined;
  const quote = DEFAULT_SPOT_TOKENS[spot.quoteToken];
  const quoteDecimals = quote?.weiDecimals ?? 8;
  return {
    fee: r.isBuy ? formatUnits(r.fee, spot.base.weiDecimals) : formatUnits(r.fee, quoteDecimals),
    closedPnl: formatUnits(r.closedPnl, quoteDecimals),
    feeToken: r.isBuy ? spot.base.name : (quote?.name ?? "USDC"),
  };
}

function fillWire(market: Market, r: FillRecord, px: string): UserFill {
  const spot = spotFillAmounts(market, r);
  return {
    coin: market.name,
    px,
    sz: formatSize(market, r.size),
    side: side(r.isBuy),
    time: r.time,
    startPosition: formatSize(market, r.startPosition),
    dir: r.dir,
    closedPnl: spot?.closedPnl ?? formatUsd(r.closedPnl),
    hash: r.twapId === undefined ? tradeHash(r.tid) : (ZERO_HASH as Hex),
    oid: r.oid,
    crossed: r.crossed,
    fee: spot?.fee ?? formatUsd(r.fee),
    tid: r.tid,
    ...(r.cloid === undefined ? {} : { cloid: r.cloid as Hex }),
    feeToken: spot?.feeToken ?? "USDC",
    twapId: r.twapId ?? null,
    ...(r.builderFee > 0 ? { builderFee: formatUsd(r.builderFee) } : {}),
    ...(r.liquidation === undefined ? {} : { liquidation: liquidationWire(market, r.liquidation) }),
  };
}

/** One fill leg on the wire. */
export function userFill(market: Market, r: FillRecord): UserFill {
  return fillWire(market, r, formatPrice(market, r.price));
}

/** Whether two legs are fills of one crossing order at one instant (what `aggregateByTime` merges). */
function sameCrossing(a: FillRecord, b: FillRecord): boolean {
  return a.crossed && b.crossed && a.oid === b.oid && a.time === b.time && a.asset === b.asset;
}

/**
 * Several fills of one crossing order at one instant as one: sizes, fees, builder fees and closedPnl summed, `px` the
 * average, `startPosition`, `tid` and `cloid` of the first fill, `dir` over the whole move.
 */
function mergedFill(market: Market, group: readonly FillRecord[]): UserFill {
  let first = group[0] as FillRecord;
  for (const r of group) if (r.tid < first.tid) first = r;
  let size = 0;
  let notional = 0;
  let fee = 0;
  let builderFee = 0;
  let closedPnl = 0;
  for (const r of group) {
    size += r.size;
    notional += r.price * r.size;
    fee += r.fee;
    builderFee += r.builderFee;
    closedPnl += r.closedPnl;
  }
  const end = first.startPosition + (first.isBuy ? size : -size);
  const dir = group.every((r) => r.dir === first.dir) ? first.dir : direction(first.startPosition, end);
  const merged: FillRecord = { ...first, size, fee, builderFee, closedPnl, dir };
  return fillWire(market, merged, formatAveragePrice(market, notional, size));
}

/**
 * Fill records on the wire, in the order given. With `aggregateByTime`, adjacent fills of one crossing order at one
 * instant are merged (Hyperliquid: "partial fills are combined when a crossing order gets filled by multiple
 * different resting orders"; resting orders are never merged).
 */
export function userFills(
  universe: MarketLookup,
  records: readonly FillRecord[],
  aggregateByTime: boolean,
): UserFill[] {
  const out: UserFill[] = [];
  let i = 0;
  while (i < records.length) {
    const r = records[i] as FillRecord;
    let j = i + 1;
    if (aggregateByTime) while (j < records.length && sameCrossing(r, records[j] as FillRecord)) j++;
    const market = universe.get(r.asset);
    if (market !== undefined) out.push(j === i + 1 ? userFill(market, r) : mergedFill(market, records.slice(i, j)));
    i = j;
  }
  return out;
}

// ===== Orders

/** `orderType` of an order. @see hyperliquid-api.md §4.3 FrontendOpenOrder */
export type OrderTypeWire = "Market" | "Limit" | `${"Take Profit" | "Stop"} ${"Market" | "Limit"}`;

/** `tif` of an order (`null` for a trigger order that has not triggered). */
export type TifWire = "Gtc" | "Ioc" | "Alo" | "FrontendMarket" | null;

/** `OpenOrder`: `sz` is what remains; `cloid` and `reduceOnly` only when set. */
export interface OpenOrder {
  coin: string;
  side: "B" | "A";
  limitPx: string;
  sz: string;
  oid: number;
  timestamp: number;
  origSz: string;
  cloid?: Hex;
  reduceOnly?: true;
}

/** `FrontendOpenOrder`: an `OpenOrder` with its trigger, grouping and time in force. */
export interface FrontendOpenOrder {
  coin: string;
  side: "B" | "A";
  limitPx: string;
  sz: string;
  oid: number;
  timestamp: number;
  triggerCondition: string;
  isTrigger: boolean;
  triggerPx: string;
  children: FrontendOpenOrder[];
  isPositionTpsl: boolean;
  reduceOnly: boolean;
  orderType: OrderTypeWire;
  origSz: string;
  tif: TifWire;
  cloid: Hex | null;
}

/** `HistoricalOrder` (also the `order` of an `orderStatus` answer). */
export interface HistoricalOrder {
  order: FrontendOpenOrder;
  status: OrderStatus;
  statusTimestamp: number;
}

/** The `orderType` label: a trigger's kind, `Market` for a `FrontendMarket` order, else `Limit`. */
export function orderTypeOf(o: OrderView): OrderTypeWire {
  const t = o.trigger;
  if (t !== undefined) return triggerOrderType(t.isMarket, t.tpsl) as OrderTypeWire;
  return o.tif === "FrontendMarket" ? "Market" : "Limit";
}

/**
 * `"Price above X"` / `"Price below X"` / `"N/A"`. A trigger fires when the mark reaches its price on the side it
 * closes: a sell take-profit or a buy stop above, a sell stop or a buy take-profit below.
 */
export function triggerCondition(market: Market, o: OrderView): string {
  const t = o.trigger;
  if (t === undefined) return "N/A";
  const above = firesAbove(o.isBuy, t.tpsl);
  return `Price ${above ? "above" : "below"} ${plain(formatPrice(market, t.triggerPrice))}`;
}

/** An order in `openOrders` form. */
export function openOrder(market: Market, o: OrderView): OpenOrder {
  return {
    coin: market.name,
    side: side(o.isBuy),
    limitPx: formatPrice(market, o.price),
    sz: formatSize(market, o.size),
    oid: o.oid,
    timestamp: o.timestamp,
    origSz: formatSize(market, o.origSize),
    ...(o.cloid === undefined ? {} : { cloid: o.cloid as Hex }),
    ...(o.reduceOnly ? { reduceOnly: true as const } : {}),
  };
}

/** An order in `frontendOpenOrders` form, with the children given. */
export function frontendOrder(market: Market, o: OrderView, children: FrontendOpenOrder[] = []): FrontendOpenOrder {
  return {
    coin: market.name,
    side: side(o.isBuy),
    limitPx: formatPrice(market, o.price),
    sz: formatSize(market, o.size),
    oid: o.oid,
    timestamp: o.timestamp,
    triggerCondition: triggerCondition(market, o),
    isTrigger: o.trigger !== undefined,
    triggerPx: o.trigger === undefined ? "0.0" : formatPrice(market, o.trigger.triggerPrice),
    children,
    isPositionTpsl: o.isPositionTpsl,
    reduceOnly: o.reduceOnly,
    orderType: orderTypeOf(o),
    origSz: formatSize(market, o.origSize),
    tif: o.tif,
    cloid: o.cloid === undefined ? null : (o.cloid as Hex),
  };
}

/** An order with one of its statuses. */
export function historicalOrder(market: Market, o: OrderView, status: OrderStatus, time: number): HistoricalOrder {
  return { order: frontendOrder(market, o), status, statusTimestamp: time };
}

/** A history record as a `HistoricalOrder`, or undefined when its asset is unknown. */
export function historicalOrderOf(universe: MarketLookup, r: OrderRecord): HistoricalOrder | undefined {
  const market = universe.get(r.order.asset);
  return market === undefined ? undefined : historicalOrder(market, r.order, r.status, r.statusTime);
}

/**
 * A user's live orders, newest first (oid descending; oids grow with placement and a fired trigger keeps its own).
 * Hyperliquid's order is not documented (UNCERTAIN); a captured normalTpsl answer lists the children newest first.
 */
export function liveOrdersNewestFirst(engine: Engine, user: Address): LiveOrder[] {
  return engine.openOrders(user).sort((a, b) => b.order.oid - a.order.oid);
}

/** `openOrders`: every live order (resting and trigger, children included), flat, newest first. */
export function openOrders(engine: Engine, user: Address): OpenOrder[] {
  const universe = marketsOf(engine);
  return liveOrdersNewestFirst(engine, user).flatMap((l) => {
    const market = universe.get(l.order.asset);
    return market === undefined ? [] : [openOrder(market, l.order)];
  });
}

/**
 * `frontendOpenOrders`: live orders newest first; a normalTpsl child whose parent is still live is listed only in
 * its parent's `children` (Hyperliquid shows the TP/SL legs of an unfilled entry there).
 */
export function frontendOpenOrders(engine: Engine, user: Address): FrontendOpenOrder[] {
  const universe = marketsOf(engine);
  const live = liveOrdersNewestFirst(engine, user);
  const liveOids = new Set(live.map((l) => l.order.oid));
  const children = new Map<number, FrontendOpenOrder[]>();
  const top: LiveOrder[] = [];
  for (const l of live) {
    const market = universe.get(l.order.asset);
    if (market === undefined) continue;
    if (l.parentOid !== undefined && liveOids.has(l.parentOid)) {
      const list = children.get(l.parentOid) ?? [];
      list.push(frontendOrder(market, l.order));
      children.set(l.parentOid, list);
    } else {
      top.push(l);
    }
  }
  return top.map((l) => frontendOrder(universe.get(l.order.asset) as Market, l.order, children.get(l.order.oid) ?? []));
}

// ===== Account

/** A margin summary: strings, 10^-6 USD. */
export interface MarginSummary {
  accountValue: string;
  totalNtlPos: string;
  totalRawUsd: string;
  totalMarginUsed: string;
}

/** Margin mode and leverage; isolated positions add their cash (`rawUsd`). */
export type LeverageWire = { type: "cross"; value: number } | { type: "isolated"; value: number; rawUsd: string };

/** One position of `clearinghouseState.assetPositions`. */
export interface PositionWire {
  coin: string;
  szi: string;
  leverage: LeverageWire;
  entryPx: string;
  positionValue: string;
  unrealizedPnl: string;
  returnOnEquity: string;
  liquidationPx: string | null;
  marginUsed: string;
  maxLeverage: number;
  cumFunding: { allTime: string; sinceOpen: string; sinceChange: string };
}

/** `ClearinghouseState`. */
export interface ClearinghouseState {
  marginSummary: MarginSummary;
  crossMarginSummary: MarginSummary;
  crossMaintenanceMarginUsed: string;
  withdrawable: string;
  assetPositions: { type: "oneWay"; position: PositionWire }[];
  time: number;
}

/** unrealizedPnl × leverage / entry notional, truncated to 10 decimals. @see hyperliquid-mechanics.md §1.3 */
function returnOnEquity(unrealizedPnl: number, leverage: number, entryNotional: number): string {
  if (entryNotional === 0) return "0.0";
  const scale = 10n ** BigInt(PRINTED_RATE_DECIMALS);
  return formatBigUnits((BigInt(unrealizedPnl) * BigInt(leverage) * scale) / BigInt(entryNotional), 10);
}

/**
 * A user's perp account (zeroed for an unknown user). `marginSummary` is cross + isolated, `crossMarginSummary`
 * cross only; `totalRawUsd` is the cash such that value = rawUsd + Σ szi × mark; a cross position's `marginUsed` is
 * notional / leverage, an isolated one's its isolated equity. `cumFunding` keeps the engine's sign: positive = paid
 * (Hyperliquid's sign is UNCERTAIN, hyperliquid-mechanics.md §1.3). Positions in asset order.
 */
export function clearinghouseState(engine: Engine, user: Address, time: number): ClearinghouseState {
  const risk = engine.accountRisk(user);
  const cash = engine.state.accounts.get(user)?.cash ?? 0;
  let isolatedRaw = 0;
  let isolatedMargin = 0;
  const assetPositions: ClearinghouseState["assetPositions"] = [];
  for (const p of risk.positions) {
    const market = engine.state.universe.get(p.asset);
    const isolated = p.leverage.type === "isolated";
    if (isolated) {
      isolatedRaw += p.position.isoRaw;
      isolatedMargin += p.isolatedEquity;
    }
    const size = p.position.size;
    if (market === undefined || size === 0) continue;
    const abs = Math.abs(size);
    const liquidation = engine.liquidationPrice(user, p.asset);
    const funding = p.position.funding;
    assetPositions.push({
      type: "oneWay",
      position: {
        coin: market.name,
        szi: formatSize(market, size),
        leverage: isolated
          ? { type: "isolated", value: p.leverage.value, rawUsd: formatUsd(p.position.isoRaw) }
          : { type: "cross", value: p.leverage.value },
        entryPx: formatAveragePrice(market, p.position.entryNotional, abs),
        positionValue: formatUsd(p.notional),
        unrealizedPnl: formatUsd(p.unrealizedPnl),
        returnOnEquity: returnOnEquity(p.unrealizedPnl, p.leverage.value, p.position.entryNotional),
        liquidationPx: liquidation === undefined ? null : formatPrice(market, liquidation),
        marginUsed: formatUsd(isolated ? p.isolatedEquity : p.initialMargin),
        maxLeverage: market.maxLeverage,
        cumFunding: {
          allTime: formatUsd(funding.allTime),
          sinceOpen: formatUsd(funding.sinceOpen),
          sinceChange: formatUsd(funding.sinceChange),
        },
      },
    });
  }
  return {
    marginSummary: {
      accountValue: formatUsd(risk.crossValue + risk.isolatedValue),
      totalNtlPos: formatUsd(risk.crossNotional + risk.isolatedNotional),
      totalRawUsd: formatUsd(cash + isolatedRaw),
      totalMarginUsed: formatUsd(risk.crossInitialMargin + isolatedMargin),
    },
    crossMarginSummary: {
      accountValue: formatUsd(risk.crossValue),
      totalNtlPos: formatUsd(risk.crossNotional),
      totalRawUsd: formatUsd(cash),
      totalMarginUsed: formatUsd(risk.crossInitialMargin),
    },
    crossMaintenanceMarginUsed: formatUsd(risk.crossMaintenance),
    withdrawable: formatUsd(risk.withdrawable),
    assetPositions,
    time,
  };
}

/** The leverage in force for a user on a market. */
export function leverageOf(engine: Engine, user: Address, market: Market): Leverage {
  return engine.leverageOf(user, market.asset);
}

/** `SpotClearinghouseState`: a user's token balances. */
export interface SpotClearinghouseState {
  balances: { coin: string; token: number; total: string; hold: string; entryNtl: string }[];
}

/** A user's spot balances: every token it ever held, amounts in the token's decimals, `entryNtl` in USDC. */
export function spotState(engine: Engine, user: Address): SpotClearinghouseState {
  const balances = engine.spotBalances(user).map(([token, b]) => {
    const def = DEFAULT_SPOT_TOKENS[token];
    const decimals = def?.weiDecimals ?? 8;
    return {
      coin: def?.name ?? String(token),
      token,
      total: formatUnits(b.total, decimals),
      hold: formatUnits(b.hold, decimals),
      entryNtl: formatUnits(b.entryNtl, 8),
    };
  });
  return { balances };
}

// ===== Market history

/** A candle: open time `t`, close time `T` (= t + duration − 1), coin `s`, interval `i`, prices, base volume. */
export interface Candle {
  t: number;
  T: number;
  s: string;
  i: CandleInterval;
  o: string;
  c: string;
  h: string;
  l: string;
  v: string;
  n: number;
}

/** A candle record on the wire. @see hyperliquid-api.md §3 */
export function candle(market: Market, r: CandleRecord): Candle {
  return {
    t: r.openTime,
    T: r.closeTime,
    s: market.name,
    i: r.interval,
    o: formatPrice(market, r.open),
    c: formatPrice(market, r.close),
    h: formatPrice(market, r.high),
    l: formatPrice(market, r.low),
    v: formatSize(market, r.volume),
    n: r.trades,
  };
}

/** A public trade: `side` is the aggressor's, `users` are `[buyer, seller]`. */
export interface Trade {
  coin: string;
  side: "B" | "A";
  px: string;
  sz: string;
  time: number;
  hash: Hex;
  tid: number;
  users: [Hex, Hex];
}

/** A trade record on the wire. @see hyperliquid-api.md §1.7 (trades) */
export function trade(market: Market, r: TradeRecord): Trade {
  const users: [Hex, Hex] = r.takerIsBuy ? [r.taker as Hex, r.maker as Hex] : [r.maker as Hex, r.taker as Hex];
  return {
    coin: market.name,
    side: side(r.takerIsBuy),
    px: formatPrice(market, r.price),
    sz: formatSize(market, r.size),
    time: r.time,
    hash: tradeHash(r.tid),
    tid: r.tid,
    users,
  };
}

// ===== Funding and ledger

/** One funding payment: `usdc` received (positive) or paid (negative); `szi` the signed size at payment. */
export interface UserFundingEntry {
  time: number;
  hash: Hex;
  delta: { type: "funding"; coin: string; usdc: string; szi: string; fundingRate: string; nSamples: number | null };
}

/**
 * A funding payment on the wire. Funding is not a transaction, so its hash is all zeros as on Hyperliquid;
 * `nSamples` is the interval's premium sample count when recorded.
 */
export function userFundingEntry(market: Market, r: FundingRecord): UserFundingEntry {
  return {
    time: r.time,
    hash: ZERO_HASH as Hex,
    delta: {
      type: "funding",
      coin: market.name,
      usdc: formatUsd(r.usd),
      szi: formatSize(market, r.size),
      fundingRate: formatRate(r.rate),
      nSamples: r.samples ?? null,
    },
  };
}

/** The ledger deltas hyperlocal produces. @see hyperliquid-api.md §4.3 LedgerUpdate */
export type LedgerDeltaWire =
  | { type: "deposit"; usdc: string }
  | { type: "withdraw"; usdc: string; nonce: number; fee: string }
  | { type: "internalTransfer"; usdc: string; user: Hex; destination: Hex; fee: string }
  | { type: "subAccountTransfer"; usdc: string; user: Hex; destination: Hex }
  | { type: "vaultCreate"; vault: Hex; usdc: string; fee: string }
  | { type: "vaultDeposit"; vault: Hex; usdc: string }
  | { type: "vaultDistribution"; vault: Hex; usdc: string }
  | {
      type: "vaultWithdraw";
      vault: Hex;
      user: Hex;
      requestedUsd: string;
      commission: string;
      closingCost: string;
      basis: string;
      netWithdrawnUsd: string;
    }
  | { type: "vaultLeaderCommission"; user: Hex; usdc: string }
  | { type: "accountClassTransfer"; usdc: string; toPerp: boolean }
  | {
      type: "spotTransfer";
      token: string;
      amount: string;
      usdcValue: string;
      user: Hex;
      destination: Hex;
      fee: string;
      nativeTokenFee: string;
      nonce: number | null;
      feeToken: string;
    }
  | { type: "spotGenesis"; token: string; amount: string }
  | {
      type: "liquidation";
      liquidatedNtlPos: string;
      accountValue: string;
      leverageType: "Cross" | "Isolated";
      liquidatedPositions: { coin: string; szi: string }[];
    };

/** A non-funding ledger update. */
export interface LedgerUpdate {
  time: number;
  hash: Hex;
  delta: LedgerDeltaWire;
}

function ledgerDeltaWire(universe: MarketLookup, d: LedgerDelta): LedgerDeltaWire {
  switch (d.type) {
    case "deposit":
      return { type: "deposit", usdc: formatUsd(d.usd) };
    case "withdraw":
      return { type: "withdraw", usdc: formatUsd(d.usd), nonce: d.nonce, fee: formatUsd(d.fee) };
    case "internalTransfer":
      return {
        type: "internalTransfer",
        usdc: formatUsd(d.usd),
        user: d.user as Hex,
        destination: d.destination as Hex,
        fee: formatUsd(d.fee),
      };
    case "subAccountTransfer":
      return {
        type: "subAccountTransfer",
        usdc: formatUsd(d.usd),
        user: d.user as Hex,
        destination: d.destination as Hex,
      };
    case "vaultCreate":
      return { type: "vaultCreate", vault: d.vault as Hex, usdc: formatUsd(d.usd), fee: formatUsd(d.fee) };
    case "vaultDeposit":
      return { type: "vaultDeposit", vault: d.vault as Hex, usdc: formatUsd(d.usd) };
    case "vaultDistribution":
      return { type: "vaultDistribution", vault: d.vault as Hex, usdc: formatUsd(d.usd) };
    case "vaultWithdraw":
      return {
        type: "vaultWithdraw",
        vault: d.vault as Hex,
        user: d.user as Hex,
        requestedUsd: formatUsd(d.requestedUsd),
        commission: formatUsd(d.commission),
        closingCost: formatUsd(d.closingCost),
        basis: formatUsd(d.basis),
        netWithdrawnUsd: formatUsd(d.netWithdrawnUsd),
      };
    case "vaultLeaderCommission":
      return { type: "vaultLeaderCommission", user: d.user as Hex, usdc: formatUsd(d.usd) };
    case "accountClassTransfer":
      return { type: "accountClassTransfer", usdc: formatUsd(d.usd), toPerp: d.toPerp };
    case "spotTransfer": {
      const token = DEFAULT_SPOT_TOKENS[d.token];
      const decimals = token?.weiDecimals ?? 8;
      return {
        type: "spotTransfer",
        token: token?.name ?? String(d.token),
        amount: formatUnits(d.amount, decimals),
        usdcValue: d.token === USDC_TOKEN ? formatUnits(d.amount, decimals) : "0.0",
        user: d.user as Hex,
        destination: d.destination as Hex,
        fee: formatUnits(d.fee, decimals),
        nativeTokenFee: "0.0",
        nonce: null,
        feeToken: "",
      };
    }
    case "spotGenesis": {
      const token = DEFAULT_SPOT_TOKENS[d.token];
      return {
        type: "spotGenesis",
        token: token?.name ?? String(d.token),
        amount: formatUnits(d.amount, token?.weiDecimals ?? 8),
      };
    }
    case "liquidation":
      return {
        type: "liquidation",
        liquidatedNtlPos: formatUsd(d.notional),
        accountValue: formatUsd(d.accountValue),
        leverageType: d.leverageType,
        liquidatedPositions: d.positions.flatMap((p) => {
          const market = universe.get(p.asset);
          return market === undefined ? [] : [{ coin: market.name, szi: formatSize(market, p.size) }];
        }),
      };
  }
}

/**
 * A ledger record on the wire. The stand-in hash covers the time and the delta, so both sides of a transfer share
 * it, as they share a transaction on Hyperliquid.
 */
export function ledgerUpdate(universe: MarketLookup, r: LedgerRecord): LedgerUpdate {
  return {
    time: r.time,
    hash: recordHash("ledger", r.time, JSON.stringify(r.delta)) as Hex,
    delta: ledgerDeltaWire(universe, r.delta),
  };
}
