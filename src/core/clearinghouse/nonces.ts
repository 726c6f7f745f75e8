/**
 * @module core/clearinghouse/nonces
 * Hyperliquid's nonce rule per signer (the recovered address: a user, or the API wallet that signed for it): the 100
 * highest nonces are kept; a new one must lie in the window (T − 2 days, T + 1 day), must not have been used, and, once
 * 100 are kept, must be greater than the smallest of them. Pure data: the caller supplies T (the command's time) and
 * decides when an accepted nonce is committed, so that a rejected request does not consume it.
 * @see hyperliquid-api.md §5.6 (nonces), §5.3 (the `Invalid nonce: …` strings)
 */

import type { Reject } from "../reject.ts";

/** How many nonces are kept per signer. */
export const KEPT_NONCES = 100;
/** The window around the block time T: (T − 2 days, T + 1 day). */
export const NONCE_PAST_MS = 2 * 86_400_000;
export const NONCE_FUTURE_MS = 86_400_000;

/** The nonces of every signer; serialisable with {@link NonceBook.toJSON} / {@link NonceBook.fromJSON}. */
export class NonceBook {
  /** Per signer (lowercase address): kept nonces, ascending. */
  private readonly bySigner = new Map<string, number[]>();

  /**
   * Why `nonce` may not be used by `signer` at time `now`, or undefined when it may. The texts (`nonceTooLow`,
   * `nonceDuplicate`, `nonceTooHigh` in reject.ts) follow the live server's; §5.6 leaves the window's wording uncertain.
   */
  check(signer: string, nonce: number, now: number): Reject | undefined {
    if (!Number.isSafeInteger(nonce) || nonce < 0) return tooLow(nonce, 0);
    const oldest = now - NONCE_PAST_MS;
    if (nonce <= oldest) return tooLow(nonce, oldest);
    const newest = now + NONCE_FUTURE_MS;
    if (nonce >= newest) return { code: "nonceTooHigh", params: { nonce: String(nonce), newest: String(newest) } };
    const kept = this.bySigner.get(signer);
    if (kept === undefined) return undefined;
    if (search(kept, nonce) >= 0) return { code: "nonceDuplicate", params: { nonce: String(nonce) } };
    const smallest = kept[0] as number;
    if (kept.length >= KEPT_NONCES && nonce <= smallest) return tooLow(nonce, smallest);
    return undefined;
  }

  /** Records an accepted nonce (after {@link check} said yes), dropping the smallest past 100. */
  commit(signer: string, nonce: number): void {
    let kept = this.bySigner.get(signer);
    if (kept === undefined) {
      kept = [];
      this.bySigner.set(signer, kept);
    }
    const at = search(kept, nonce);
    if (at >= 0) return;
    kept.splice(-at - 1, 0, nonce);
    if (kept.length > KEPT_NONCES) kept.shift();
  }

  /** Forgets a signer's nonces (an API wallet deregistered or expired: §5.6). */
  forget(signer: string): void {
    this.bySigner.delete(signer);
  }

  /** `[signer, nonces ascending][]`, signers sorted: canonical, for snapshots. */
  toJSON(): [string, number[]][] {
    return [...this.bySigner.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([s, n]) => [s, [...n]]);
  }

  static fromJSON(rows: readonly (readonly [string, readonly number[]])[]): NonceBook {
    const book = new NonceBook();
    for (const [signer, nonces] of rows) for (const n of nonces) book.commit(signer, n);
    return book;
  }
}

function tooLow(nonce: number, smallest: number): Reject {
  return { code: "nonceTooLow", params: { nonce: String(nonce), smallest: String(smallest) } };
}

/** Binary search in an ascending array: the index, or −(insertion point) − 1. */
function search(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = xs[mid] as number;
    if (v < x) lo = mid + 1;
    else if (v > x) hi = mid - 1;
    else return mid;
  }
  return -lo - 1;
}
