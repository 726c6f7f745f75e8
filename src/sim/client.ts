/**
 * @module sim/client
 * How the simulator reaches the exchange: only through the public wire, like any client. A {@link Transport} posts
 * JSON to a path (`/info`, `/exchange`, or hyperlocal's dev controls `/hyperlocal/fund`, `/hyperlocal/spot-genesis` and
 * `/hyperlocal/oracle`);
 * {@link SimWallet} signs L1 actions (msgpack action hash → phantom agent EIP-712 → secp256k1) with strictly
 * increasing nonces; {@link SimClient} counts requests and error replies and never throws on an exchange error.
 */

import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak256, toHex, utf8 } from "../api/signing/eip712.ts";
import { type L1Source, l1ActionHash, l1Digest } from "../api/signing/l1.ts";
import { publicKeyToAddress } from "../api/signing/recover.ts";

/** The paths the simulator posts to. */
export type SimPath = "/info" | "/exchange" | SimDevPath;
/** The dev controls the simulator uses: perp USDC, spot tokens, perp oracle prices. */
export type SimDevPath = "/hyperlocal/fund" | "/hyperlocal/spot-genesis" | "/hyperlocal/oracle";

/** Posts a JSON body to a path of the exchange and resolves with the parsed reply. */
export type Transport = (path: SimPath, body: unknown) => Promise<unknown>;

/** A transport over HTTP to a running hyperlocal (`http://127.0.0.1:3001`). A non-JSON reply becomes `{status:"err"}`. */
export function httpTransport(baseUrl: string): Transport {
  const base = baseUrl.replace(/\/$/, "");
  return async (path, body) => {
    const res = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if ((res.headers.get("content-type") ?? "").includes("application/json")) return JSON.parse(text) as unknown;
    return { status: "err", response: `HTTP ${res.status}: ${text}` };
  };
}

/** An agent's key pair, derived from a label (same label, same wallet), with its nonce counter. */
export class SimWallet {
  readonly key: Uint8Array;
  /** Lowercase address. */
  readonly address: `0x${string}`;
  private lastNonce = 0;

  constructor(
    label: string,
    private readonly clock: () => number,
  ) {
    this.key = keccak256(utf8(label));
    this.address = publicKeyToAddress(secp256k1.getPublicKey(this.key, false)) as `0x${string}`;
  }

  /** The next nonce: `max(last + 1, clock())`. */
  nonce(): number {
    this.lastNonce = Math.max(this.lastNonce + 1, Math.floor(this.clock()));
    return this.lastNonce;
  }

  /** The `/exchange` envelope for an L1 action. */
  sign(action: Record<string, unknown>, source: L1Source) {
    const nonce = this.nonce();
    const digest = l1Digest(l1ActionHash(action, nonce, null, null), source);
    const rec = secp256k1.sign(digest, this.key, { prehash: false, format: "recovered" });
    const signature = { r: toHex(rec.subarray(1, 33)), s: toHex(rec.subarray(33, 65)), v: 27 + (rec[0] as number) };
    return { action, nonce, signature };
  }
}

/** Counters of what the simulator sent and what came back. */
export interface SimStats {
  steps: number;
  requests: number;
  /** Transport failures, `{status:"err"}` replies and per-order error statuses, post-only rejections and unmatched IOCs excepted. */
  errors: number;
  /** Post-only (ALO) orders refused because they would have matched: expected now and then in a fast market. */
  postOnlyRejects: number;
  /** Immediate-or-cancel orders that found nothing to match. */
  iocUnfilled: number;
  /** Taker orders that traded. */
  takerFills: number;
  /** The last few error texts, newest last. */
  lastErrors: string[];
}

export function emptyStats(): SimStats {
  return { steps: 0, requests: 0, errors: 0, postOnlyRejects: 0, iocUnfilled: 0, takerFills: 0, lastErrors: [] };
}

/** A per-order status as `/exchange` returns it. */
export type OrderStatus =
  | string
  | { resting: { oid: number } }
  | { filled: { totalSz: string; avgPx: string; oid: number } }
  | { error: string };

/** The simulator's side of the wire: signed posts, info queries, counted errors. */
export class SimClient {
  constructor(
    private readonly transport: Transport,
    readonly stats: SimStats,
    private readonly source: L1Source = "a",
  ) {}

  error(text: string): void {
    this.stats.errors += 1;
    this.stats.lastErrors.push(text);
    if (this.stats.lastErrors.length > 10) this.stats.lastErrors.shift();
  }

  /** Posts; a thrown transport error is counted and becomes `undefined`. */
  async post(path: SimPath, body: unknown): Promise<unknown> {
    this.stats.requests += 1;
    try {
      return await this.transport(path, body);
    } catch (e) {
      this.error(`${path}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  info(body: Record<string, unknown>): Promise<unknown> {
    return this.post("/info", body);
  }

  /** A dev control; a reply without `status: "ok"` is counted as an error. */
  async dev(path: SimDevPath, body: unknown): Promise<boolean> {
    const reply = await this.post(path, body);
    if (reply === undefined) return false;
    if ((reply as { status?: unknown }).status === "ok") return true;
    this.error(`${path}: ${JSON.stringify(reply)}`);
    return false;
  }

  /**
   * Signs and posts an L1 action. Returns the per-order statuses for order-like actions (errors counted), `[]` for
   * other successful actions, or `undefined` when the whole action failed (counted).
   */
  async exchange(wallet: SimWallet, action: Record<string, unknown>): Promise<OrderStatus[] | undefined> {
    const reply = (await this.post("/exchange", wallet.sign(action, this.source))) as
      | { status?: string; response?: unknown }
      | undefined;
    if (reply === undefined) return undefined;
    if (reply.status !== "ok") {
      this.error(`${String(action.type)}: ${JSON.stringify(reply.response ?? reply)}`);
      return undefined;
    }
    const data = (reply.response as { data?: { statuses?: unknown } } | undefined)?.data;
    const statuses = Array.isArray(data?.statuses) ? (data.statuses as OrderStatus[]) : [];
    for (const s of statuses) {
      if (typeof s === "object" && s !== null && "error" in s) {
        if (/post only/i.test(s.error)) this.stats.postOnlyRejects += 1;
        else if (/could not immediately match/i.test(s.error)) this.stats.iocUnfilled += 1;
        else this.error(`${String(action.type)}: ${s.error}`);
      }
    }
    return statuses;
  }
}
