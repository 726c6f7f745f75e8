/**
 * @module api/exchange/updateIsolatedMargin
 * `updateIsolatedMargin`: add (positive `ntli`) or remove (negative) isolated margin, in 10^-6 USD. `isBuy` has no
 * effect (§5.4) but is part of the signed action.
 * @see hyperliquid-api.md §5.5 (updateIsolatedMargin), §5.4
 */

import * as v from "valibot";
import { Int, UInt } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";

export const UpdateIsolatedMarginAction = v.object({
  type: v.literal("updateIsolatedMargin"),
  asset: UInt,
  isBuy: v.boolean(),
  /** Signed USD × 10^6. */
  ntli: Int,
});

export const updateIsolatedMargin = action({
  kind: "l1",
  schema: UpdateIsolatedMarginAction,
  toCommand: (a, user) => ({ type: "updateIsolatedMargin", user, asset: a.asset, ntli: a.ntli }),
  respond: respondDefault,
});
