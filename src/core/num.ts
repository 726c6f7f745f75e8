/**
 * @module core/num
 * Exact fixed-point numbers. Prices and sizes are plain safe integers in tick and lot units; this file is the one
 * place where wire decimal strings become integers and back. Pure; no floating-point arithmetic on money.
 */

/** 10^0 .. 10^15 as exact integers. */
const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Exact 10^n for 0 ≤ n ≤ 15. */
export function pow10(n: number): number {
  const v = POW10[n];
  if (v === undefined) throw new RangeError(`pow10(${n}) out of range`);
  return v;
}

/** Why a decimal string did not parse into units. */
export type ParseFailure = "format" | "precision" | "range";

/** The result of {@link parseUnits}: integer units, or the reason it failed. */
export type Parsed = { ok: true; units: number } | { ok: false; why: ParseFailure };

/**
 * Parses a non-negative plain decimal string ("123", "0.0012", "5.0") into integer units of 10^-decimals.
 * Trailing zeros after the point are insignificant ("1.50" with 1 decimal is fine). Exponents, signs and blanks are
 * a format failure; more significant decimals than allowed is a precision failure; a value past 2^53 a range failure.
 * One pass over the characters, no regular expression: this runs for every price and size of every order.
 */
export function parseUnits(text: string, decimals: number): Parsed {
  const units = parseUnitsFast(text, decimals);
  if (units >= 0) return { ok: true, units };
  return { ok: false, why: units === PARSE_FORMAT ? "format" : units === PARSE_PRECISION ? "precision" : "range" };
}

/** {@link parseUnitsFast}'s failure codes (negative, so they never collide with units). */
export const PARSE_FORMAT = -1;
export const PARSE_PRECISION = -2;
export const PARSE_RANGE = -3;

/** {@link parseUnits} without allocating: the units, or a negative `PARSE_*` code. */
export function parseUnitsFast(text: string, decimals: number): number {
  const n = text.length;
  let i = 0;
  let units = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    units = units * 10 + c;
    digits++;
  }
  if (digits === 0) return PARSE_FORMAT;
  let frac = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 || i === n - 1) return PARSE_FORMAT;
    // Significant fraction digits end at the last non-zero one.
    let last = n - 1;
    while (last > i && text.charCodeAt(last) === 48) last--;
    for (let j = i + 1; j < n; j++) {
      const c = text.charCodeAt(j) - 48;
      if (c < 0 || c > 9) return PARSE_FORMAT;
    }
    frac = last - i;
    if (frac > decimals) return PARSE_PRECISION;
    for (let j = i + 1; j <= last; j++) units = units * 10 + (text.charCodeAt(j) - 48);
  }
  for (let k = frac; k < decimals; k++) units *= 10;
  if (!Number.isSafeInteger(units)) return PARSE_RANGE;
  return units;
}

/**
 * Formats integer units of 10^-decimals as Hyperliquid prints numbers: integral values keep a trailing ".0"
 * ("113377.0", "0.0"), others use the shortest exact decimal form ("0.0012"). Negative values keep their sign.
 * @see hyperliquid-api.md §0 (trailing .0 rule)
 */
export function formatUnits(units: number, decimals: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`formatUnits: ${units} is not a safe integer`);
  const negative = units < 0;
  const abs = negative ? -units : units;
  const sign = negative ? "-" : "";
  if (decimals === 0) return `${sign}${abs}.0`;
  const scale = pow10(decimals);
  const frac = abs % scale;
  const whole = (abs - frac) / scale;
  if (frac === 0) return `${sign}${whole}.0`;
  let fracText = String(frac).padStart(decimals, "0");
  let end = fracText.length;
  while (fracText.charCodeAt(end - 1) === 48) end--;
  fracText = fracText.slice(0, end);
  return `${sign}${whole}.${fracText}`;
}

/** Number of decimal digits of a non-negative integer (1 for 0). */
export function digitCount(n: number): number {
  let d = 1;
  let x = n;
  while (x >= 10 && d < 17) {
    x = (x - (x % 10)) / 10;
    d++;
  }
  return d;
}

/** Significant figures of a positive integer (trailing zeros are not significant). */
export function significantFigures(n: number): number {
  if (n === 0) return 0;
  let x = n;
  while (x % 10 === 0) x /= 10;
  return digitCount(x);
}

/**
 * Hyperliquid's price rule on a price already within the market's decimals: at most 5 significant figures, except
 * that integer prices are always allowed.
 * @see hyperliquid-api.md §5.4 (tick/lot rules)
 */
export function priceHasValidFigures(units: number, decimals: number): boolean {
  if (units % pow10(decimals) === 0) return true;
  return significantFigures(units) <= 5;
}

/**
 * Rounds a positive integer to `figures` significant figures, toward zero ("down") or away from it ("up"), never
 * touching integers of the price (a value whose integral part alone has more digits stays a valid integer price).
 */
export function roundToFigures(units: number, figures: number, decimals: number, mode: "down" | "up"): number {
  const digits = digitCount(units);
  // The integral part is always valid: never round finer than one whole unit of price.
  const dropForFigures = digits - figures;
  const drop = Math.min(Math.max(dropForFigures, 0), decimals);
  if (drop <= 0) return units;
  const step = pow10(drop);
  const down = units - (units % step);
  if (mode === "down" || down === units) return down;
  return down + step;
}

/** Exact integer division rounding toward negative infinity (b > 0), for signed money. */
export function floorDiv(a: number, b: number): number {
  const r = a % b;
  const q = (a - r) / b;
  return r < 0 ? q - 1 : q;
}

/** Exact integer division rounding toward positive infinity (b > 0). */
export function ceilDiv(a: number, b: number): number {
  const r = a % b;
  const q = (a - r) / b;
  return r > 0 ? q + 1 : q;
}

/** How {@link mulDiv} rounds. */
export type Rounding = "floor" | "ceil";

/**
 * Exact `a × b / d` on integers, rounded as asked (d > 0). Uses plain numbers while the product is safe and bigint
 * beyond, so notional × rate never loses a digit however large the notional.
 */
export function mulDiv(a: number, b: number, d: number, rounding: Rounding): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) return rounding === "floor" ? floorDiv(product, d) : ceilDiv(product, d);
  const p = BigInt(a) * BigInt(b);
  const bd = BigInt(d);
  let q = p / bd;
  const r = p % bd;
  if (r !== 0n && rounding === "floor" && p < 0n) q -= 1n;
  if (r !== 0n && rounding === "ceil" && p > 0n) q += 1n;
  const out = Number(q);
  if (!Number.isSafeInteger(out)) throw new RangeError(`mulDiv: ${a} × ${b} / ${d} is past 2^53`);
  return out;
}
