/**
 * @module api/exchange/vaultTransfer
 * `vaultTransfer`: deposit into (`isDeposit` true) or withdraw from a vault, for the acting user (L1). `usd` is an
 * integer of 10^-6 USD; on a withdrawal it is the amount requested, before the leader's commission.
 * @see hyperliquid-api.md §5.5 (vaultTransfer); hyperliquid-mechanics.md §10.1
 */

import * as v from "valibot";
import { Address, UInt } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";

export const VaultTransferAction = v.object({
  type: v.literal("vaultTransfer"),
  vaultAddress: Address,
  isDeposit: v.boolean(),
  /** 10^-6 USD (1_000_000 = $1). */
  usd: UInt,
});

export const vaultTransfer = action({
  kind: "l1",
  schema: VaultTransferAction,
  toCommand: (a, user) => ({
    type: "vaultTransfer",
    user,
    vault: a.vaultAddress,
    isDeposit: a.isDeposit,
    usd: a.usd,
  }),
  respond: respondDefault,
});
