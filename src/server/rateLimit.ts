/**
 * @module server/rateLimit
 * Hyperliquid's limits, enforced only under `--rate-limits hyperliquid` (local use is unlimited by default): a token
 * bucket of IP weight per client address (1200 a minute, refilled continuously), and the per-address request count
 * of actions checked against the address budget. Counters live in memory and restart with the server.
 * @see hyperliquid-api.md §4.1, §5.8
 */

import { addressCap, addressLimitText, IP_BUDGET_PER_MINUTE } from "../api/weights.ts";

const MINUTE_MS = 60_000;

/** IP weight buckets: each IP holds up to a minute's budget and refills at budget per minute. */
export class IpLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: () => number,
    private readonly budget = IP_BUDGET_PER_MINUTE,
  ) {}

  /** Takes `weight` from the IP's bucket; false when it does not hold that much (nothing is taken then). */
  take(ip: string, weight: number): boolean {
    const now = this.clock();
    let b = this.buckets.get(ip);
    if (b === undefined) {
      b = { tokens: this.budget, at: now };
      this.buckets.set(ip, b);
    }
    b.tokens = Math.min(this.budget, b.tokens + ((now - b.at) * this.budget) / MINUTE_MS);
    b.at = now;
    if (b.tokens < weight) return false;
    b.tokens -= weight;
    return true;
  }
}

/** Requests used per address, against the budget its traded volume buys. */
export class AddressBudget {
  private readonly used = new Map<string, number>();

  /** Requests an address has used (for `userRateLimit`). */
  usedBy(user: string): number {
    return this.used.get(user) ?? 0;
  }

  /** Counts `requests` for a user, or returns Hyperliquid's error when that would pass its cap. */
  take(user: string, requests: number, volumeMicro: number, isCancel: boolean): string | undefined {
    const used = this.usedBy(user) + requests;
    const cap = addressCap(volumeMicro, isCancel);
    if (used > cap) return addressLimitText(used, cap, volumeMicro);
    this.used.set(user, used);
    return undefined;
  }
}
