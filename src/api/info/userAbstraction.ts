/**
 * @module api/info/userAbstraction
 * `userAbstraction`: always `"default"`: hyperlocal accounts are plain perp accounts (no unified account, no
 * portfolio margin). ccxt asks at `initializeClient()` and for `fetchBalance`; anything but `"unifiedAccount"` makes
 * it read the perp `clearinghouseState`, which is where hyperlocal keeps a user's USDC.
 * @see hyperliquid-api.md §4.4 userAbstraction, §4.5 (ccxt start-up)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address } from "./_schemas.ts";

export const UserAbstractionRequest = v.object({ type: v.literal("userAbstraction"), user: Address });

export type UserAbstractionResponse = "unifiedAccount" | "portfolioMargin" | "disabled" | "default";

export function userAbstraction(
  _ctx: InfoContext,
  _req: v.InferOutput<typeof UserAbstractionRequest>,
): UserAbstractionResponse {
  return "default";
}
