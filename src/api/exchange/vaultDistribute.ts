/**
 * @module api/exchange/vaultDistribute
 * `vaultDistribute`: pay `usd` (integer, 10^-6 USD) out of a vault to its holders pro rata (L1; leader only).
 * @see hyperliquid-api.md §5.5 (vaultDistribute); hyperliquid-mechanics.md §10.1
 */

import * as v from "valibot";
import { Address, UInt } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";

export const VaultDistributeAction = v.object({
  type: v.literal("vaultDistribute"),
  vaultAddress: Address,
  /** 10^-6 USD. */
  usd: UInt,
});

export const vaultDistribute = action({
  kind: "l1",
  schema: VaultDistributeAction,
  toCommand: (a, user) => ({ type: "vaultDistribute", user, vault: a.vaultAddress, usd: a.usd }),
  respond: respondDefault,
});
