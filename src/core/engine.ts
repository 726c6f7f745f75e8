/**
 * @module core/engine
 * The engine: `apply(command) → events` is the only way its state changes. Deterministic: the same commands from the
 * same state always give the same events and the same state hash. Time comes only from commands. A throw is a bug,
 * and the caller must stop rather than go on with a half-applied command.
 */

import type { Command } from "./command.ts";
import type { Ctx } from "./ctx.ts";
import type { Event, OrderView, Reply } from "./event.ts";
import type { Reject } from "./reject.ts";
import { Account } from "./clearinghouse/account.ts";
import type { PriceState } from "./markets/prices.ts";
import { FIRST_OID, FIRST_TID } from "./ids.ts";
import { type Book, type BookOrder, Level } from "./book/book.ts";
import { depth, type DepthLevel, type DepthOptions } from "./book/depth.ts";
import {
  bookView,
  triggerView,
  cancelOrders,
  cancelOrdersByCloid,
  fireSchedules,
  fireTriggers,
  modifyOrders,
  placeOrders,
  scheduleCancel,
} from "./book/orders.ts";
import type { Leverage } from "./clearinghouse/account.ts";
import { type AccountRisk, accountRisk, leverageOf, liquidationPrice, markOf } from "./clearinghouse/margin.ts";
import { advanceFunding, impactPrices, payFunding, predictedRate } from "./clearinghouse/funding.ts";
import {
  deposit,
  subAccountTransfer,
  updateIsolatedMargin,
  updateLeverage,
  usdSend,
  withdraw,
} from "./clearinghouse/ledger.ts";
import { sweepLiquidations } from "./clearinghouse/liquidation.ts";
import {
  checkSpotInvariants,
  type SpotBalance,
  type SpotMarket,
  spotGenesis,
  spotMarketOf,
  spotSend,
} from "./spot/spot.ts";
import type { Market } from "./markets/universe.ts";
import { usdClassTransfer } from "./spot/transfer.ts";
import { createVault, type Vault, vaultDistribute, vaultModify, vaultTransfer } from "./clearinghouse/vaults.ts";
import { type EngineConfig, makeConfig } from "./config.ts";
import type { Address, AssetId, Cloid } from "./ids.ts";
import {
  type Agent,
  agentsOf,
  approveAgent,
  approveBuilderFee,
  approvedBuilderFee,
  authorize,
  createSubAccount,
  derivedAddress,
  renameSubAccount,
  SUB_ACCOUNT_MIN_VOLUME,
  type SubAccount,
  setReferrer,
  subAccountsOf,
} from "./clearinghouse/identity.ts";
import { dayStats } from "./markets/context.ts";
import { cancelTwap, fireTwaps, nextTwapTime, placeTwap, twapView } from "./book/twap.ts";
import type { TwapView } from "./event.ts";
import { midPrice, parseOraclePrice, updateMark } from "./markets/prices.ts";
import {
  assetOfOrder,
  bookOf,
  cloidKey,
  type EngineSnapshot,
  type EngineState,
  type FundingState,
  emptyState,
  fromSnapshot,
  liveOrdersOf,
  stateHash,
  toSnapshot,
} from "./state.ts";

/** A live order as the info layer shows it. */
export interface LiveOrder {
  readonly order: OrderView;
  /** A normalTpsl child: its parent. */
  readonly parentOid: number | undefined;
  /** False while a normalTpsl child waits for its parent to fill. */
  readonly active: boolean;
}

/** Options of a new engine: any part of the configuration; the rest is Hyperliquid's defaults. */
export type EngineOptions = Partial<EngineConfig>;

/** An asset's context, in core units (tick units, lots, 10^-6 USD, rates in parts per 10^12). */
export interface AssetContext {
  readonly asset: AssetId;
  readonly oracle: number | undefined;
  readonly mark: number | undefined;
  readonly mid: number | undefined;
  /** Predicted hourly funding rate. */
  readonly funding: number;
  /** Latest premium sample. */
  readonly premium: number | undefined;
  readonly impactPrices: [number | undefined, number | undefined];
  /** Open interest, lots. */
  readonly openInterest: number;
  readonly dayNotional: number;
  readonly dayBase: number;
  readonly prevDayPrice: number | undefined;
}

function reply(out: Event[], r: Reply): void {
  out.push({ type: "reply", reply: r });
}

function replyWith(out: Event[], reject: Reject | undefined): void {
  reply(out, reject === undefined ? DEFAULT_REPLY : { kind: "error", reject });
}

const DEFAULT_REPLY: Reply = { kind: "default" };

export class Engine {
  private constructor(private readonly s: EngineState) {}

  /** A new, empty engine over a universe (Hyperliquid's default perps unless given). */
  static create(options: EngineOptions = {}): Engine {
    return new Engine(emptyState(makeConfig(options), FIRST_OID, FIRST_TID));
  }

  /** An engine restored from a snapshot. */
  static fromSnapshot(snapshot: EngineSnapshot): Engine {
    return new Engine(fromSnapshot(snapshot));
  }

  /** Read-only access to the state, for queries between commands. Never mutate through it. */
  get state(): Readonly<EngineState> {
    return this.s;
  }

  /**
   * Applies one command and returns what happened. Each user command ends with exactly one `reply` event.
   * Throws only on a bug or a malformed system command (time going backwards, an invalid oracle price).
   */
  apply(cmd: Command): Event[] {
    const s = this.s;
    if (!Number.isSafeInteger(cmd.time) || cmd.time < s.time) {
      throw new Error(`engine: command time ${cmd.time} is before the engine's time ${s.time}`);
    }
    s.time = cmd.time;
    const out: Event[] = [];
    const ctx: Ctx = { s, out, time: cmd.time, liquidation: undefined, builder: undefined };
    if (advanceFunding(ctx)) sweepLiquidations(ctx);
    fireSchedules(ctx);
    fireTwaps(ctx);
    if ("auth" in cmd && cmd.auth !== undefined) {
      const denied = authorize(s.identity, this.hasAccount, cmd.user, cmd.auth, cmd.time);
      if (denied !== undefined) {
        reply(out, { kind: "error", reject: denied });
        return out;
      }
    }
    switch (cmd.type) {
      case "order":
        if (cmd.orders.length === 0) reply(out, { kind: "error", reject: { code: "emptyBatch" } });
        else if (
          cmd.builder !== undefined &&
          approvedBuilderFee(s.identity, cmd.user, cmd.builder.builder) < cmd.builder.fee
        ) {
          reply(out, { kind: "error", reject: { code: "builderFeeNotApproved" } });
        } else {
          ctx.builder = cmd.builder !== undefined && cmd.builder.fee > 0 ? cmd.builder : undefined;
          reply(out, { kind: "order", statuses: placeOrders(ctx, cmd.user, cmd.orders, cmd.grouping) });
        }
        break;
      case "cancel":
        reply(out, { kind: "cancel", statuses: cancelOrders(ctx, cmd.user, cmd.cancels) });
        break;
      case "cancelByCloid":
        reply(out, { kind: "cancel", statuses: cancelOrdersByCloid(ctx, cmd.user, cmd.cancels) });
        break;
      case "batchModify":
        reply(out, { kind: "order", statuses: modifyOrders(ctx, cmd.user, cmd.modifies, cmd.alwaysPlace) });
        break;
      case "scheduleCancel":
        replyWith(out, scheduleCancel(ctx, cmd.user, cmd.at));
        break;
      case "setOracle":
        for (const { asset, price } of cmd.prices) {
          const market = s.universe.get(asset);
          if (market === undefined) throw new Error(`setOracle: unknown asset ${asset}`);
          const oracle = parseOraclePrice(market, price);
          const prices = s.prices[asset] as PriceState;
          const follow = s.config.markRule === "oracle";
          const mark = updateMark(prices, s.books[asset] as Book, oracle, cmd.time, follow);
          out.push({ type: "markPrice", time: cmd.time, asset, price: mark });
          fireTriggers(ctx, asset, mark);
        }
        sweepLiquidations(ctx);
        break;
      case "tick":
        break;
      case "deposit":
        deposit(ctx, cmd.user, cmd.usd);
        break;
      case "usdSend":
        replyWith(out, usdSend(ctx, cmd.user, cmd.destination, cmd.amount));
        break;
      case "withdraw":
        replyWith(out, withdraw(ctx, cmd.user, cmd.amount, cmd.nonce));
        break;
      case "updateLeverage":
        replyWith(out, updateLeverage(ctx, cmd.user, cmd.asset, cmd.isCross, cmd.leverage));
        break;
      case "updateIsolatedMargin":
        replyWith(out, updateIsolatedMargin(ctx, cmd.user, cmd.asset, cmd.ntli));
        break;
      case "payFunding":
        if (payFunding(ctx, cmd.time)) sweepLiquidations(ctx);
        break;
      case "approveAgent":
        replyWith(
          out,
          approveAgent(s.identity, this.hasAccount, cmd.user, cmd.agent, cmd.name, cmd.validUntil, cmd.time),
        );
        break;
      case "approveBuilderFee":
        replyWith(out, approveBuilderFee(s.identity, cmd.user, cmd.builder, cmd.fee));
        break;
      case "setReferrer":
        replyWith(out, setReferrer(s.identity, cmd.user, cmd.code));
        break;
      case "noop":
        reply(out, DEFAULT_REPLY);
        break;
      case "twapOrder":
        reply(out, { kind: "twapOrder", result: placeTwap(ctx, cmd.user, cmd) });
        break;
      case "twapCancel":
        reply(out, { kind: "twapCancel", result: cancelTwap(ctx, cmd.user, cmd.asset, cmd.twapId) });
        break;
      case "createSubAccount": {
        const created = createSubAccount(
          s.identity,
          (a) => s.accounts.has(a),
          cmd.user,
          cmd.name,
          this.familyVolume(cmd.user),
          s.config.subAccountMinVolume ?? SUB_ACCOUNT_MIN_VOLUME,
        );
        reply(
          out,
          typeof created === "string"
            ? { kind: "createSubAccount", address: created }
            : { kind: "error", reject: created },
        );
        break;
      }
      case "spotSend":
        replyWith(out, spotSend(ctx, s.spot, cmd.user, cmd.destination, cmd.token, cmd.amount));
        break;
      case "usdClassTransfer":
        replyWith(out, usdClassTransfer(ctx, cmd.user, cmd.amount, cmd.toPerp));
        break;
      case "spotGenesis":
        spotGenesis(ctx, s.spot, cmd.user, cmd.token, cmd.amount);
        break;
      case "subAccountModify":
        replyWith(out, renameSubAccount(s.identity, cmd.user, cmd.subAccount, cmd.name));
        break;
      case "subAccountTransfer":
        replyWith(
          out,
          subAccountTransfer(ctx, cmd.user, cmd.subAccount, cmd.isDeposit, cmd.usd, (sub, master) => {
            return s.identity.subAccounts.get(sub)?.master === master;
          }),
        );
        break;
      case "createVault": {
        const created = createVault(
          ctx,
          s.identity.vaults,
          derivedAddress,
          (a) => s.accounts.has(a) || s.identity.agents.has(a) || s.identity.subAccounts.has(a),
          cmd.user,
          cmd.name,
          cmd.description,
          cmd.initialUsd,
        );
        reply(
          out,
          typeof created === "string" ? { kind: "createVault", address: created } : { kind: "error", reject: created },
        );
        break;
      }
      case "vaultTransfer":
        replyWith(out, vaultTransfer(ctx, s.identity.vaults, cmd.user, cmd.vault, cmd.isDeposit, cmd.usd));
        break;
      case "vaultModify":
        replyWith(
          out,
          vaultModify(s.identity.vaults, cmd.user, cmd.vault, cmd.allowDeposits, cmd.alwaysCloseOnWithdraw),
        );
        break;
      case "vaultDistribute":
        replyWith(out, vaultDistribute(ctx, s.identity.vaults, cmd.user, cmd.vault, cmd.usd));
        break;
      default:
        throw new Error(`engine: unknown command ${JSON.stringify(cmd satisfies never)}`);
    }
    return out;
  }

  /**
   * The next time (ms) at which a `tick` would change something: a premium sample, a funding payment, a dead man's
   * switch or a TWAP slice. Undefined before the first command.
   */
  nextDueTime(): number | undefined {
    const s = this.s;
    if (s.nextSampleAt === 0) return undefined;
    let due = Math.min(s.nextSampleAt, s.nextFundingAt);
    for (const schedule of s.schedules.values()) if (schedule.at !== undefined && schedule.at < due) due = schedule.at;
    const twap = nextTwapTime(s);
    return twap !== undefined && twap < due ? twap : due;
  }

  /** The market of an asset id: a perp, or a spot pair (asset 10000 + index); undefined when unknown. */
  marketOf(asset: AssetId): Market | undefined {
    return this.s.universe.get(asset) ?? spotMarketOf(this.s.spot, asset);
  }

  /** The spot pair of an asset id, or undefined. */
  spotMarket(asset: AssetId): SpotMarket | undefined {
    return spotMarketOf(this.s.spot, asset);
  }

  /** The spot pair of a coin name (`PURR/USDC`, `@1`), or undefined. */
  spotMarketByCoin(coin: string): SpotMarket | undefined {
    return this.s.spot.markets.find((m) => m.name === coin);
  }

  /** A user's spot balances, by token index ascending. */
  spotBalances(user: Address): [number, SpotBalance][] {
    const byToken = this.s.spot.balances.get(user);
    return byToken === undefined ? [] : [...byToken.entries()].sort(([a], [b]) => a - b).map(([t, b]) => [t, { ...b }]);
  }

  /** The running TWAP orders of a user (every user's when none is given), oldest first. */
  twaps(user?: Address): TwapView[] {
    const out: TwapView[] = [];
    for (const t of this.s.twaps.values()) if (user === undefined || t.user === user) out.push(twapView(t));
    return out.sort((a, b) => a.twapId - b.twapId);
  }

  /** The leverage in force for a user on an asset: the user's choice, else the default (cross unless isolated-only). */
  leverageOf(user: Address, asset: AssetId): Leverage {
    return leverageOf(this.s, this.s.accounts.get(user) ?? new Account(user), asset);
  }

  /** Notional a user has traded (Hyperliquid's `cumVlm`), 10^-6 USD. */
  volumeOf(user: Address): number {
    return this.s.accounts.get(user)?.volume ?? 0;
  }

  /** Whether an account exists: it has received money once (Hyperliquid's "user exists"). */
  readonly hasAccount = (user: Address): boolean => this.s.accounts.get(user)?.activated === true;

  /**
   * Who an address is: an account (`user`), an API wallet of an account (`agent`, with its master), or nobody
   * (`missing`). @see hyperliquid-api.md §4.4 userRole
   */
  roleOf(
    address: Address,
  ):
    | { role: "user" }
    | { role: "agent"; master: Address }
    | { role: "subAccount"; master: Address }
    | { role: "vault"; leader: Address }
    | { role: "missing" } {
    const vault = this.s.identity.vaults.get(address);
    if (vault !== undefined) return { role: "vault", leader: vault.leader };
    const sub = this.s.identity.subAccounts.get(address);
    if (sub !== undefined) return { role: "subAccount", master: sub.master };
    const agent = this.s.identity.agents.get(address);
    if (agent !== undefined && (agent.validUntil === undefined || this.s.time <= agent.validUntil)) {
      return { role: "agent", master: agent.master };
    }
    return this.hasAccount(address) ? { role: "user" } : { role: "missing" };
  }

  /** A vault by address, or undefined. Read only. */
  vault(address: Address): Readonly<Vault> | undefined {
    return this.s.identity.vaults.get(address);
  }

  /** Every vault, in creation order. Read only. */
  vaults(): readonly Readonly<Vault>[] {
    return [...this.s.identity.vaults.values()];
  }

  /** The sub-accounts of a master, in creation order (none for an address that is not a master). */
  subAccountsOf(master: Address): readonly SubAccount[] {
    return subAccountsOf(this.s.identity, master);
  }

  /** Volume traded by a master and its sub-accounts (they share its fee tier), 10^-6 USD. */
  familyVolume(master: Address): number {
    let volume = this.volumeOf(master);
    for (const sub of subAccountsOf(this.s.identity, master)) volume += this.volumeOf(sub.address);
    return volume;
  }

  /** The valid API wallets of an account, in approval order. */
  agentsOf(master: Address): Agent[] {
    return agentsOf(this.s.identity, master, this.s.time);
  }

  /** The builder fee a user approved for a builder, tenths of a basis point (0 when none). */
  builderFeeOf(user: Address, builder: Address): number {
    return approvedBuilderFee(this.s.identity, user, builder);
  }

  /** The builders a user approved (fee above 0). */
  buildersOf(user: Address): Address[] {
    return [...(this.s.identity.builderFees.get(user)?.keys() ?? [])];
  }

  /** The referral code a user entered, if any. */
  referrerOf(user: Address): string | undefined {
    return this.s.identity.referrers.get(user);
  }

  /** Why a signer may not use a nonce now (a cheap check before sequencing; the engine checks again). */
  nonceProblem(signer: Address, nonce: number, now: number): Reject | undefined {
    return this.s.identity.nonces.check(signer, nonce, Math.max(now, this.s.time));
  }

  /**
   * Every live order of a user (resting and trigger), oldest first, as the order history shows it. A normalTpsl child
   * waiting for its parent names the parent.
   */
  openOrders(user: Address): LiveOrder[] {
    const s = this.s;
    const out: LiveOrder[] = [];
    for (const [oid, asset] of liveOrdersOf(s, user)) {
      const resting = bookOf(s, asset)?.get(oid);
      if (resting !== undefined) {
        out.push({ order: bookView(resting, asset), parentOid: undefined, active: true });
        continue;
      }
      const t = s.triggers[asset]?.get(oid);
      if (t !== undefined) out.push({ order: triggerView(t, asset), parentOid: t.parentOid, active: t.active });
    }
    return out;
  }

  /** A live order by oid (any user), or undefined. */
  liveOrder(oid: number): LiveOrder | undefined {
    const asset = assetOfOrder(this.s, oid);
    if (asset === undefined) return undefined;
    const resting = bookOf(this.s, asset)?.get(oid);
    if (resting !== undefined) return { order: bookView(resting, asset), parentOid: undefined, active: true };
    const t = this.s.triggers[asset]?.get(oid);
    return t === undefined ? undefined : { order: triggerView(t, asset), parentOid: t.parentOid, active: t.active };
  }

  /** The oid of a user's live order holding a cloid, or undefined. */
  oidOfCloid(user: Address, cloid: Cloid): number | undefined {
    return this.s.cloids.get(cloidKey(user, cloid));
  }

  /** The l2Book levels of an asset, or undefined for an unknown asset. */
  depth(asset: number, options: DepthOptions = {}): [DepthLevel[], DepthLevel[]] | undefined {
    const book = bookOf(this.s, asset);
    return book === undefined ? undefined : depth(book, options);
  }

  /** Margin figures of an account (zero for an unknown user). */
  accountRisk(user: Address): AccountRisk {
    const account = this.s.accounts.get(user) ?? new Account(user);
    return accountRisk(this.s, account);
  }

  /** Every live order (resting or trigger) of a user as `[oid, asset]`, oldest first. */
  liveOrders(user: Address): [number, AssetId][] {
    return liveOrdersOf(this.s, user);
  }

  /** Liquidation price of one of a user's positions (tick units), or undefined when none is finite. */
  liquidationPrice(user: Address, asset: AssetId): number | undefined {
    const risk = this.accountRisk(user);
    const p = risk.positions.find((q) => q.asset === asset);
    return p === undefined ? undefined : liquidationPrice(this.s, risk, p);
  }

  /** The context of an asset (Hyperliquid's PerpAssetCtx, in core units), or undefined for an unknown asset. */
  assetContext(asset: AssetId): AssetContext | undefined {
    const s = this.s;
    const market = s.universe.get(asset);
    const book = s.books[asset];
    if (market === undefined || book === undefined) return undefined;
    const prices = s.prices[asset] as PriceState;
    const funding = s.funding[asset] as FundingState;
    const day = dayStats(s, asset, s.time);
    return {
      asset,
      oracle: prices.oracle,
      mark: markOf(s, asset),
      mid: midPrice(book),
      funding: predictedRate(funding, s.config),
      premium: funding.lastPremium,
      impactPrices: impactPrices(book, market),
      openInterest: s.openInterest[asset] ?? 0,
      dayNotional: day.notional,
      dayBase: day.base,
      prevDayPrice: day.prevDayPrice,
    };
  }

  /** The whole state as a plain snapshot. */
  toSnapshot(): EngineSnapshot {
    return toSnapshot(this.s);
  }

  /** The state hash (checksum of the canonical snapshot). */
  stateHash(): string {
    return stateHash(this.s);
  }

  /**
   * Checks every structural invariant and throws on the first broken one. For tests and paranoid mode:
   * books never crossed; level totals, counts and links true; indexes match the orders; positions net to zero.
   */
  checkInvariants(): void {
    const s = this.s;
    let live = 0;
    s.books.forEach((book, asset) => {
      checkBook(book, asset);
      const bid = book.bestBid();
      const ask = book.bestAsk();
      if (bid !== undefined && ask !== undefined && bid >= ask) {
        throw new Error(`invariant: book ${asset} crossed (${bid} >= ${ask})`);
      }
      for (const o of book.orders()) {
        live++;
        if (o.asset !== asset || s.resting.get(o.oid) !== o) throw new Error(`invariant: oid ${o.oid} not indexed`);
        if (o.cloid !== undefined && s.cloids.get(cloidKey(o.user, o.cloid)) !== o.oid) {
          throw new Error(`invariant: cloid of ${o.oid} not indexed`);
        }
        if (o.size <= 0 || o.size > o.origSize) throw new Error(`invariant: oid ${o.oid} has size ${o.size}`);
      }
    });
    s.triggers.forEach((map, asset) => {
      for (const t of map.values()) {
        live++;
        if (s.triggerAsset.get(t.oid) !== asset) throw new Error(`invariant: trigger ${t.oid} not indexed`);
      }
    });
    for (const book of s.spot.books) live += book.size;
    const indexed = s.resting.size + s.triggerAsset.size;
    if (indexed !== live) throw new Error(`invariant: ${indexed} indexed orders, ${live} live`);
    const net = new Map<number, number>();
    for (const account of s.accounts.values()) {
      let ro = 0;
      for (const [asset, p] of account.positions) net.set(asset, (net.get(asset) ?? 0) + p.size);
      for (const book of s.books) {
        for (const o of book.orders()) {
          if (o.user === account.address && o.reduceOnly) {
            ro++;
            if (!account.reduceOnlyOids.has(o.oid)) throw new Error(`invariant: reduce-only ${o.oid} not indexed`);
          }
        }
      }
      if (ro !== account.reduceOnlyOids.size) throw new Error(`invariant: reduce-only orders of ${account.address}`);
    }
    for (const [asset, total] of net) if (total !== 0) throw new Error(`invariant: positions of ${asset} net ${total}`);
    s.openInterest.forEach((oi, asset) => {
      let longs = 0;
      for (const account of s.accounts.values()) longs += Math.max(account.position(asset), 0);
      if (longs !== oi) throw new Error(`invariant: open interest of ${asset} is ${oi}, longs hold ${longs}`);
    });
    checkSpotInvariants(s.spot);
    s.spot.books.forEach((book) => {
      checkBook(book, book.asset);
      const bid = book.bestBid();
      const ask = book.bestAsk();
      if (bid !== undefined && ask !== undefined && bid >= ask) {
        throw new Error(`invariant: book ${book.asset} crossed`);
      }
      for (const o of book.orders()) {
        if (s.resting.get(o.oid) !== o) throw new Error(`invariant: oid ${o.oid} not indexed`);
      }
    });
    // USDC moved to spot left the perp accounts: it is in spot balances (checked above).
    let money = s.treasury.fees + s.treasury.withdrawn + s.spot.perpToSpot;
    for (const account of s.accounts.values()) {
      money += account.cash;
      for (const p of account.positions.values()) money += p.isoRaw;
    }
    if (money !== s.treasury.deposited) {
      throw new Error(`invariant: money not conserved: ${money} held, ${s.treasury.deposited} deposited`);
    }
    for (const vault of s.identity.vaults.values()) {
      let shares = 0;
      for (const f of vault.followers.values()) {
        if (f.shares < 0 || !Number.isSafeInteger(f.shares)) throw new Error(`invariant: shares of ${vault.address}`);
        shares += f.shares;
      }
      if (shares !== vault.totalShares || !vault.followers.has(vault.leader)) {
        throw new Error(`invariant: vault ${vault.address} holds ${shares} shares of ${vault.totalShares}`);
      }
    }
  }
}

function checkBook(book: Book, asset: number): void {
  let count = 0;
  for (const side of [book.bids, book.asks]) {
    let prev: number | undefined;
    for (const level of side.bestFirst()) {
      if (!(level instanceof Level)) throw new Error("invariant: bad level");
      if (prev !== undefined && (side.isBuy ? level.price >= prev : level.price <= prev)) {
        throw new Error(`invariant: book ${asset} levels out of order`);
      }
      prev = level.price;
      let total = 0;
      let n = 0;
      let last: BookOrder | undefined;
      for (const o of level.orders()) {
        if (o.prev !== last || o.level !== level || o.price !== level.price || o.isBuy !== side.isBuy) {
          throw new Error(`invariant: oid ${o.oid} badly linked`);
        }
        if (last !== undefined && last.seq >= o.seq) throw new Error(`invariant: FIFO broken at ${o.oid}`);
        total += o.size;
        n++;
        last = o;
      }
      if (level.tail !== last || total !== level.total || n !== level.count || n === 0) {
        throw new Error(`invariant: level ${level.price} of book ${asset} totals`);
      }
      count += n;
    }
  }
  if (count !== book.size) throw new Error(`invariant: book ${asset} has ${book.size} indexed, ${count} linked`);
}
