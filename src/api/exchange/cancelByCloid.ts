/**
 * @module api/exchange/cancelByCloid
 * `cancelByCloid`: cancel orders by asset and client order id. Note the long key names (`asset`, `cloid`), unlike
 * `cancel`'s `a`/`o`.
 * @see hyperliquid-api.md §5.5 (cancelByCloid), §5.4, §5.2 (cancel response)
 */

import * as v from "valibot";
import { Cloid, UInt } from "../primitives.ts";
import { action, cancelResponse, cancelResults, type ExchangeResponse } from "./_action.ts";

export const CancelByCloidAction = v.object({
  type: v.literal("cancelByCloid"),
  cancels: v.array(v.object({ asset: UInt, cloid: Cloid })),
  f: v.optional(v.literal(true)),
});

export const cancelByCloid = action({
  kind: "l1",
  schema: CancelByCloidAction,
  toCommand: (a, user) => ({ type: "cancelByCloid", user, cancels: a.cancels }),
  respond: (reply) => {
    const results = cancelResults(reply);
    return Array.isArray(results) ? cancelResponse(results) : (results as ExchangeResponse);
  },
});
