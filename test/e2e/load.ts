/**
 * @module test/e2e/load
 * A steady load of signed orders (GTC and IOC on SOL around its opening oracle price of 200), cancels of the wallet's
 * own resting orders and `usdSend`s between dev accounts, posted to a running `hyperlocal serve` by several wallets at
 * once, with every acknowledged action recorded with what it implies. Then the checks that a restarted server still
 * shows every one of them: orders by oid (`orderStatus`), cancels (the order is canceled), transfers (the sender's
 * `userNonFundingLedgerUpdates`).
 */

import { pool, post } from "./server.ts";
import { signL1, signUserAction, type Wallet } from "../helpers/wallet.ts";

const SOL = 5;

/** A seeded random number generator (mulberry32), `[0, 1)`. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Every request answered `status: "ok"`: a command the server says it has journaled and applied. */
export interface AckedCommand {
  readonly cycle: number;
  readonly user: string;
  readonly nonce: number;
  readonly type: "order" | "cancel" | "usdSend";
}

/** An order acknowledged as resting or filled. */
export interface AckedOrder {
  readonly cycle: number;
  readonly user: string;
  readonly nonce: number;
  readonly oid: number;
  readonly tif: "Gtc" | "Ioc";
  readonly isBuy: boolean;
  readonly price: string;
  readonly size: string;
  readonly ack: { readonly resting: true } | { readonly filled: { readonly totalSz: string; readonly avgPx: string } };
}

/** A cancel acknowledged as `success`. */
export interface AckedCancel {
  readonly cycle: number;
  readonly user: string;
  readonly nonce: number;
  readonly oid: number;
}

/** A transfer acknowledged `ok`. Its amount is unique in the run (1 + counter µUSD), so it can be found again. */
export interface AckedSend {
  readonly cycle: number;
  readonly user: string;
  readonly nonce: number;
  readonly destination: string;
  readonly amount: string;
  /** Local wall clock when sent (the server stamps commands with the same machine's clock). */
  readonly sentAt: number;
}

/** What was acknowledged, all cycles. */
export interface Acks {
  readonly commands: AckedCommand[];
  readonly orders: AckedOrder[];
  readonly cancels: AckedCancel[];
  readonly sends: AckedSend[];
}

export function emptyAcks(): Acks {
  return { commands: [], orders: [], cancels: [], sends: [] };
}

/** The acks of one cycle. */
export function acksOf(acks: Acks, cycle: number): Acks {
  return {
    commands: acks.commands.filter((a) => a.cycle === cycle),
    orders: acks.orders.filter((a) => a.cycle === cycle),
    cancels: acks.cancels.filter((a) => a.cycle === cycle),
    sends: acks.sends.filter((a) => a.cycle === cycle),
  };
}

interface OrderAnswer {
  status: string;
  response?: { type: string; data?: { statuses: unknown[] } };
}

/** Drives the load and keeps what was acknowledged. Nonces are strictly increasing per wallet across restarts. */
export class Load {
  readonly acks: Acks = emptyAcks();
  /** Answers that were neither ok nor a connection failure (a rejected nonce, a signature problem...). */
  readonly refused: string[] = [];
  private readonly lastNonce = new Map<string, number>();
  /** Each wallet's orders acknowledged resting and not known to be gone. */
  readonly open = new Map<string, Set<number>>();
  private sendCounter = 0;

  constructor(
    readonly wallets: readonly Wallet[],
    private readonly random: () => number,
  ) {
    for (const w of wallets) this.open.set(w.address, new Set());
  }

  private nonce(w: Wallet): number {
    const n = Math.max((this.lastNonce.get(w.address) ?? 0) + 1, Date.now());
    this.lastNonce.set(w.address, n);
    return n;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)] as T;
  }

  /**
   * Each wallet keeps `perWallet` requests in flight (nonces may arrive out of order, as Hyperliquid allows) until
   * `running()` turns false or the server stops answering. Resolves when every wallet has stopped; connection failures
   * end a wallet's loop silently (the server was killed).
   */
  async run(url: string, cycle: number, running: () => boolean, perWallet = 2): Promise<void> {
    const loops = this.wallets.flatMap((w) => Array.from({ length: perWallet }, () => w));
    await Promise.all(
      loops.map(async (w) => {
        while (running()) {
          try {
            await this.step(url, cycle, w);
          } catch (e) {
            if (isConnectionFailure(e)) return;
            throw e;
          }
        }
      }),
    );
  }

  private async step(url: string, cycle: number, w: Wallet): Promise<void> {
    const r = this.random();
    const open = this.open.get(w.address) as Set<number>;
    if ((r < 0.25 && open.size > 0) || open.size > 40) return this.cancel(url, cycle, w, this.pick([...open]));
    if (r < 0.4) return this.send(url, cycle, w);
    return this.order(url, cycle, w, r < 0.55 ? "Ioc" : "Gtc");
  }

  private async order(url: string, cycle: number, w: Wallet, tif: "Gtc" | "Ioc"): Promise<void> {
    const isBuy = this.random() < 0.5;
    // GTC: 198.00..202.00 in steps of 0.05 (so some cross and fill); IOC: 2.5% through the oracle price.
    const price = tif === "Gtc" ? (198 + Math.floor(this.random() * 81) * 0.05).toFixed(2) : isBuy ? "205" : "195";
    const size = (0.1 + Math.floor(this.random() * 91) * 0.01).toFixed(2);
    const nonce = this.nonce(w);
    const action = {
      type: "order",
      orders: [{ a: SOL, b: isBuy, p: price, s: size, r: false, t: { limit: { tif } } }],
      grouping: "na",
    };
    const answer = (await post(url, "/exchange", signL1(w, action, nonce))) as OrderAnswer;
    if (answer.status !== "ok") {
      this.refused.push(`order ${w.address} nonce ${nonce}: ${JSON.stringify(answer)}`);
      return;
    }
    this.acks.commands.push({ cycle, user: w.address, nonce, type: "order" });
    const status = answer.response?.data?.statuses[0] as
      | { resting: { oid: number } }
      | { filled: { totalSz: string; avgPx: string; oid: number } }
      | { error: string }
      | undefined;
    const base = { cycle, user: w.address, nonce, tif, isBuy, price, size };
    if (status !== undefined && "resting" in status) {
      this.acks.orders.push({ ...base, oid: status.resting.oid, ack: { resting: true } });
      (this.open.get(w.address) as Set<number>).add(status.resting.oid);
    } else if (status !== undefined && "filled" in status) {
      const { oid, totalSz, avgPx } = status.filled;
      this.acks.orders.push({ ...base, oid, ack: { filled: { totalSz, avgPx } } });
    }
  }

  private async cancel(url: string, cycle: number, w: Wallet, oid: number): Promise<void> {
    const nonce = this.nonce(w);
    const action = { type: "cancel", cancels: [{ a: SOL, o: oid }] };
    const answer = (await post(url, "/exchange", signL1(w, action, nonce))) as OrderAnswer;
    if (answer.status !== "ok") {
      this.refused.push(`cancel ${w.address} nonce ${nonce}: ${JSON.stringify(answer)}`);
      return;
    }
    this.acks.commands.push({ cycle, user: w.address, nonce, type: "cancel" });
    // Acknowledged either way: canceled now, or already filled or canceled.
    (this.open.get(w.address) as Set<number>).delete(oid);
    if (answer.response?.data?.statuses[0] === "success")
      this.acks.cancels.push({ cycle, user: w.address, nonce, oid });
  }

  private async send(url: string, cycle: number, w: Wallet): Promise<void> {
    const others = this.wallets.filter((o) => o.address !== w.address);
    const destination = this.pick(others).address;
    const amount = (1 + ++this.sendCounter / 1e6).toFixed(6);
    const nonce = this.nonce(w);
    const action = {
      type: "usdSend",
      signatureChainId: "0x66eee",
      hyperliquidChain: "Testnet",
      destination,
      amount,
      time: nonce,
    };
    const sentAt = Date.now();
    const answer = (await post(url, "/exchange", signUserAction(w, action, nonce))) as OrderAnswer;
    if (answer.status !== "ok") {
      this.refused.push(`usdSend ${w.address} nonce ${nonce}: ${JSON.stringify(answer)}`);
      return;
    }
    this.acks.commands.push({ cycle, user: w.address, nonce, type: "usdSend" });
    this.acks.sends.push({ cycle, user: w.address, nonce, destination, amount, sentAt });
  }

  /** Forgets open orders that the server no longer shows open (filled by others, canceled). */
  async refreshOpen(url: string): Promise<void> {
    for (const [user, oids] of this.open) {
      const live = (await post(url, "/info", { type: "openOrders", user })) as { oid: number }[];
      const liveSet = new Set(live.map((o) => o.oid));
      for (const oid of oids) if (!liveSet.has(oid)) oids.delete(oid);
    }
  }
}

/** A fetch that failed because the server went away (killed mid-request, or not listening any more). */
export function isConnectionFailure(e: unknown): boolean {
  return e instanceof TypeError; // undici reports network failures as TypeError("fetch failed")
}

interface StatusAnswer {
  status: string;
  order?: { order: { coin: string; side: string; limitPx: string; origSz: string; oid: number }; status: string };
}

interface LedgerAnswer {
  time: number;
  delta: { type: string; usdc?: string; user?: string; destination?: string };
}

/**
 * Checks on a running server that every acknowledged action in `acks` is there with the state it was acknowledged
 * with. Returns the discrepancies (empty: all present). `concurrency` requests at a time.
 */
export async function verify(url: string, acks: Acks, concurrency = 8): Promise<string[]> {
  const problems: string[] = [];
  const canceled = new Set(acks.cancels.map((c) => `${c.user}:${c.oid}`));
  await pool(acks.orders, concurrency, async (o) => {
    const a = (await post(url, "/info", { type: "orderStatus", user: o.user, oid: o.oid })) as StatusAnswer;
    const what =
      `cycle ${o.cycle}: ${o.tif} ${o.isBuy ? "buy" : "sell"} ${o.size}@${o.price} by ${o.user} ` +
      `(nonce ${o.nonce}) acknowledged ${JSON.stringify(o.ack)} as oid ${o.oid}`;
    if (a.status !== "order" || a.order === undefined) {
      problems.push(`${what}: orderStatus says ${JSON.stringify(a)}`);
      return;
    }
    const { order, status } = a.order;
    if (
      order.coin !== "SOL" ||
      order.side !== (o.isBuy ? "B" : "A") ||
      Number(order.limitPx) !== Number(o.price) ||
      Number(order.origSz) !== Number(o.size) ||
      order.oid !== o.oid
    ) {
      problems.push(`${what}: orderStatus shows a different order ${JSON.stringify(a.order)}`);
    }
    if (canceled.has(`${o.user}:${o.oid}`)) {
      if (status !== "canceled") problems.push(`${what}, then canceled (acknowledged): status ${status}`);
    } else if ("filled" in o.ack) {
      const full = Number(o.ack.filled.totalSz) === Number(o.size);
      if (full ? status !== "filled" : status === "open") {
        problems.push(`${what}: status ${status}`);
      }
    }
    // A resting order may since have filled, been canceled (by its owner, a self-trade, margin...) or still rest.
  });
  await pool(acks.cancels, concurrency, async (c) => {
    if (acks.orders.some((o) => o.user === c.user && o.oid === c.oid)) return; // checked with its order
    const a = (await post(url, "/info", { type: "orderStatus", user: c.user, oid: c.oid })) as StatusAnswer;
    if (a.order?.status !== "canceled") {
      problems.push(
        `cycle ${c.cycle}: cancel of oid ${c.oid} by ${c.user} (nonce ${c.nonce}) acknowledged: ${JSON.stringify(a)}`,
      );
    }
  });
  const bySender = new Map<string, AckedSend[]>();
  for (const s of acks.sends) bySender.set(s.user, [...(bySender.get(s.user) ?? []), s]);
  await pool([...bySender], concurrency, async ([user, sends]) => {
    const from = Math.min(...sends.map((s) => s.sentAt)) - 60_000;
    const seen = new Set<string>();
    for (const u of await ledger(url, user, from)) {
      if (u.delta.type === "internalTransfer" && u.delta.user === user) {
        seen.add(`${u.delta.destination}:${Math.round(Number(u.delta.usdc) * 1e6)}`);
      }
    }
    for (const s of sends) {
      if (!seen.has(`${s.destination}:${Math.round(Number(s.amount) * 1e6)}`)) {
        problems.push(
          `cycle ${s.cycle}: usdSend of ${s.amount} from ${user} to ${s.destination} (nonce ${s.nonce}) ` +
            "acknowledged, not in the sender's ledger",
        );
      }
    }
  });
  return problems;
}

/** A user's whole non-funding ledger from `startTime`, through the 500-per-answer pages. */
async function ledger(url: string, user: string, startTime: number): Promise<LedgerAnswer[]> {
  const all: LedgerAnswer[] = [];
  let from = startTime;
  for (;;) {
    const page = (await post(url, "/info", {
      type: "userNonFundingLedgerUpdates",
      user,
      startTime: from,
    })) as LedgerAnswer[];
    all.push(...page);
    if (page.length < 500) return all;
    const last = (page[page.length - 1] as LedgerAnswer).time;
    // Pages overlap at the boundary millisecond; duplicates do not matter to a set of unique amounts.
    if (last <= from) throw new Error(`ledger of ${user}: more than 500 updates at ${from}`);
    from = last;
  }
}
