/**
 * @module api/weights
 * Hyperliquid's request costs, as pure functions: the IP weight of an /info or /exchange request (budget 1200 per
 * minute per IP) and the address budget of actions (one request per USDC traded, plus 10,000). The server decides
 * whether to enforce them (`--rate-limits hyperliquid`).
 * @see hyperliquid-api.md §4.1 (IP weights), §5.8 (address-based limits)
 */

/** IP weight budget per minute. */
export const IP_BUDGET_PER_MINUTE = 1200;

const LIGHT = new Set([
  "l2Book",
  "allMids",
  "clearinghouseState",
  "orderStatus",
  "spotClearinghouseState",
  "exchangeStatus",
]);
/** Types that cost one more per 20 items returned. */
const PER_20_ITEMS = new Set([
  "recentTrades",
  "historicalOrders",
  "userFills",
  "userFillsByTime",
  "fundingHistory",
  "userFunding",
  "nonUserFundingUpdates",
  "twapHistory",
  "userTwapSliceFills",
  "userTwapSliceFillsByTime",
  "delegatorHistory",
  "delegatorRewards",
  "validatorStats",
]);

/** The IP weight of an /info request of `type` whose answer is `response`. */
export function infoWeight(type: string, response: unknown): number {
  const items = Array.isArray(response) ? response.length : 0;
  if (LIGHT.has(type)) return 2;
  if (type === "userRole") return 60;
  if (PER_20_ITEMS.has(type)) return 20 + Math.floor(items / 20);
  if (type === "candleSnapshot") return 20 + Math.floor(items / 60);
  return 20;
}

/** The IP weight of an /exchange request: 1 + floor(batch length / 40). */
export function exchangeWeight(action: unknown): number {
  return 1 + Math.floor(batchLength(action) / 40);
}

/** Orders or cancels in an action (1 for anything else): what the address budget counts. */
export function batchLength(action: unknown): number {
  if (typeof action !== "object" || action === null) return 1;
  const a = action as Record<string, unknown>;
  for (const key of ["orders", "cancels", "modifies"]) {
    const list = a[key];
    if (Array.isArray(list)) return Math.max(list.length, 1);
  }
  return 1;
}

/** Requests every address has before trading. */
export const ADDRESS_INITIAL_BUFFER = 10_000;

/**
 * The address budget: requests allowed for a cumulative traded volume (10^-6 USD). Cancels get
 * min(limit + 100,000, 2 × limit).
 */
export function addressCap(volumeMicro: number, isCancel: boolean): number {
  const limit = ADDRESS_INITIAL_BUFFER + Math.floor(volumeMicro / 1_000_000);
  return isCancel ? Math.min(limit + 100_000, 2 * limit) : limit;
}

/** Hyperliquid's text when an address is over its budget. [CCXT comment, §5.3] */
export function addressLimitText(used: number, cap: number, volumeMicro: number): string {
  const cents = Math.floor(volumeMicro / 10_000);
  const volume = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
  return (
    `Too many cumulative requests sent (${used} > ${cap}) for cumulative volume traded $${volume}. ` +
    "Place taker orders to free up 1 request per USDC traded."
  );
}
