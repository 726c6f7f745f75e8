/**
 * @module api/exchange/usdClassTransfer
 * `usdClassTransfer`: move USDC between the signer's perp account and spot balance (`toPerp`), user-signed. The
 * `"<amount> subaccount:0x…"` form is not supported (answered `Invalid amount.`).
 * @see hyperliquid-api.md §5.5 (usdClassTransfer); hyperliquid-mechanics.md §9
 */

import * as v from "valibot";
import { UInt } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";
import { USER_SIGNED_FIELDS } from "./_userSigned.ts";

export const UsdClassTransferAction = v.object({
  type: v.literal("usdClassTransfer"),
  ...USER_SIGNED_FIELDS,
  /** Decimal USD ("1" = $1). */
  amount: v.string(),
  toPerp: v.boolean(),
  /** The nonce (equals the envelope's). */
  nonce: UInt,
});

export const usdClassTransfer = action({
  kind: "userSigned",
  schema: UsdClassTransferAction,
  toCommand: (a, user) => ({ type: "usdClassTransfer", user, amount: a.amount, toPerp: a.toPerp }),
  respond: respondDefault,
});
