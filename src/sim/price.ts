/**
 * @module sim/price
 * Hyperliquid's price and size rules for the simulator's orders: a perp price has at most 5 significant figures and
 * at most 6 − szDecimals decimals (an integer price is always valid); a size has at most szDecimals decimals. Prices
 * are rounded through integer tick counts, so the strings are exact, and written as the SDKs write them (no trailing
 * zeros).
 */

export type Rounding = "nearest" | "down" | "up";

/** The decimals a price near `px` may carry: min(maxDecimals, 5 − integer digits), not below 0. */
export function priceDecimals(px: number, maxDecimals: number): number {
  if (!(px > 0)) return 0;
  const intDigits = Math.floor(Math.log10(px)) + 1;
  return Math.max(0, Math.min(maxDecimals, 5 - intDigits));
}

/** `n / 10^d` as a decimal string without trailing zeros. */
export function decimalString(n: number, d: number): string {
  const digits = String(n);
  if (d === 0) return digits;
  const padded = digits.padStart(d + 1, "0");
  const whole = padded.slice(0, padded.length - d);
  const frac = padded.slice(padded.length - d).replace(/0+$/, "");
  return frac === "" ? whole : `${whole}.${frac}`;
}

/** Significant figures of a decimal string (trailing zeros of an integer are not counted). */
function sigFigs(s: string): number {
  const [whole = "", frac = ""] = s.split(".");
  if (frac === "") return whole.replace(/^0+/, "").replace(/0+$/, "").length;
  return `${whole}${frac}`.replace(/^0+/, "").length;
}

/** A valid perp price string near `px` (≥ one tick), rounded as asked. */
export function formatPrice(px: number, maxDecimals: number, mode: Rounding = "nearest"): string {
  let d = priceDecimals(px, maxDecimals);
  for (;;) {
    const x = px * 10 ** d;
    const n = mode === "down" ? Math.floor(x + 1e-9) : mode === "up" ? Math.ceil(x - 1e-9) : Math.round(x);
    const s = decimalString(Math.max(n, 1), d);
    if (d === 0 || sigFigs(s) <= 5) return s;
    d -= 1;
  }
}

/** A size string with at most `szDecimals` decimals, rounded down, at least one lot. */
export function formatSize(sz: number, szDecimals: number): string {
  const n = Math.max(1, Math.floor(sz * 10 ** szDecimals + 1e-9));
  return decimalString(n, szDecimals);
}

/** The size (rounded up to a lot) whose notional at `px` is at least `usd`. */
export function sizeForNotional(usd: number, px: number, szDecimals: number): string {
  const n = Math.max(1, Math.ceil((usd / px) * 10 ** szDecimals - 1e-9));
  return decimalString(n, szDecimals);
}

/** A wire decimal string in canonical form ("65000.0" → "65000", "0.100" → "0.1"), for comparisons. */
export function canonical(s: string): string {
  if (!s.includes(".")) return s;
  return s.replace(/0+$/, "").replace(/\.$/, "");
}
