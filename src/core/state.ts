/**
 * @module core/state
 * The engine's whole state, its plain serialisable snapshot, and the state hash. A snapshot lists everything in a
 * canonical order (assets ascending, book orders best-first in time priority, triggers and users sorted), so equal
 * states give byte-equal snapshots and equal hashes. Pure.
 */

import type { BuilderFee, Tif, TpSl } from "./command.ts";
import type { EngineConfig } from "./config.ts";
import type { TriggerView } from "./event.ts";
import type { Address, AssetId, Cloid, Oid } from "./ids.ts";
import { Account, isZeroPosition, type Leverage } from "./clearinghouse/account.ts";
import { Book, type BookOrder } from "./book/book.ts";
import type { TriggerOrder } from "./book/triggers.ts";
import type { Twap } from "./book/twap.ts";
import type { MarginTable } from "./markets/marginTables.ts";
import { emptyPrices, type PriceState } from "./markets/prices.ts";
import { Universe } from "./markets/universe.ts";
import {
  addHold,
  emptySpot,
  isSpotAsset,
  restoreSpot,
  SPOT_ASSET_OFFSET,
  type SpotSnapshot,
  type SpotState,
  spotMarketOf,
  spotSnapshot,
} from "./spot/spot.ts";
import {
  emptyIdentity,
  type Identity,
  type IdentitySnapshot,
  identityFromSnapshot,
  identitySnapshot,
} from "./clearinghouse/identity.ts";

/** A user's dead man's switch: when it fires next, and how many times it fired on `day` (UTC days since epoch). */
export interface Schedule {
  at: number | undefined;
  day: number;
  fired: number;
}

/** Premium accumulation of one asset over the current interval. */
export interface FundingState {
  /** Sum of premium samples, parts per 10^12. */
  premiumSum: number;
  samples: number;
  /** Latest sample (the asset context's `premium`), or undefined before the first. */
  lastPremium: number | undefined;
}

export function emptyFunding(): FundingState {
  return { premiumSum: 0, samples: 0, lastPremium: undefined };
}

/** One hour of an asset's traded volume, for the rolling 24-hour context fields. */
export interface VolumeBucket {
  /** Hour start (ms). */
  readonly hour: number;
  /** Notional, 10^-6 USD. */
  notional: number;
  /** Base size, lots. */
  base: number;
  /** Last trade price before this hour's first trade (tick units), the day's reference price. */
  readonly openPrice: number;
}

/** Money that left the traders' accounts, for the conservation check: all 10^-6 USD. */
export interface Treasury {
  /** Everything ever deposited. */
  deposited: number;
  /** Everything ever withdrawn, net of fees. */
  withdrawn: number;
  /** Trading, withdrawal and activation fees, and funding rounding. */
  fees: number;
}

/** Everything the engine knows. Owned and mutated only by the engine's command handlers. */
export interface EngineState {
  readonly config: EngineConfig;
  readonly universe: Universe;
  readonly tables: ReadonlyMap<number, MarginTable>;
  readonly books: Book[];
  /** Per asset: its trigger orders by oid. */
  readonly triggers: Map<Oid, TriggerOrder>[];
  /** Per asset: oracle, mark and the mark rule's state. */
  readonly prices: PriceState[];
  /** Per asset: premium samples of the current funding interval. */
  readonly funding: FundingState[];
  /** Per asset: open interest (sum of long sizes), lots. */
  readonly openInterest: number[];
  /** Per asset: hourly volume buckets of the last 24 hours, oldest first. */
  readonly volume: VolumeBucket[][];
  readonly treasury: Treasury;
  readonly accounts: Map<Address, Account>;
  /** Every resting order by oid, across assets: the one index all books share (a book order names its asset). */
  readonly resting: Map<Oid, BookOrder>;
  /** Every waiting trigger order → its asset (the order itself lives in `triggers`). */
  readonly triggerAsset: Map<Oid, AssetId>;
  /** `user + cloid` → oid of the live order holding that cloid. */
  readonly cloids: Map<string, Oid>;
  readonly schedules: Map<Address, Schedule>;
  /** Agents, nonces, builder approvals, referrers. */
  readonly identity: Identity;
  /** Live orders that pay a builder fee → the fee. Most orders have none, so it lives beside the book. */
  readonly orderBuilders: Map<Oid, BuilderFee>;
  /** Running TWAP orders by id. */
  readonly twaps: Map<number, Twap>;
  /** Spot tokens, pairs, books and balances. */
  readonly spot: SpotState;
  /** Next TWAP id (its own counter). */
  nextTwapId: number;
  nextOid: number;
  nextTid: number;
  /** Next premium sample time (ms); 0 before the first command. */
  nextSampleAt: number;
  /** Next funding payment time (ms); 0 before the first command. */
  nextFundingAt: number;
  /** Next book-entry sequence number (time priority across levels). */
  nextSeq: number;
  /** Time of the last applied command (ms). */
  time: number;
}

/** A fresh state for a configuration. */
export function emptyState(config: EngineConfig, firstOid: number, firstTid: number): EngineState {
  const universe = new Universe(config.markets);
  const n = universe.markets.length;
  const resting = new Map<Oid, BookOrder>();
  return {
    config,
    universe,
    tables: new Map(config.marginTables),
    books: Array.from({ length: n }, (_, asset) => new Book(asset, resting)),
    triggers: Array.from({ length: n }, () => new Map<Oid, TriggerOrder>()),
    prices: Array.from({ length: n }, () => emptyPrices()),
    funding: Array.from({ length: n }, () => emptyFunding()),
    openInterest: Array.from({ length: n }, () => 0),
    volume: Array.from({ length: n }, () => []),
    treasury: { deposited: 0, withdrawn: 0, fees: 0 },
    accounts: new Map(),
    resting,
    triggerAsset: new Map(),
    cloids: new Map(),
    schedules: new Map(),
    identity: emptyIdentity(),
    orderBuilders: new Map(),
    twaps: new Map(),
    spot: emptySpot((asset) => new Book(asset, resting)),
    nextTwapId: FIRST_TWAP_ID,
    nextOid: firstOid,
    nextTid: firstTid,
    nextSampleAt: 0,
    nextFundingAt: 0,
    nextSeq: 1,
    time: 0,
  };
}

/** The first TWAP id. */
export const FIRST_TWAP_ID = 1;

/** The key of a cloid in the cloid index. */
export function cloidKey(user: Address, cloid: Cloid): string {
  return `${user}${cloid}`;
}

// ===== Snapshot

/** A resting order in a snapshot. */
export interface RestingSnapshot {
  readonly asset: AssetId;
  readonly oid: Oid;
  readonly user: Address;
  readonly isBuy: boolean;
  readonly price: number;
  readonly size: number;
  readonly origSize: number;
  readonly timestamp: number;
  readonly seq: number;
  readonly cloid: Cloid | null;
  readonly reduceOnly: boolean;
  readonly tif: Tif;
  readonly trigger: TriggerView | null;
  readonly isPositionTpsl: boolean;
  readonly childOids: Oid[] | null;
  readonly siblingOid: Oid | null;
}

/** A trigger order in a snapshot. */
export interface TriggerSnapshot {
  readonly asset: AssetId;
  readonly oid: Oid;
  readonly user: Address;
  readonly isBuy: boolean;
  readonly price: number;
  readonly size: number;
  readonly timestamp: number;
  readonly cloid: Cloid | null;
  readonly reduceOnly: boolean;
  readonly triggerPrice: number;
  readonly isMarket: boolean;
  readonly tpsl: TpSl;
  readonly isPositionTpsl: boolean;
  readonly active: boolean;
  readonly parentOid: Oid | null;
  readonly siblingOid: Oid | null;
}

/** A position in a snapshot. */
export interface PositionSnapshot {
  readonly asset: AssetId;
  readonly size: number;
  readonly entryNotional: number;
  readonly isoRaw: number;
  readonly funding: [number, number, number];
}

/** An account in a snapshot. */
export interface AccountSnapshot {
  readonly user: Address;
  readonly cash: number;
  readonly positions: PositionSnapshot[];
  readonly leverage: [AssetId, Leverage["type"], number][];
  readonly liquidationCooldownUntil: number;
  readonly activated: boolean;
  /** Since snapshot version 3. */
  readonly volume?: number;
}

/** The whole state as plain JSON-safe data. */
export interface EngineSnapshot {
  /** 3 added `identity` and `builders`; a version 2 snapshot restores with both empty. */
  readonly version: 2 | 3;
  readonly config: EngineConfig;
  readonly time: number;
  readonly nextOid: number;
  readonly nextTid: number;
  readonly nextSampleAt: number;
  readonly nextFundingAt: number;
  readonly prices: PriceState[];
  readonly funding: FundingState[];
  readonly openInterest: number[];
  readonly volume: VolumeBucket[][];
  readonly treasury: Treasury;
  readonly nextSeq: number;
  readonly orders: RestingSnapshot[];
  readonly triggers: TriggerSnapshot[];
  /** Accounts sorted by user. */
  readonly accounts: AccountSnapshot[];
  /** `[user, at | null, day, fired]`, sorted by user. */
  readonly schedules: [Address, number | null, number, number][];
  readonly identity?: IdentitySnapshot;
  /** `[oid, builder, fee]`, sorted by oid. */
  readonly builders?: [Oid, Address, number][];
  /** Running TWAP orders, by id; absent when none. */
  readonly twaps?: Twap[];
  /** Absent while no TWAP was ever placed. */
  readonly nextTwapId?: number;
  /** Spot balances and counters; absent while spot is untouched (resting spot orders are in `orders`). */
  readonly spot?: SpotSnapshot;
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Writes the state as a canonical snapshot. */
export function toSnapshot(s: EngineState): EngineSnapshot {
  const orders: RestingSnapshot[] = [];
  for (const book of allBooks(s)) {
    const asset = book.asset;
    for (const o of book.orders()) {
      orders.push({
        asset,
        oid: o.oid,
        user: o.user,
        isBuy: o.isBuy,
        price: o.price,
        size: o.size,
        origSize: o.origSize,
        timestamp: o.timestamp,
        seq: o.seq,
        cloid: o.cloid ?? null,
        reduceOnly: o.reduceOnly,
        tif: o.tif,
        trigger: o.trigger ?? null,
        isPositionTpsl: o.isPositionTpsl,
        childOids: o.childOids ?? null,
        siblingOid: o.siblingOid ?? null,
      });
    }
  }
  const triggers: TriggerSnapshot[] = [];
  s.triggers.forEach((map, asset) => {
    for (const t of [...map.values()].sort((a, b) => a.oid - b.oid)) {
      triggers.push({
        asset,
        oid: t.oid,
        user: t.user,
        isBuy: t.isBuy,
        price: t.price,
        size: t.size,
        timestamp: t.timestamp,
        cloid: t.cloid ?? null,
        reduceOnly: t.reduceOnly,
        triggerPrice: t.triggerPrice,
        isMarket: t.isMarket,
        tpsl: t.tpsl,
        isPositionTpsl: t.isPositionTpsl,
        active: t.active,
        parentOid: t.parentOid ?? null,
        siblingOid: t.siblingOid ?? null,
      });
    }
  });
  const accounts: AccountSnapshot[] = [];
  for (const user of [...s.accounts.keys()].sort(byString)) {
    const a = s.accounts.get(user) as Account;
    accounts.push({
      user,
      cash: a.cash,
      positions: [...a.positions.entries()]
        .filter(([, p]) => !isZeroPosition(p))
        .sort(([x], [y]) => x - y)
        .map(([asset, p]) => ({
          asset,
          size: p.size,
          entryNotional: p.entryNotional,
          isoRaw: p.isoRaw,
          funding: [p.funding.allTime, p.funding.sinceOpen, p.funding.sinceChange],
        })),
      leverage: [...a.leverage.entries()].sort(([x], [y]) => x - y).map(([asset, l]) => [asset, l.type, l.value]),
      liquidationCooldownUntil: a.liquidationCooldownUntil,
      activated: a.activated,
      volume: a.volume,
    });
  }
  const schedules: [Address, number | null, number, number][] = [...s.schedules.entries()]
    .sort(([a], [b]) => byString(a, b))
    .map(([user, sc]) => [user, sc.at ?? null, sc.day, sc.fired]);
  const spot = spotSnapshot(s.spot);
  const builders: [Oid, Address, number][] = [...s.orderBuilders.entries()]
    .sort(([a], [b]) => a - b)
    .map(([oid, b]) => [oid, b.builder, b.fee]);
  return {
    version: 3,
    config: s.config,
    time: s.time,
    nextOid: s.nextOid,
    nextTid: s.nextTid,
    nextSampleAt: s.nextSampleAt,
    nextFundingAt: s.nextFundingAt,
    prices: s.prices.map((p) => ({ ...p })),
    funding: s.funding.map((f) => ({ ...f })),
    openInterest: [...s.openInterest],
    volume: s.volume.map((buckets) => buckets.map((b) => ({ ...b }))),
    treasury: { ...s.treasury },
    nextSeq: s.nextSeq,
    orders,
    triggers,
    accounts,
    schedules,
    identity: identitySnapshot(s.identity),
    builders,
    ...(s.twaps.size === 0 ? {} : { twaps: [...s.twaps.values()].sort((a, b) => a.id - b.id).map((t) => ({ ...t })) }),
    ...(s.nextTwapId === FIRST_TWAP_ID ? {} : { nextTwapId: s.nextTwapId }),
    ...(spot === undefined ? {} : { spot }),
  };
}

/** The book of an asset, perp or spot, or undefined. */
export function bookOf(s: EngineState, asset: AssetId): Book | undefined {
  if (asset < SPOT_ASSET_OFFSET) return s.books[asset];
  return isSpotAsset(asset) ? s.spot.books[asset - SPOT_ASSET_OFFSET] : undefined;
}

/** Every book: the perps' in asset order, then the spot pairs'. */
export function allBooks(s: EngineState): Book[] {
  return s.spot.books.length === 0 ? s.books : [...s.books, ...s.spot.books];
}

/** Records a live order's cloid (resting orders are indexed by their book, triggers by {@link trackTrigger}). */
export function trackCloid(s: EngineState, user: Address, oid: Oid, cloid: Cloid | undefined): void {
  if (cloid !== undefined) s.cloids.set(cloidKey(user, cloid), oid);
}

/** Records a waiting trigger order in the oid and cloid indexes. */
export function trackTrigger(s: EngineState, t: TriggerOrder, asset: AssetId): void {
  s.triggerAsset.set(t.oid, asset);
  trackCloid(s, t.user, t.oid, t.cloid);
}

/** The asset of a live order (resting or trigger), or undefined. */
export function assetOfOrder(s: EngineState, oid: Oid): AssetId | undefined {
  return s.resting.get(oid)?.asset ?? s.triggerAsset.get(oid);
}

/** The user of a live order, or undefined. */
export function ownerOf(s: EngineState, oid: Oid, asset: AssetId): Address | undefined {
  return bookOf(s, asset)?.get(oid)?.user ?? s.triggers[asset]?.get(oid)?.user;
}

/** Every live order of a user (resting or trigger) as `[oid, asset]`, oldest oid first. Scans the books. */
export function liveOrdersOf(s: EngineState, user: Address): [Oid, AssetId][] {
  const out: [Oid, AssetId][] = [];
  for (const book of allBooks(s)) {
    for (const o of book.orders()) if (o.user === user) out.push([o.oid, book.asset]);
  }
  s.triggers.forEach((map, asset) => {
    for (const t of map.values()) if (t.user === user) out.push([t.oid, asset]);
  });
  return out.sort(([a], [b]) => a - b);
}

/** The account of a user, created empty on first use. */
export function accountOf(s: EngineState, user: Address): Account {
  let account = s.accounts.get(user);
  if (account === undefined) {
    account = new Account(user, user === s.config.liquidator);
    s.accounts.set(user, account);
  }
  return account;
}

/** Rebuilds a state from a snapshot; indexes are derived, never stored. */
export function fromSnapshot(snap: EngineSnapshot): EngineState {
  if (snap.version !== 2 && snap.version !== 3) {
    throw new Error(`snapshot version ${String(snap.version)} is not supported`);
  }
  const s: EngineState = {
    ...emptyState(snap.config, snap.nextOid, snap.nextTid),
    identity: identityFromSnapshot(snap.identity),
  };
  for (const [oid, builder, fee] of snap.builders ?? []) s.orderBuilders.set(oid, { builder, fee });
  s.time = snap.time;
  s.nextSeq = snap.nextSeq;
  s.nextSampleAt = snap.nextSampleAt;
  s.nextFundingAt = snap.nextFundingAt;
  // JSON turns undefined into absent keys; restore them so restored objects have the live objects' shape.
  snap.prices.forEach((p, i) => {
    s.prices[i] = { ...emptyPrices(), ...p };
  });
  snap.funding.forEach((f, i) => {
    s.funding[i] = { ...emptyFunding(), ...f };
  });
  snap.openInterest.forEach((oi, i) => {
    s.openInterest[i] = oi;
  });
  snap.volume.forEach((buckets, i) => {
    s.volume[i] = buckets.map((b) => ({ ...b }));
  });
  Object.assign(s.treasury, snap.treasury);
  for (const a of snap.accounts) {
    const account = accountOf(s, a.user);
    account.cash = a.cash;
    account.liquidationCooldownUntil = a.liquidationCooldownUntil;
    account.activated = a.activated;
    account.volume = a.volume ?? 0;
    for (const [asset, type, value] of a.leverage) account.leverage.set(asset, { type, value });
    for (const p of a.positions) {
      const position = account.positionOf(p.asset);
      position.size = p.size;
      position.entryNotional = p.entryNotional;
      position.isoRaw = p.isoRaw;
      [position.funding.allTime, position.funding.sinceOpen, position.funding.sinceChange] = p.funding;
    }
  }
  for (const o of snap.orders) {
    const order: BookOrder = {
      oid: o.oid,
      asset: o.asset,
      user: o.user,
      isBuy: o.isBuy,
      price: o.price,
      size: o.size,
      origSize: o.origSize,
      timestamp: o.timestamp,
      seq: o.seq,
      cloid: o.cloid ?? undefined,
      reduceOnly: o.reduceOnly,
      tif: o.tif,
      trigger: o.trigger ?? undefined,
      isPositionTpsl: o.isPositionTpsl,
      childOids: o.childOids ?? undefined,
      siblingOid: o.siblingOid ?? undefined,
      prev: undefined,
      next: undefined,
      level: undefined,
      account: undefined,
    };
    (bookOf(s, o.asset) as Book).add(order);
    trackCloid(s, o.user, o.oid, order.cloid);
    const account = accountOf(s, o.user);
    order.account = account;
    const spotMarket = spotMarketOf(s.spot, o.asset);
    if (spotMarket !== undefined) addHold(s.spot, spotMarket, o.user, o.isBuy, o.price, o.size);
    else if (o.reduceOnly) account.reduceOnlyOids.add(o.oid);
    else account.addOrderNotional(o.asset, o.isBuy, o.size * o.price);
  }
  for (const t of snap.triggers) {
    const trigger: TriggerOrder = {
      oid: t.oid,
      user: t.user,
      isBuy: t.isBuy,
      price: t.price,
      size: t.size,
      timestamp: t.timestamp,
      cloid: t.cloid ?? undefined,
      reduceOnly: t.reduceOnly,
      triggerPrice: t.triggerPrice,
      isMarket: t.isMarket,
      tpsl: t.tpsl,
      isPositionTpsl: t.isPositionTpsl,
      active: t.active,
      parentOid: t.parentOid ?? undefined,
      siblingOid: t.siblingOid ?? undefined,
    };
    (s.triggers[t.asset] as Map<Oid, TriggerOrder>).set(t.oid, trigger);
    trackTrigger(s, trigger, t.asset);
  }
  for (const [user, at, day, fired] of snap.schedules) s.schedules.set(user, { at: at ?? undefined, day, fired });
  for (const t of snap.twaps ?? []) s.twaps.set(t.id, { ...t });
  s.nextTwapId = snap.nextTwapId ?? FIRST_TWAP_ID;
  restoreSpot(s.spot, snap.spot);
  return s;
}

// ===== Hash

/**
 * A 64-bit checksum of a string (two independent 32-bit FNV-1a lanes with a final avalanche), as 16 hex digits.
 * It detects divergence between states; it is not a cryptographic hash.
 */
export function checksum(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h2 ^= h2 >>> 16;
  h2 = Math.imul(h2, 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

/** The state hash: the checksum of the canonical snapshot. */
export function stateHash(s: EngineState): string {
  return checksum(JSON.stringify(toSnapshot(s)));
}
