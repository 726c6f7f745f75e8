/**
 * @module api/exchange/updateLeverage
 * `updateLeverage`: choose cross or isolated margin and the leverage for an asset.
 * @see hyperliquid-api.md §5.5 (updateLeverage), §5.4
 */

import * as v from "valibot";
import { UInt } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";

export const UpdateLeverageAction = v.object({
  type: v.literal("updateLeverage"),
  asset: UInt,
  isCross: v.boolean(),
  leverage: UInt,
});

export const updateLeverage = action({
  kind: "l1",
  schema: UpdateLeverageAction,
  toCommand: (a, user) => ({
    type: "updateLeverage",
    user,
    asset: a.asset,
    isCross: a.isCross,
    leverage: a.leverage,
  }),
  respond: respondDefault,
});
