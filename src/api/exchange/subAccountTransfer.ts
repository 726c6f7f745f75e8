/**
 * @module api/exchange/subAccountTransfer
 * `subAccountTransfer`: move USDC between the acting user's perp account and one of its sub-accounts (L1):
 * `isDeposit` true sends master → sub-account, false sub-account → master; `usd` is an integer of 10^-6 USD.
 * @see hyperliquid-api.md §5.5 (subAccountTransfer); hyperliquid-mechanics.md §10.2
 */

import * as v from "valibot";
import { Address, UInt } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";

export const SubAccountTransferAction = v.object({
  type: v.literal("subAccountTransfer"),
  subAccountUser: Address,
  isDeposit: v.boolean(),
  /** 10^-6 USD (1_000_000 = $1). */
  usd: UInt,
});

export const subAccountTransfer = action({
  kind: "l1",
  schema: SubAccountTransferAction,
  toCommand: (a, user) => ({
    type: "subAccountTransfer",
    user,
    subAccount: a.subAccountUser,
    isDeposit: a.isDeposit,
    usd: a.usd,
  }),
  respond: respondDefault,
});
