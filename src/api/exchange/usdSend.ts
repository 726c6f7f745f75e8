/**
 * @module api/exchange/usdSend
 * `usdSend`: send USDC from the signer's perp account to another address (user-signed).
 * @see hyperliquid-api.md §5.5 (usdSend), §6.2
 */

import * as v from "valibot";
import { Address, Decimal, UInt } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";
import { USER_SIGNED_FIELDS } from "./_userSigned.ts";

export const UsdSendAction = v.object({
  type: v.literal("usdSend"),
  ...USER_SIGNED_FIELDS,
  destination: Address,
  /** Decimal USD ("1" = $1). */
  amount: Decimal,
  /** The nonce (equals the envelope's). */
  time: UInt,
});

export const usdSend = action({
  kind: "userSigned",
  schema: UsdSendAction,
  toCommand: (a, user) => ({ type: "usdSend", user, destination: a.destination, amount: a.amount }),
  respond: respondDefault,
});
