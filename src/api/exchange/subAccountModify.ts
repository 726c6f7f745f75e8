/**
 * @module api/exchange/subAccountModify
 * `subAccountModify`: rename a sub-account of the acting user (L1).
 * @see hyperliquid-api.md §5.5 (subAccountModify); hyperliquid-mechanics.md §10.2
 */

import * as v from "valibot";
import { Address } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";

export const SubAccountModifyAction = v.object({
  type: v.literal("subAccountModify"),
  subAccountUser: Address,
  /** 1..16 characters; the engine answers a wrong length. */
  name: v.string(),
});

export const subAccountModify = action({
  kind: "l1",
  schema: SubAccountModifyAction,
  toCommand: (a, user) => ({ type: "subAccountModify", user, subAccount: a.subAccountUser, name: a.name }),
  respond: respondDefault,
});
