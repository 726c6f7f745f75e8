/**
 * @module api/exchange/spotSend
 * `spotSend`: send a spot token (`"PURR:0xc1fb…"`) from the signer's spot balance to another address (user-signed).
 * @see hyperliquid-api.md §5.5 (spotSend), §6.2
 */

import * as v from "valibot";
import { Address, Decimal, UInt } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";
import { USER_SIGNED_FIELDS } from "./_userSigned.ts";

export const SpotSendAction = v.object({
  type: v.literal("spotSend"),
  ...USER_SIGNED_FIELDS,
  destination: Address,
  /** `NAME:0x<tokenId>`. */
  token: v.string(),
  /** Decimal token amount. */
  amount: Decimal,
  /** The nonce (equals the envelope's). */
  time: UInt,
});

export const spotSend = action({
  kind: "userSigned",
  schema: SpotSendAction,
  toCommand: (a, user) => ({ type: "spotSend", user, destination: a.destination, token: a.token, amount: a.amount }),
  respond: respondDefault,
});
