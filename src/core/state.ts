/**
 * @module core/state
 * The engine's whole state, its plain serialisable snapshot, and the state hash. A snapshot lists everything in a
 * canonical order (assets ascending, book orders best-first in time priority, triggers and users sorted), so equal
 * states give byte-equal snapshots and equal hashes. Pure.
 */

import type { Tif, TpSl } from "./command.ts";
import type { TriggerView } from "./event.ts";
import type { Address, AssetId, Cloid, Oid } from "./ids.ts";
import { Account } from "./clearinghouse/account.ts";
import { Book, type BookOrder } from "./book/book.ts";
import type { TriggerOrder } from "./book/triggers.ts";
import { type MarketConfig, Universe } from "./markets/universe.ts";

/** A user's dead man's switch: when it fires next, and how many times it fired on `day` (UTC days since epoch). */
export interface Schedule {
  at: number | undefined;
  day: number;
  fired: number;
}

/** Everything the engine knows. Owned and mutated only by the engine's command handlers. */
export interface EngineState {
  readonly universe: Universe;
  readonly books: Book[];
  /** Per asset: its trigger orders by oid. */
  readonly triggers: Map<Oid, TriggerOrder>[];
  /** Per asset: mark price in tick units, undefined until the first oracle update. */
  readonly marks: (number | undefined)[];
  readonly accounts: Map<Address, Account>;
  /** Per user: every live order (resting or trigger) → its asset. */
  readonly userOrders: Map<Address, Map<Oid, AssetId>>;
  /** `user + cloid` → oid of the live order holding that cloid. */
  readonly cloids: Map<string, Oid>;
  readonly schedules: Map<Address, Schedule>;
  nextOid: number;
  nextTid: number;
  /** Next book-entry sequence number (time priority across levels). */
  nextSeq: number;
  /** Time of the last applied command (ms). */
  time: number;
}

/** A fresh state for a universe. */
export function emptyState(universe: Universe, firstOid: number, firstTid: number): EngineState {
  const n = universe.markets.length;
  return {
    universe,
    books: Array.from({ length: n }, () => new Book()),
    triggers: Array.from({ length: n }, () => new Map<Oid, TriggerOrder>()),
    marks: Array.from({ length: n }, () => undefined),
    accounts: new Map(),
    userOrders: new Map(),
    cloids: new Map(),
    schedules: new Map(),
    nextOid: firstOid,
    nextTid: firstTid,
    nextSeq: 1,
    time: 0,
  };
}

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

/** The whole state as plain JSON-safe data. */
export interface EngineSnapshot {
  readonly version: 1;
  readonly time: number;
  readonly nextOid: number;
  readonly nextTid: number;
  readonly nextSeq: number;
  readonly markets: MarketConfig[];
  readonly marks: (number | null)[];
  readonly orders: RestingSnapshot[];
  readonly triggers: TriggerSnapshot[];
  /** `[user, asset, signed size]`, sorted by user then asset. */
  readonly positions: [Address, AssetId, number][];
  /** `[user, at | null, day, fired]`, sorted by user. */
  readonly schedules: [Address, number | null, number, number][];
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Writes the state as a canonical snapshot. */
export function toSnapshot(s: EngineState): EngineSnapshot {
  const orders: RestingSnapshot[] = [];
  s.books.forEach((book, asset) => {
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
  });
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
  const positions: [Address, AssetId, number][] = [];
  for (const user of [...s.accounts.keys()].sort(byString)) {
    const account = s.accounts.get(user) as Account;
    for (const asset of [...account.positions.keys()].sort((a, b) => a - b)) {
      positions.push([user, asset, account.position(asset)]);
    }
  }
  const schedules: [Address, number | null, number, number][] = [...s.schedules.entries()]
    .sort(([a], [b]) => byString(a, b))
    .map(([user, sc]) => [user, sc.at ?? null, sc.day, sc.fired]);
  return {
    version: 1,
    time: s.time,
    nextOid: s.nextOid,
    nextTid: s.nextTid,
    nextSeq: s.nextSeq,
    markets: s.universe.configs(),
    marks: s.marks.map((m) => m ?? null),
    orders,
    triggers,
    positions,
    schedules,
  };
}

/** Records a live order in the per-user and cloid indexes. */
export function trackOrder(s: EngineState, user: Address, oid: Oid, asset: AssetId, cloid: Cloid | undefined): void {
  let mine = s.userOrders.get(user);
  if (mine === undefined) {
    mine = new Map();
    s.userOrders.set(user, mine);
  }
  mine.set(oid, asset);
  if (cloid !== undefined) s.cloids.set(cloidKey(user, cloid), oid);
}

/** The account of a user, created empty on first use. */
export function accountOf(s: EngineState, user: Address): Account {
  let account = s.accounts.get(user);
  if (account === undefined) {
    account = new Account(user);
    s.accounts.set(user, account);
  }
  return account;
}

/** Rebuilds a state from a snapshot; indexes are derived, never stored. */
export function fromSnapshot(snap: EngineSnapshot): EngineState {
  if (snap.version !== 1) throw new Error(`snapshot version ${String(snap.version)} is not supported`);
  const s = emptyState(new Universe(snap.markets), snap.nextOid, snap.nextTid);
  s.time = snap.time;
  s.nextSeq = snap.nextSeq;
  snap.marks.forEach((m, i) => {
    s.marks[i] = m ?? undefined;
  });
  for (const o of snap.orders) {
    const order: BookOrder = {
      oid: o.oid,
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
    };
    (s.books[o.asset] as Book).add(order);
    trackOrder(s, o.user, o.oid, o.asset, order.cloid);
    if (o.reduceOnly) accountOf(s, o.user).reduceOnlyResting++;
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
    trackOrder(s, t.user, t.oid, t.asset, trigger.cloid);
  }
  for (const [user, asset, size] of snap.positions) accountOf(s, user).addPosition(asset, size);
  for (const [user, at, day, fired] of snap.schedules) s.schedules.set(user, { at: at ?? undefined, day, fired });
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
