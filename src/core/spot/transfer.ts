/**
 * @module core/spot/transfer
 * `usdClassTransfer`: USDC between a user's perp account and spot balance. Perp → spot is a margin removal, limited
 * by `withdrawable`; spot → perp by the available (unheld) spot USDC. Pure.
 * @see hyperliquid-mechanics.md §9 (perp↔spot USDC); hyperliquid-api.md §5.5
 */

import type { Ctx } from "../ctx.ts";
import type { Address } from "../ids.ts";
import { parseUnits } from "../num.ts";
import type { Reject } from "../reject.ts";
import { accountRisk } from "../clearinghouse/margin.ts";
import { accountOf } from "../state.ts";
import { available, classTransfer, PERP_TO_SPOT_USDC, USDC_TOKEN } from "./spot.ts";

/** Moves `amount` (a decimal USD string, at most 6 decimals) between perp and spot. */
export function usdClassTransfer(ctx: Ctx, user: Address, amount: string, toPerp: boolean): Reject | undefined {
  const parsed = parseUnits(amount, 6);
  if (!parsed.ok || parsed.units <= 0) return { code: "invalidAmount" };
  const usd = parsed.units;
  const s = ctx.s;
  const account = accountOf(s, user);
  if (toPerp) {
    if (available(s.spot, user, USDC_TOKEN) < usd * PERP_TO_SPOT_USDC) return { code: "insufficientTransfer" };
    account.cash += usd;
  } else {
    if (usd > accountRisk(s, account).withdrawable) return { code: "insufficientTransfer" };
    account.cash -= usd;
  }
  classTransfer(ctx, s.spot, user, usd, toPerp);
  return undefined;
}
