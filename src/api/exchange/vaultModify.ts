/**
 * @module api/exchange/vaultModify
 * `vaultModify`: change a vault's `allowDeposits` and `alwaysCloseOnWithdraw` (L1; leader only, `null` keeps a
 * setting). hyperlocal never closes vault positions for a withdrawal, so `alwaysCloseOnWithdraw` is only shown.
 * @see hyperliquid-api.md §5.5 (vaultModify); hyperliquid-mechanics.md §10.1
 */

import * as v from "valibot";
import { Address } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";

export const VaultModifyAction = v.object({
  type: v.literal("vaultModify"),
  vaultAddress: Address,
  allowDeposits: v.nullish(v.boolean()),
  alwaysCloseOnWithdraw: v.nullish(v.boolean()),
});

export const vaultModify = action({
  kind: "l1",
  schema: VaultModifyAction,
  toCommand: (a, user) => ({
    type: "vaultModify",
    user,
    vault: a.vaultAddress,
    ...(a.allowDeposits === null || a.allowDeposits === undefined ? {} : { allowDeposits: a.allowDeposits }),
    ...(a.alwaysCloseOnWithdraw === null || a.alwaysCloseOnWithdraw === undefined
      ? {}
      : { alwaysCloseOnWithdraw: a.alwaysCloseOnWithdraw }),
  }),
  respond: respondDefault,
});
