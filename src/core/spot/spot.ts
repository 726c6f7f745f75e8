/**
 * @module core/spot/spot
 * Spot markets: tokens, pairs (asset id 10000 + pair index), per-user token balances with their `hold` (what resting
 * orders reserve: a sell holds base, a buy holds quote), settlement of spot fills (the fee is taken from what each
 * side receives), `spotSend`, `usdClassTransfer` (perp ↔ spot USDC) and genesis balances. Pure.
 *
 * Units: a token balance is an integer count of 10^-weiDecimals of the token. A spot price is an integer count of
 * 10^-(8 − szDecimals) quote and a size of 10^-szDecimals base, so price × size is exactly 10^-8 quote, which is
 * USDC's wei (weiDecimals 8). Every pair quotes USDC.
 * @see hyperliquid-mechanics.md §9 (spot), §5 (spot fees); hyperliquid-api.md §4.2, §4.3
 */

import type { Ctx } from "../ctx.ts";
import type { Address, AssetId } from "../ids.ts";
import { floorDiv, mulDiv, parseUnits, pow10 } from "../num.ts";
import type { Reject } from "../reject.ts";
import type { Book } from "../book/book.ts";
import type { Market } from "../markets/universe.ts";
import type { VolumeBucket } from "../state.ts";

/** Spot asset ids start here: asset = 10000 + pair index. @see hyperliquid-api.md §4.2 */
export const SPOT_ASSET_OFFSET = 10_000;
/** Hyperliquid's MAX_DECIMALS for spot prices. */
export const SPOT_MAX_DECIMALS = 8;
/** Spot base fee rates (tier 0), parts per 10^8: taker 0.070%, maker 0.040%. @see hyperliquid-mechanics.md §5 */
export const SPOT_TAKER_FEE = 70_000;
export const SPOT_MAKER_FEE = 40_000;
const FEE_SCALE = 100_000_000;
/** Minimum spot order value: 10 quote tokens, in 10^-8 quote. */
export const SPOT_MIN_NOTIONAL = 1_000_000_000;
/** Perp USDC has 6 decimals, spot USDC 8: one perp unit is 100 spot units. */
export const PERP_TO_SPOT_USDC = 100;
/** The quote token (USDC). */
export const USDC_TOKEN = 0;

/** A spot token. */
export interface SpotTokenDef {
  readonly name: string;
  readonly szDecimals: number;
  readonly weiDecimals: number;
  /** `0x` + 32 hex, as `spotMeta` lists it and `spotSend` names it. */
  readonly tokenId: string;
  readonly fullName: string | null;
}

/** A spot pair: base and quote token indices. */
export interface SpotPairDef {
  readonly base: number;
  readonly quote: number;
}

/**
 * The default tokens, with mainnet's parameters and token ids for USDC and PURR. HYPE keeps its mainnet decimals and
 * token id, but hyperlocal numbers its tokens densely (HYPE is token 150 on mainnet).
 */
export const DEFAULT_SPOT_TOKENS: readonly SpotTokenDef[] = [
  { name: "USDC", szDecimals: 8, weiDecimals: 8, tokenId: "0x6d1e7cde53ba9467b783cb7c530ce054", fullName: null },
  { name: "PURR", szDecimals: 0, weiDecimals: 5, tokenId: "0xc1fb593aeffbeb02f85e0308e9956a90", fullName: null },
  {
    name: "HYPE",
    szDecimals: 2,
    weiDecimals: 8,
    tokenId: "0x0d01dc56dcaaca66ad901c959b4011ec",
    fullName: "Hyperliquid",
  },
];

/** The default pairs: PURR/USDC (index 0, asset 10000) and HYPE/USDC (`@1`, asset 10001). */
export const DEFAULT_SPOT_PAIRS: readonly SpotPairDef[] = [
  { base: 1, quote: 0 },
  { base: 2, quote: 0 },
];

/** A pair as the engine uses it: a Market (for the shared order rules) plus its tokens. */
export interface SpotMarket extends Market {
  readonly pairIndex: number;
  readonly base: SpotTokenDef;
  readonly baseToken: number;
  readonly quoteToken: number;
  /** Base wei per size lot: 10^(weiDecimals − szDecimals). */
  readonly lotWei: number;
}

/** The wire name of a pair: `PURR/USDC` for index 0, `@N` otherwise. @see hyperliquid-api.md §0 */
export function spotPairName(index: number, tokens: readonly SpotTokenDef[], pair: SpotPairDef): string {
  if (index !== 0) return `@${index}`;
  return `${tokens[pair.base]?.name ?? "?"}/${tokens[pair.quote]?.name ?? "?"}`;
}

/** One token balance. `hold` is what resting orders reserve; `entryNtl` the cost basis, 10^-8 USDC. */
export interface SpotBalance {
  total: number;
  hold: number;
  entryNtl: number;
}

/** Everything spot. */
export interface SpotState {
  readonly tokens: readonly SpotTokenDef[];
  readonly markets: readonly SpotMarket[];
  /** Per pair. */
  readonly books: Book[];
  /** user → token → balance. */
  readonly balances: Map<Address, Map<number, SpotBalance>>;
  /** Per token: fees collected, wei. */
  readonly fees: number[];
  /** Per token: everything created by genesis, wei (USDC's class transfers are counted in `perpToSpot`). */
  readonly genesis: number[];
  /** Net USDC moved from perp to spot, 10^-6 USD. */
  perpToSpot: number;
  /** Per pair: last trade price. */
  readonly lastTrade: (number | undefined)[];
  /** Per pair: hourly volume buckets (notional in 10^-8 quote, base in lots). */
  readonly volume: VolumeBucket[][];
}

/** A fresh spot state over the default tokens and pairs; `makeBook` builds each pair's book. */
export function emptySpot(makeBook: (asset: AssetId) => Book): SpotState {
  const tokens = DEFAULT_SPOT_TOKENS;
  const markets = DEFAULT_SPOT_PAIRS.map((p, i): SpotMarket => {
    const base = tokens[p.base] as SpotTokenDef;
    return {
      name: spotPairName(i, tokens, p),
      szDecimals: base.szDecimals,
      maxLeverage: 1,
      marginTableId: 0,
      asset: SPOT_ASSET_OFFSET + i,
      priceDecimals: SPOT_MAX_DECIMALS - base.szDecimals,
      impactNotionalMicro: 0,
      pairIndex: i,
      base,
      baseToken: p.base,
      quoteToken: p.quote,
      lotWei: pow10(base.weiDecimals - base.szDecimals),
    };
  });
  return {
    tokens,
    markets,
    books: markets.map((m) => makeBook(m.asset)),
    balances: new Map(),
    fees: tokens.map(() => 0),
    genesis: tokens.map(() => 0),
    perpToSpot: 0,
    lastTrade: markets.map(() => undefined),
    volume: markets.map(() => []),
  };
}

/** Whether an asset id names a spot pair. */
export function isSpotAsset(asset: AssetId): boolean {
  return asset >= SPOT_ASSET_OFFSET && asset < 2 * SPOT_ASSET_OFFSET;
}

/** The spot market of an asset id, or undefined. */
export function spotMarketOf(spot: SpotState, asset: AssetId): SpotMarket | undefined {
  return isSpotAsset(asset) ? spot.markets[asset - SPOT_ASSET_OFFSET] : undefined;
}

/** A user's balance of a token, created empty when `create`. */
export function balanceOf(spot: SpotState, user: Address, token: number): SpotBalance | undefined {
  return spot.balances.get(user)?.get(token);
}

function balanceFor(spot: SpotState, user: Address, token: number): SpotBalance {
  let byToken = spot.balances.get(user);
  if (byToken === undefined) {
    byToken = new Map();
    spot.balances.set(user, byToken);
  }
  let b = byToken.get(token);
  if (b === undefined) {
    b = { total: 0, hold: 0, entryNtl: 0 };
    byToken.set(token, b);
  }
  return b;
}

/** Available (total − hold) of a token, wei. */
export function available(spot: SpotState, user: Address, token: number): number {
  const b = balanceOf(spot, user, token);
  return b === undefined ? 0 : b.total - b.hold;
}

/** What an order of `size` lots at `price` reserves: `[token, wei]`. */
export function orderHold(m: SpotMarket, isBuy: boolean, price: number, size: number): [number, number] {
  return isBuy ? [m.quoteToken, price * size] : [m.baseToken, size * m.lotWei];
}

/** Whether the user can commit an order (its full limit value for a buy, its size for a sell). */
export function canAfford(spot: SpotState, m: SpotMarket, user: Address, isBuy: boolean, price: number, size: number) {
  const [token, wei] = orderHold(m, isBuy, price, size);
  return available(spot, user, token) >= wei;
}

/** Adds the hold of a resting order. */
export function addHold(spot: SpotState, m: SpotMarket, user: Address, isBuy: boolean, price: number, size: number) {
  const [token, wei] = orderHold(m, isBuy, price, size);
  balanceFor(spot, user, token).hold += wei;
}

/** Releases the hold of (part of) a resting order. */
export function removeHold(spot: SpotState, m: SpotMarket, user: Address, isBuy: boolean, price: number, size: number) {
  const [token, wei] = orderHold(m, isBuy, price, size);
  balanceFor(spot, user, token).hold -= wei;
}

/** One side of a spot fill as the fill event reports it. */
export interface SpotLeg {
  readonly startPosition: number;
  readonly closedPnl: number;
  /** Fee in `feeToken`'s wei. */
  readonly fee: number;
  readonly feeToken: number;
  readonly dir: "Buy" | "Sell";
}

/**
 * Settles one side of a spot fill: the buyer pays `price × size` quote and receives the base less the fee (in base);
 * the seller delivers the base and receives the quote less the fee (in quote). Fees round down to whole wei (a
 * testnet sell of 0.26 HYPE at 40.614 credited 10.55224826 USDC: fee 0.007391748 floored). The start position is the
 * base balance before the fill, in lots (rounded down).
 */
export function settleSpotLeg(
  spot: SpotState,
  m: SpotMarket,
  user: Address,
  isBuy: boolean,
  price: number,
  size: number,
  feeRate: number,
): SpotLeg {
  const notional = price * size;
  const baseWei = size * m.lotWei;
  const base = balanceFor(spot, user, m.baseToken);
  const quote = balanceFor(spot, user, m.quoteToken);
  const startPosition = floorDiv(base.total, m.lotWei);
  if (isBuy) {
    const fee = mulDiv(baseWei, feeRate, FEE_SCALE, "floor");
    quote.total -= notional;
    base.total += baseWei - fee;
    base.entryNtl += notional;
    spot.fees[m.baseToken] = (spot.fees[m.baseToken] ?? 0) + fee;
    return { startPosition, closedPnl: 0, fee, feeToken: m.baseToken, dir: "Buy" };
  }
  const fee = mulDiv(notional, feeRate, FEE_SCALE, "floor");
  const before = base.total;
  const removed = before <= 0 ? 0 : baseWei >= before ? base.entryNtl : mulDiv(base.entryNtl, baseWei, before, "floor");
  base.entryNtl -= removed;
  base.total -= baseWei;
  quote.total += notional - fee;
  spot.fees[m.quoteToken] = (spot.fees[m.quoteToken] ?? 0) + fee;
  return { startPosition, closedPnl: notional - removed, fee, feeToken: m.quoteToken, dir: "Sell" };
}

/** Records a spot trade: last price and the hour's volume. */
export function recordSpotTrade(spot: SpotState, m: SpotMarket, price: number, size: number, time: number): void {
  const i = m.pairIndex;
  const previous = spot.lastTrade[i] ?? price;
  spot.lastTrade[i] = price;
  const buckets = spot.volume[i] as VolumeBucket[];
  const hour = time - (time % 3_600_000);
  let last = buckets[buckets.length - 1];
  if (last === undefined || last.hour !== hour) {
    last = { hour, notional: 0, base: 0, openPrice: previous };
    buckets.push(last);
    while ((buckets[0] as VolumeBucket).hour <= hour - 86_400_000) buckets.shift();
  }
  last.notional += price * size;
  last.base += size;
}

// ===== Transfers

/** A token as `spotSend` names it: `NAME:0x<tokenId>`; the index, or undefined when unknown. */
export function tokenByWireName(spot: SpotState, wire: string): number | undefined {
  const colon = wire.indexOf(":");
  const name = colon < 0 ? wire : wire.slice(0, colon);
  const id = colon < 0 ? undefined : wire.slice(colon + 1).toLowerCase();
  const i = spot.tokens.findIndex((t) => t.name === name && (id === undefined || t.tokenId === id));
  return i < 0 ? undefined : i;
}

function parseTokenAmount(text: string, decimals: number): number | undefined {
  const parsed = parseUnits(text, decimals);
  return parsed.ok && parsed.units > 0 ? parsed.units : undefined;
}

/**
 * Sends a spot token to another user (`spotSend`). The amount has at most the token's weiDecimals decimals and must
 * be available (not held by orders). Hyperliquid's activation gas for a new account is not charged on spot.
 */
export function spotSend(
  ctx: Ctx,
  spot: SpotState,
  user: Address,
  destination: Address,
  tokenWire: string,
  amount: string,
): Reject | undefined {
  const token = tokenByWireName(spot, tokenWire);
  if (token === undefined) return { code: "invalidToken" };
  const def = spot.tokens[token] as SpotTokenDef;
  const wei = parseTokenAmount(amount, def.weiDecimals);
  if (wei === undefined) return { code: "invalidAmount" };
  if (destination === user) return { code: "selfTransfer" };
  if (available(spot, user, token) < wei) return { code: "insufficientTransfer" };
  const from = balanceFor(spot, user, token);
  const to = balanceFor(spot, destination, token);
  const moved = from.total <= 0 ? 0 : mulDiv(from.entryNtl, wei, from.total, "floor");
  from.entryNtl -= moved;
  from.total -= wei;
  to.total += wei;
  to.entryNtl += moved;
  const delta = { type: "spotTransfer", token, amount: wei, user, destination, fee: 0 } as const;
  ctx.out.push({ type: "ledger", time: ctx.time, user, delta });
  ctx.out.push({ type: "ledger", time: ctx.time, user: destination, delta });
  return undefined;
}

/**
 * Moves USDC between a user's spot balance and perp account (`usdClassTransfer`): `withdrawable` limits perp → spot
 * (checked by the caller), the available spot USDC limits spot → perp. `usd` is 10^-6 USD.
 */
export function classTransfer(ctx: Ctx, spot: SpotState, user: Address, usd: number, toPerp: boolean): void {
  const b = balanceFor(spot, user, USDC_TOKEN);
  const wei = usd * PERP_TO_SPOT_USDC;
  if (toPerp) {
    b.total -= wei;
    spot.perpToSpot -= usd;
  } else {
    b.total += wei;
    spot.perpToSpot += usd;
  }
  ctx.out.push({ type: "ledger", time: ctx.time, user, delta: { type: "accountClassTransfer", usd, toPerp } });
}

/** Creates tokens in a user's balance (`spotGenesis`: a dev faucet for base tokens), wei. */
export function spotGenesis(ctx: Ctx, spot: SpotState, user: Address, token: number, wei: number): void {
  if (spot.tokens[token] === undefined || !Number.isSafeInteger(wei) || wei <= 0) {
    throw new Error(`spotGenesis: invalid token ${token} or amount ${wei}`);
  }
  balanceFor(spot, user, token).total += wei;
  spot.genesis[token] = (spot.genesis[token] ?? 0) + wei;
  ctx.out.push({ type: "ledger", time: ctx.time, user, delta: { type: "spotGenesis", token, amount: wei } });
}

// ===== Snapshot and invariants

/** Spot's part of a snapshot; resting spot orders are in the snapshot's `orders`. Absent when spot is untouched. */
export interface SpotSnapshot {
  /** `[user, token, total, entryNtl]`, sorted by user then token; holds are derived from the orders. */
  readonly balances: [Address, number, number, number][];
  readonly fees: number[];
  readonly genesis: number[];
  readonly perpToSpot: number;
  readonly lastTrade: (number | null)[];
  readonly volume: VolumeBucket[][];
}

/** The snapshot of spot, or undefined while nothing happened on spot. */
export function spotSnapshot(spot: SpotState): SpotSnapshot | undefined {
  const balances: [Address, number, number, number][] = [];
  for (const user of [...spot.balances.keys()].sort()) {
    const byToken = spot.balances.get(user) as Map<number, SpotBalance>;
    for (const token of [...byToken.keys()].sort((a, b) => a - b)) {
      const b = byToken.get(token) as SpotBalance;
      if (b.total !== 0 || b.entryNtl !== 0) balances.push([user, token, b.total, b.entryNtl]);
    }
  }
  const touched =
    balances.length > 0 ||
    spot.perpToSpot !== 0 ||
    spot.fees.some((f) => f !== 0) ||
    spot.genesis.some((g) => g !== 0) ||
    spot.lastTrade.some((p) => p !== undefined);
  if (!touched) return undefined;
  return {
    balances,
    fees: [...spot.fees],
    genesis: [...spot.genesis],
    perpToSpot: spot.perpToSpot,
    lastTrade: spot.lastTrade.map((p) => p ?? null),
    volume: spot.volume.map((buckets) => buckets.map((b) => ({ ...b }))),
  };
}

/** Restores spot from its snapshot (holds come back with the resting orders). */
export function restoreSpot(spot: SpotState, snap: SpotSnapshot | undefined): void {
  if (snap === undefined) return;
  for (const [user, token, total, entryNtl] of snap.balances) {
    const b = balanceFor(spot, user, token);
    b.total = total;
    b.entryNtl = entryNtl;
  }
  snap.fees.forEach((f, i) => {
    spot.fees[i] = f;
  });
  snap.genesis.forEach((g, i) => {
    spot.genesis[i] = g;
  });
  spot.perpToSpot = snap.perpToSpot;
  snap.lastTrade.forEach((p, i) => {
    spot.lastTrade[i] = p ?? undefined;
  });
  snap.volume.forEach((buckets, i) => {
    spot.volume[i] = buckets.map((b) => ({ ...b }));
  });
}

/**
 * Checks spot's invariants and throws on the first broken one: tokens conserved (balances + fees = genesis, and for
 * USDC + what came from perp), no negative balance, holds equal to what resting orders reserve and within totals.
 */
export function checkSpotInvariants(spot: SpotState): void {
  const held = new Map<string, number>();
  for (const m of spot.markets) {
    for (const o of (spot.books[m.pairIndex] as Book).orders()) {
      const [token, wei] = orderHold(m, o.isBuy, o.price, o.size);
      const key = `${o.user}:${token}`;
      held.set(key, (held.get(key) ?? 0) + wei);
    }
  }
  const sums = spot.tokens.map(() => 0);
  for (const [user, byToken] of spot.balances) {
    for (const [token, b] of byToken) {
      if (b.total < 0 || b.hold < 0 || b.hold > b.total) {
        throw new Error(`invariant: spot balance of ${user} in token ${token}: total ${b.total}, hold ${b.hold}`);
      }
      const expected = held.get(`${user}:${token}`) ?? 0;
      if (b.hold !== expected)
        throw new Error(`invariant: spot hold of ${user} in ${token} is ${b.hold}, orders ${expected}`);
      held.delete(`${user}:${token}`);
      sums[token] = (sums[token] ?? 0) + b.total;
    }
  }
  if (held.size > 0) throw new Error(`invariant: spot orders hold tokens of users without a balance`);
  spot.tokens.forEach((_, token) => {
    const created = (spot.genesis[token] ?? 0) + (token === USDC_TOKEN ? spot.perpToSpot * PERP_TO_SPOT_USDC : 0);
    const held = (sums[token] ?? 0) + (spot.fees[token] ?? 0);
    if (held !== created) throw new Error(`invariant: token ${token} not conserved: ${held} held, ${created} created`);
  });
}
