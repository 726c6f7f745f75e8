/**
 * @module test/properties/engine
 * Properties of the whole engine over random command streams (all order kinds, cancels, modifies, oracle moves that
 * fire triggers, the dead man's switch): structural invariants, an uncrossed FIFO book, size conservation per order,
 * positions consistent with fills and netting to zero, reduce-only never increasing a position, lossless snapshots and
 * determinism.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  type Command,
  Engine,
  type Event,
  FIRST_OID,
  formatUnits,
  type Grouping,
  type OrderRequest,
  type OrderStatus,
  type OrderView,
  type Tif,
  type TpSl,
} from "../../src/core/index.ts";

// ===== The little world the streams live in

const USERS = [`0x${"1".repeat(40)}`, `0x${"2".repeat(40)}`, `0x${"3".repeat(40)}`] as const;
const T0 = 1_767_225_600_000;
const CLOIDS = [1, 2, 3, 4].map((i) => `0x${i.toString(16).padStart(32, "0")}`);

interface AssetGrid {
  readonly asset: number;
  /** Twelve valid, adjacent prices: orders use 1..10, the oracle 0..11. */
  readonly prices: readonly string[];
  /** Ten sizes; the smallest is under $10 at the lower prices, so minimum-value rejects happen too. */
  readonly sizes: readonly string[];
}

function grid(
  asset: number,
  price: { first: number; step: number; decimals: number },
  size: { lot: number; decimals: number },
): AssetGrid {
  return {
    asset,
    prices: Array.from({ length: 12 }, (_, i) => formatUnits(price.first + i * price.step, price.decimals)),
    sizes: Array.from({ length: 10 }, (_, j) => formatUnits(size.lot * (j + 1), size.decimals)),
  };
}

/** BTC around $100,000 (integer prices), SOL around $150 (cents), DOGE around $0.1 (5 significant figures). */
const GRIDS: readonly AssetGrid[] = [
  grid(0, { first: 999_940, step: 10, decimals: 1 }, { lot: 10, decimals: 5 }),
  grid(5, { first: 1_499_500, step: 100, decimals: 4 }, { lot: 10, decimals: 2 }),
  grid(12, { first: 99_940, step: 10, decimals: 6 }, { lot: 100, decimals: 0 }),
];

function gridOf(i: number): AssetGrid {
  return GRIDS[i % GRIDS.length] as AssetGrid;
}

// ===== Abstract commands: what the generator draws, before oids and times are known

type GenKind =
  | { readonly tif: Tif }
  | { readonly trigger: { readonly isMarket: boolean; readonly tpsl: TpSl; readonly tpx: number } };

interface GenOrder {
  readonly asset: number;
  readonly isBuy: boolean;
  readonly px: number;
  readonly sz: number;
  readonly reduceOnly: boolean;
  readonly cloid: number | null;
  readonly kind: GenKind;
}

type GenCommand =
  | {
      readonly k: "order";
      readonly dt: number;
      readonly user: number;
      readonly grouping: Grouping;
      readonly orders: readonly GenOrder[];
    }
  | { readonly k: "cancel"; readonly dt: number; readonly user: number; readonly pick: number; readonly asset: number }
  | {
      readonly k: "cancelByCloid";
      readonly dt: number;
      readonly user: number;
      readonly cloid: number;
      readonly asset: number;
      readonly ownAsset: boolean;
    }
  | {
      readonly k: "modify";
      readonly dt: number;
      readonly user: number;
      readonly pick: number;
      readonly byCloid: number | null;
      readonly order: GenOrder;
      readonly alwaysPlace: boolean;
    }
  | { readonly k: "oracle"; readonly dt: number; readonly asset: number; readonly px: number }
  | { readonly k: "tick"; readonly dt: number }
  | { readonly k: "schedule"; readonly dt: number; readonly user: number; readonly delay: number | null };

const userArb = fc.integer({ min: 0, max: USERS.length - 1 });
/** Mostly BTC and SOL, so that their books are deep enough to trade often; DOGE now and then. */
const assetArb = fc.constantFrom(0, 0, 0, 1, 1, 1, 2);
const dtArb = fc.integer({ min: 0, max: 1_000 });
const cloidArb = fc.oneof(
  { weight: 7, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: CLOIDS.length - 1 }) },
);

const limitKind: fc.Arbitrary<GenKind> = fc
  .constantFrom<Tif>("Gtc", "Gtc", "Gtc", "Gtc", "Ioc", "Alo", "Alo", "FrontendMarket")
  .map((tif) => ({ tif }));
const triggerKind: fc.Arbitrary<GenKind> = fc
  .record({ isMarket: fc.boolean(), tpsl: fc.constantFrom<TpSl>("tp", "sl"), tpx: fc.integer({ min: 1, max: 10 }) })
  .map((trigger) => ({ trigger }));

function orderArb(kind: fc.Arbitrary<GenKind>): fc.Arbitrary<GenOrder> {
  return fc.record({
    asset: assetArb,
    isBuy: fc.boolean(),
    px: fc.integer({ min: 1, max: 10 }),
    sz: fc.integer({ min: 0, max: 9 }),
    reduceOnly: fc.constantFrom(false, false, false, true),
    cloid: cloidArb,
    kind,
  });
}

const anyOrder = fc.oneof(
  { weight: 6, arbitrary: orderArb(limitKind) },
  { weight: 1, arbitrary: orderArb(triggerKind) },
);

/** A parent limit order and one or two reduce-only TP/SL children closing it. */
const normalTpsl = fc
  .tuple(orderArb(limitKind), fc.array(orderArb(triggerKind), { minLength: 1, maxLength: 2 }))
  .map(([parent, children]): GenOrder[] => [
    parent,
    ...children.map((c) => ({ ...c, asset: parent.asset, isBuy: !parent.isBuy, reduceOnly: true })),
  ]);

/** A take-profit and a stop-loss on the same side of one asset. */
const positionTpsl = fc.tuple(orderArb(triggerKind), orderArb(triggerKind)).map(([tp, sl]): GenOrder[] => {
  const kind = (o: GenOrder, tpsl: TpSl): GenKind =>
    "trigger" in o.kind ? { trigger: { ...o.kind.trigger, tpsl } } : o.kind;
  return [
    { ...tp, kind: kind(tp, "tp") },
    { ...sl, asset: tp.asset, isBuy: tp.isBuy, kind: kind(sl, "sl") },
  ];
});

const commandArb: fc.Arbitrary<GenCommand> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({
      k: fc.constant("order" as const),
      dt: dtArb,
      user: userArb,
      grouping: fc.constant<Grouping>("na"),
      orders: fc.array(anyOrder, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant("order" as const),
      dt: dtArb,
      user: userArb,
      grouping: fc.constant<Grouping>("normalTpsl"),
      orders: normalTpsl,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("order" as const),
      dt: dtArb,
      user: userArb,
      grouping: fc.constant<Grouping>("positionTpsl"),
      orders: positionTpsl,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant("cancel" as const),
      dt: dtArb,
      user: userArb,
      pick: fc.nat({ max: 63 }),
      asset: assetArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant("cancelByCloid" as const),
      dt: dtArb,
      user: userArb,
      cloid: fc.integer({ min: 0, max: CLOIDS.length - 1 }),
      asset: assetArb,
      ownAsset: fc.constantFrom(true, true, true, false),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant("modify" as const),
      dt: dtArb,
      user: userArb,
      pick: fc.nat({ max: 63 }),
      byCloid: cloidArb,
      order: anyOrder,
      alwaysPlace: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant("oracle" as const),
      dt: dtArb,
      asset: assetArb,
      px: fc.integer({ min: 0, max: 11 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("tick" as const), dt: fc.integer({ min: 0, max: 20_000 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("schedule" as const),
      dt: dtArb,
      user: userArb,
      delay: fc.option(fc.integer({ min: 0, max: 15_000 }), { nil: null, freq: 4 }),
    }),
  },
);

const streamArb = fc.array(commandArb, { minLength: 1, maxLength: 150, size: "max" });

// ===== From abstract to concrete commands, against the live state

function request(o: GenOrder): OrderRequest {
  const g = gridOf(o.asset);
  const price = g.prices[o.px] as string;
  const kind: OrderRequest["kind"] =
    "tif" in o.kind
      ? { limit: { tif: o.kind.tif } }
      : {
          trigger: {
            isMarket: o.kind.trigger.isMarket,
            triggerPrice: g.prices[o.kind.trigger.tpx] as string,
            tpsl: o.kind.trigger.tpsl,
          },
        };
  const base = { asset: g.asset, isBuy: o.isBuy, price, size: g.sizes[o.sz] as string, reduceOnly: o.reduceOnly, kind };
  return o.cloid === null ? base : { ...base, cloid: CLOIDS[o.cloid] as string };
}

/**
 * A fresh engine whose users hold $100M each, so margin never refuses their orders: these properties are about the
 * book. The mark follows the oracle exactly, so generated oracle prices fire triggers as written.
 */
function fundedEngine(): Engine {
  const engine = Engine.create({ markRule: "oracle" });
  for (const [i, user] of USERS.entries()) {
    engine.apply({ type: "deposit", time: T0 - 10 + i, user, usd: 100_000_000 * 1_000_000 });
  }
  return engine;
}

/** A live order of the user (most picks) or an oid that is probably dead or someone else's. */
function pickOrder(engine: Engine, user: string, pick: number, asset: number): { oid: number; asset: number } {
  const live = engine.liveOrders(user);
  if (live.length > 0 && pick % 8 !== 7) {
    const [oid, a] = live[pick % live.length] as [number, number];
    return { oid, asset: a };
  }
  return { oid: FIRST_OID + pick, asset };
}

/** The concrete command for an abstract one, given the engine it is about to be applied to. */
function materialize(gen: GenCommand, engine: Engine): Command {
  const time = engine.state.time === 0 ? T0 + gen.dt : engine.state.time + gen.dt;
  switch (gen.k) {
    case "order":
      return {
        type: "order",
        time,
        user: USERS[gen.user] as string,
        orders: gen.orders.map(request),
        grouping: gen.grouping,
      };
    case "cancel": {
      const user = USERS[gen.user] as string;
      const { oid, asset } = pickOrder(engine, user, gen.pick, gridOf(gen.asset).asset);
      return { type: "cancel", time, user, cancels: [{ asset, oid }] };
    }
    case "cancelByCloid": {
      const user = USERS[gen.user] as string;
      const cloid = CLOIDS[gen.cloid] as string;
      const oid = engine.state.cloids.get(`${user}${cloid}`);
      const own = oid === undefined ? undefined : engine.liveOrders(user).find(([o]) => o === oid)?.[1];
      const asset = gen.ownAsset && own !== undefined ? own : gridOf(gen.asset).asset;
      return { type: "cancelByCloid", time, user, cancels: [{ asset, cloid }] };
    }
    case "modify": {
      const user = USERS[gen.user] as string;
      const ref =
        gen.byCloid === null
          ? { oid: pickOrder(engine, user, gen.pick, 0).oid }
          : { cloid: CLOIDS[gen.byCloid] as string };
      return {
        type: "batchModify",
        time,
        user,
        modifies: [{ ref, order: request(gen.order) }],
        alwaysPlace: gen.alwaysPlace,
      };
    }
    case "oracle": {
      const g = gridOf(gen.asset);
      return { type: "setOracle", time, prices: [{ asset: g.asset, price: g.prices[gen.px] as string }] };
    }
    case "tick":
      return { type: "tick", time };
    case "schedule": {
      const user = USERS[gen.user] as string;
      return gen.delay === null
        ? { type: "scheduleCancel", time, user }
        : { type: "scheduleCancel", time, user, at: time + gen.delay };
    }
  }
}

// ===== The checker: follows the events of one engine and records every broken property

type Category = "invariants" | "crossed" | "fifo" | "conservation" | "positions" | "reduceOnly";

/** What the checker knows of one order, from the events alone. */
interface Entry {
  readonly oid: number;
  readonly user: string;
  readonly asset: number;
  /**
   * `pending`: placed, no status yet (a taker between its fills and its status); `trigger`: waiting as a trigger;
   * `fired`: triggered, about to run as a limit order; `book`: has had its first limit-order status; `done`: gone.
   */
  phase: "pending" | "trigger" | "fired" | "book" | "done";
  opened: boolean;
  reduceOnly: boolean;
  origSize: number;
  /** Size filled (as maker or taker) since the order became a limit order. */
  filled: number;
  /** Size a reduce-only order lost to clipping at placement: its excess over the position. */
  clip: number;
  /** The user's position when the order was placed (taker) or fired (trigger). */
  position: number;
  /** For a fired trigger: the size it must run with (clipped to the position when reduce-only or a position TP/SL). */
  firedSize: number;
}

const MAKER_EXITS: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  "selfTradeCanceled",
  "reduceOnlyCanceled",
  "siblingFilledCanceled",
  "scheduledCancel",
]);

function reducible(position: number, isBuy: boolean): number {
  if (isBuy) return position < 0 ? -position : 0;
  return position > 0 ? position : 0;
}

class Checker {
  readonly violations = new Map<Category, string[]>();
  readonly stats = new Map<string, number>();
  private readonly ledger = new Map<number, Entry>();
  private readonly positions = new Map<string, number>();
  /** Oid → the order in which it entered a book (its `open`), for FIFO. */
  private readonly placed = new Map<number, number>();
  private nextPlacement = 0;

  constructor(private readonly engine: Engine) {}

  private fail(category: Category, message: string): void {
    let list = this.violations.get(category);
    if (list === undefined) {
      list = [];
      this.violations.set(category, list);
    }
    list.push(message);
  }

  private count(key: string, n = 1): void {
    this.stats.set(key, (this.stats.get(key) ?? 0) + n);
  }

  private position(user: string, asset: number): number {
    return this.positions.get(`${user}|${asset}`) ?? 0;
  }

  /** Checks the engine after one command and its events. */
  after(events: readonly Event[]): void {
    try {
      this.engine.checkInvariants();
    } catch (e) {
      this.fail("invariants", (e as Error).message);
    }
    const reduceOnlyOf = new Map<number, boolean>();
    for (const e of events) if (e.type === "orderStatus") reduceOnlyOf.set(e.order.oid, e.order.reduceOnly);
    for (const e of events) {
      if (e.type === "fill") this.onFill(e, reduceOnlyOf);
      else if (e.type === "orderStatus") this.onStatus(e.status, e.order);
      else if (e.type === "reply" && e.reply.kind === "order") {
        for (const r of e.reply.statuses)
          if (typeof r === "object" && "error" in r) this.count(`reject:${r.error.code}`);
      }
    }
    this.checkLive();
    this.checkBooks();
    this.checkPositions();
  }

  private onFill(f: Extract<Event, { type: "fill" }>, reduceOnlyOf: ReadonlyMap<number, boolean>): void {
    this.count("fills");
    if (f.maker.user === f.taker.user) this.fail("positions", `fill ${f.tid}: a user traded with itself`);
    const legs = [
      { leg: f.maker, isBuy: !f.takerIsBuy, role: "maker" },
      { leg: f.taker, isBuy: f.takerIsBuy, role: "taker" },
    ] as const;
    for (const { leg, isBuy, role } of legs) {
      const start = this.position(leg.user, f.asset);
      if (leg.startPosition !== start) {
        this.fail(
          "positions",
          `fill ${f.tid}: ${role} ${leg.oid} startPosition ${leg.startPosition}, fills say ${start}`,
        );
      }
      this.positions.set(`${leg.user}|${f.asset}`, start + (isBuy ? f.size : -f.size));
      const reduceOnly = reduceOnlyOf.get(leg.oid) ?? this.ledger.get(leg.oid)?.reduceOnly;
      if (reduceOnly === undefined) this.fail("reduceOnly", `fill ${f.tid}: ${role} ${leg.oid} has no order`);
      if (reduceOnly === true) {
        this.count("reduceOnlyFills");
        const s = leg.startPosition;
        const ok = isBuy ? s < 0 && s + f.size <= 0 : s > 0 && s - f.size >= 0;
        if (!ok) {
          this.fail(
            "reduceOnly",
            `fill ${f.tid}: reduce-only ${role} ${leg.oid} ${isBuy ? "buys" : "sells"} ${f.size} from position ${s}`,
          );
        }
      }
      let entry = this.ledger.get(leg.oid);
      if (entry === undefined && role === "taker") {
        entry = this.newEntry(leg.oid, leg.user, f.asset, "pending", leg.startPosition);
      }
      if (entry === undefined) {
        this.fail("conservation", `fill ${f.tid}: maker ${leg.oid} was never placed`);
        continue;
      }
      if (role === "maker" && !(entry.phase === "book" && entry.opened)) {
        this.fail("conservation", `fill ${f.tid}: maker ${leg.oid} is not resting (${entry.phase})`);
      }
      if (role === "taker" && entry.phase !== "pending" && entry.phase !== "fired") {
        this.fail("conservation", `fill ${f.tid}: taker ${leg.oid} is ${entry.phase}`);
      }
      entry.filled += f.size;
    }
  }

  private newEntry(oid: number, user: string, asset: number, phase: Entry["phase"], position: number): Entry {
    const entry: Entry = {
      oid,
      user,
      asset,
      phase,
      opened: false,
      reduceOnly: false,
      origSize: 0,
      filled: 0,
      clip: 0,
      position,
      firedSize: 0,
    };
    this.ledger.set(oid, entry);
    return entry;
  }

  private onStatus(status: OrderStatus, v: OrderView): void {
    this.count(`status:${status}`);
    const bad = (why: string) => this.fail("conservation", `${status} ${v.oid}: ${why}`);
    let e = this.ledger.get(v.oid);
    if (e?.phase === "done") {
      bad("the order had already ended");
      return;
    }
    if (v.tif === null) {
      // A trigger order that has not run: its size never changes.
      if (v.size !== v.origSize) bad(`trigger size ${v.size} of ${v.origSize}`);
      if (e === undefined) {
        if (status === "open") {
          e = this.newEntry(v.oid, v.user, v.asset, "trigger", 0);
          e.origSize = v.origSize;
          e.reduceOnly = v.reduceOnly;
        } else if (status === "canceled") {
          // A TP/SL child whose parent neither filled nor rested: never placed.
          this.newEntry(v.oid, v.user, v.asset, "done", 0);
        } else {
          bad("a trigger that was never placed");
        }
        return;
      }
      if (e.phase === "trigger") {
        if (v.origSize !== e.origSize) bad(`trigger size changed from ${e.origSize}`);
        if (status === "open") {
          bad("opened twice");
          return;
        }
        if (status !== "triggered") {
          e.phase = "done";
          return;
        }
        e.phase = "fired";
        e.position = this.position(v.user, v.asset);
        const clipped = v.reduceOnly || v.isPositionTpsl;
        e.firedSize = clipped ? Math.min(v.size, reducible(e.position, v.isBuy)) : v.size;
        if (e.filled !== 0) bad("filled while waiting for its trigger");
        return;
      }
      if (e.phase === "fired" && status === "reduceOnlyCanceled") {
        if (e.firedSize !== 0) bad(`canceled at firing although ${e.firedSize} could reduce`);
        e.phase = "done";
        return;
      }
      bad(`trigger view while ${e.phase}`);
      return;
    }
    // A limit order (new, or a trigger that fired).
    if (e === undefined) e = this.newEntry(v.oid, v.user, v.asset, "pending", this.position(v.user, v.asset));
    if (e.phase === "trigger") {
      e.phase = "done";
      bad("a limit-order status for a trigger that never fired");
      return;
    }
    if (e.phase === "pending" || e.phase === "fired") {
      // A new order may end reduce-only-canceled at once (its rest no longer reduces); no other maker exit.
      const ownExit = status === "reduceOnlyCanceled" && v.reduceOnly;
      if (MAKER_EXITS.has(status) && !ownExit) bad("a maker exit for an order that never rested");
      if (e.phase === "fired") {
        if (v.origSize !== e.firedSize) bad(`fired with size ${v.origSize}, expected ${e.firedSize}`);
        e.clip = 0;
      } else {
        const r = reducible(e.position, v.isBuy);
        if (v.reduceOnly && r === 0 && status !== "reduceOnlyRejected") bad("reduce-only with nothing to reduce");
        // The only size an order may lose without a trace is, for a reduce-only order, its excess over the
        // position: always for IOC ("fills up to the position"), all or nothing for the others.
        const excess = v.reduceOnly && r > 0 ? Math.max(0, v.origSize - r) : 0;
        const clip = v.origSize - e.filled - v.size;
        const ioc = v.tif === "Ioc" || v.tif === "FrontendMarket";
        if (ioc ? clip !== excess : clip !== 0 && clip !== excess) {
          bad(`${clip} of ${v.origSize} lost at placement (filled ${e.filled}, position ${e.position})`);
        }
        e.clip = ioc ? excess : clip === excess ? excess : 0;
      }
      e.origSize = v.origSize;
      e.reduceOnly = v.reduceOnly;
      e.phase = "book";
    }
    if (v.origSize !== e.origSize) bad(`origSize ${v.origSize}, was ${e.origSize}`);
    const left = e.origSize - e.clip - e.filled;
    if (v.size !== left) bad(`size ${v.size}, but ${e.origSize} − clipped ${e.clip} − filled ${e.filled} = ${left}`);
    if ((status === "filled") !== (v.size === 0)) bad(`size ${v.size}`);
    if (status === "open") {
      if (e.opened) {
        bad("opened twice");
        return;
      }
      e.opened = true;
      this.placed.set(v.oid, this.nextPlacement++);
    } else if (status === "triggered") {
      bad("triggered as a limit order");
    } else {
      e.phase = "done";
    }
  }

  /** Every order the events say is live is live in the engine with the size they imply, and nothing else is. */
  private checkLive(): void {
    const live = new Map<number, { size: number; origSize: number }>();
    for (const g of GRIDS) {
      for (const o of this.engine.state.books[g.asset]?.orders() ?? []) live.set(o.oid, o);
      for (const t of this.engine.state.triggers[g.asset]?.values() ?? []) {
        live.set(t.oid, { size: t.size, origSize: t.size });
      }
    }
    for (const e of this.ledger.values()) {
      if (e.phase === "done") continue;
      const engine = live.get(e.oid);
      live.delete(e.oid);
      if (e.phase === "pending" || e.phase === "fired" || (e.phase === "book" && !e.opened)) {
        this.fail("conservation", `order ${e.oid} got no final status (${e.phase})`);
        e.phase = "done";
        continue;
      }
      if (engine === undefined) {
        this.fail("conservation", `order ${e.oid} should be live (${e.phase}) but is gone without a status`);
        e.phase = "done";
        continue;
      }
      const left = e.phase === "trigger" ? e.origSize : e.origSize - e.clip - e.filled;
      if (engine.size !== left || engine.origSize !== e.origSize) {
        this.fail(
          "conservation",
          `order ${e.oid} rests with ${engine.size}/${engine.origSize}; events say ${left}/${e.origSize} (filled ${e.filled})`,
        );
      }
    }
    for (const oid of live.keys()) this.fail("conservation", `order ${oid} is live but its events say it is not`);
  }

  private checkBooks(): void {
    for (const g of GRIDS) {
      const [bids, asks] = this.engine.depth(g.asset, { levels: 1 }) ?? [[], []];
      const bid = bids[0]?.price;
      const ask = asks[0]?.price;
      if (bid !== undefined && ask !== undefined && bid >= ask)
        this.fail("crossed", `asset ${g.asset}: ${bid} >= ${ask}`);
      const book = this.engine.state.books[g.asset];
      if (book === undefined) continue;
      for (const side of [book.bids, book.asks]) {
        for (const level of side.bestFirst()) {
          let prev = -1;
          for (const o of level.orders()) {
            const at = this.placed.get(o.oid);
            if (at === undefined || at <= prev) {
              const queue = [...level.orders()].map((x) => `${x.oid}@${this.placed.get(x.oid)}`).join(" ");
              this.fail("fifo", `asset ${g.asset} level ${level.price}: queue ${queue} is not in placement order`);
              break;
            }
            prev = at;
          }
        }
      }
    }
  }

  private checkPositions(): void {
    const net = new Map<number, number>();
    for (const account of this.engine.state.accounts.values()) {
      for (const [asset, { size }] of account.positions) {
        net.set(asset, (net.get(asset) ?? 0) + size);
        if (size !== this.position(account.address, asset)) {
          this.fail(
            "positions",
            `${account.address} holds ${size} of ${asset}; its fills say ${this.position(account.address, asset)}`,
          );
        }
      }
    }
    for (const [key, size] of this.positions) {
      const [user, asset] = key.split("|") as [string, string];
      const held = this.engine.state.accounts.get(user)?.position(Number(asset)) ?? 0;
      if (size !== held) this.fail("positions", `${user} holds ${held} of ${asset}; its fills say ${size}`);
    }
    for (const [asset, total] of net) if (total !== 0) this.fail("positions", `positions of ${asset} net ${total}`);
  }
}

// ===== Running streams

interface Run {
  readonly commands: Command[];
  readonly events: Event[][];
  readonly checker: Checker;
}

/**
 * Applies a stream to a fresh engine, checking after each command unless `check` is false; stops at the first
 * violation of `stopOn`.
 */
function runStream(gens: readonly GenCommand[], stopOn?: Category, check = true): Run {
  const engine = fundedEngine();
  const checker = new Checker(engine);
  const commands: Command[] = [];
  const events: Event[][] = [];
  for (const gen of gens) {
    const cmd = materialize(gen, engine);
    commands.push(cmd);
    const out = engine.apply(cmd);
    events.push(out);
    if (!check) continue;
    checker.after(out);
    if (stopOn !== undefined && checker.violations.has(stopOn)) break;
  }
  return { commands, events, checker };
}

/** The commands of a run, one JSON line each, for a failure message that can be replayed. */
function script(commands: readonly Command[]): string {
  return commands.map((c) => JSON.stringify(c)).join("\n");
}

function assertClean(run: Run, category: Category): void {
  const found = run.checker.violations.get(category);
  if (found === undefined) return;
  assert.fail(`${category}: ${found[0]}\nafter the commands:\n${script(run.commands)}`);
}

/** Runs of the per-category properties (cheap), and of the snapshot and determinism ones (three engines each). */
const RUNS = 200;
const ENGINE_RUNS = 150;

function categoryProperty(category: Category): void {
  fc.assert(
    fc.property(streamArb, (gens) => assertClean(runStream(gens, category), category)),
    { numRuns: RUNS, includeErrorInReport: true },
  );
}

describe("engine properties over random command streams", () => {
  test("the streams exercise fills, self-trades, triggers, reduce-only, cloids, modifies and scheduled cancels", () => {
    const totals = new Map<string, number>();
    for (const gens of fc.sample(streamArb, { numRuns: 60, seed: 42 })) {
      const run = runStream(gens);
      for (const [k, n] of run.checker.stats) totals.set(k, (totals.get(k) ?? 0) + n);
      for (const c of run.commands) totals.set(`cmd:${c.type}`, (totals.get(`cmd:${c.type}`) ?? 0) + 1);
    }
    const at = (k: string) => totals.get(k) ?? 0;
    for (const k of [
      "fills",
      "reduceOnlyFills",
      "status:open",
      "status:filled",
      "status:canceled",
      "status:selfTradeCanceled",
      "status:triggered",
      "status:reduceOnlyCanceled",
      "status:reduceOnlyRejected",
      "status:badAloPxRejected",
      "status:iocCancelRejected",
      "reject:minNotional",
      "status:scheduledCancel",
      "cmd:batchModify",
      "cmd:cancelByCloid",
    ]) {
      assert.ok(at(k) >= 3, `${k} happened only ${at(k)} times in the sample`);
    }
    // The price and size grids are valid: nothing is rejected for its format.
    for (const k of ["reject:tick", "reject:invalidPrice", "reject:invalidSize"]) assert.equal(at(k), 0, k);
  });

  test("checkInvariants() passes after every command", () => categoryProperty("invariants"));

  test("the book is never crossed", () => categoryProperty("crossed"));

  test("FIFO: within a level, orders queue in the order they entered the book", () => categoryProperty("fifo"));

  test("every order's size is conserved: original = filled + clipped + resting or ended", () =>
    categoryProperty("conservation"));

  test("positions follow the fills exactly and net to zero per asset", () => categoryProperty("positions"));

  test("reduce-only orders never increase a position", () => categoryProperty("reduceOnly"));

  test("snapshot round trip: same hash after every command, same events after a restore", () => {
    fc.assert(
      fc.property(streamArb, fc.nat(), (gens, cutSeed) => {
        const cut = cutSeed % (gens.length + 1);
        const a = fundedEngine();
        let b: Engine | undefined;
        const commands: Command[] = [];
        /** A restored copy of `a`; its snapshot must be `a`'s, byte for byte (so the hashes agree too). */
        const restore = (): Engine => {
          const text = JSON.stringify(a.toSnapshot());
          const restored = Engine.fromSnapshot(JSON.parse(text));
          assert.equal(JSON.stringify(restored.toSnapshot()), text, `snapshot after restore\n${script(commands)}`);
          return restored;
        };
        gens.forEach((gen, i) => {
          if (i === cut) {
            b = restore();
            assert.equal(b.stateHash(), a.stateHash());
          }
          const cmd = materialize(gen, a);
          commands.push(cmd);
          const expected = a.apply(cmd);
          if (b !== undefined) {
            assert.deepEqual(b.apply(cmd), expected, `events after restore at ${cut}\n${script(commands)}`);
          } else {
            restore();
          }
        });
        if (b === undefined) b = restore();
        assert.equal(b.stateHash(), a.stateHash());
        assert.deepEqual(b.toSnapshot(), a.toSnapshot());
      }),
      { numRuns: ENGINE_RUNS, includeErrorInReport: true },
    );
  });

  test("determinism: two fresh engines given the same commands give the same events and hashes", () => {
    fc.assert(
      fc.property(streamArb, (gens) => {
        const driver = runStream(gens, undefined, false);
        const b = fundedEngine();
        const c = fundedEngine();
        driver.commands.forEach((cmd, i) => {
          // Interleaved, so that state shared between engines (module globals) would show.
          const eb = b.apply(cmd);
          const ec = c.apply(cmd);
          assert.deepEqual(eb, driver.events[i], `command ${i}\n${script(driver.commands.slice(0, i + 1))}`);
          assert.deepEqual(ec, eb);
        });
        assert.equal(b.stateHash(), c.stateHash());
        assert.deepEqual(b.toSnapshot(), c.toSnapshot());
      }),
      { numRuns: ENGINE_RUNS, includeErrorInReport: true },
    );
  });
});
