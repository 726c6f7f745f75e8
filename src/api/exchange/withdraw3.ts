/**
 * @module api/exchange/withdraw3
 * `withdraw3`: withdraw USDC off the exchange to an address (user-signed; costs the $1 withdrawal fee).
 * @see hyperliquid-api.md §5.5 (withdraw3), §6.2
 */

import * as v from "valibot";
import { Address, Decimal, UInt } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";
import { USER_SIGNED_FIELDS } from "./_userSigned.ts";

export const Withdraw3Action = v.object({
  type: v.literal("withdraw3"),
  ...USER_SIGNED_FIELDS,
  destination: Address,
  amount: Decimal,
  time: UInt,
});

export const withdraw3 = action({
  kind: "userSigned",
  schema: Withdraw3Action,
  toCommand: (a, user) => ({
    type: "withdraw",
    user,
    destination: a.destination,
    amount: a.amount,
    nonce: a.time,
  }),
  respond: respondDefault,
});
