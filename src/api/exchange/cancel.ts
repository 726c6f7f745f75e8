/**
 * @module api/exchange/cancel
 * `cancel`: cancel orders by asset and oid. `f: true` asks for a fast cancel; hyperlocal cancels immediately either way.
 * @see hyperliquid-api.md §5.5 (cancel), §5.4 (cancel keys and `f`), §5.2 (cancel response)
 */

import * as v from "valibot";
import { UInt } from "../primitives.ts";
import { action, cancelResponse, cancelResults, type ExchangeResponse } from "./_action.ts";

export const CancelAction = v.object({
  type: v.literal("cancel"),
  /** `{a, o}`: asset and oid. */
  cancels: v.array(v.object({ a: UInt, o: UInt })),
  /** Fast cancel; sent only as `true` (a signed `f: false` is rejected, §5.4). */
  f: v.optional(v.literal(true)),
});

export const cancel = action({
  kind: "l1",
  schema: CancelAction,
  toCommand: (a, user) => ({ type: "cancel", user, cancels: a.cancels.map((c) => ({ asset: c.a, oid: c.o })) }),
  respond: (reply) => {
    const results = cancelResults(reply);
    return Array.isArray(results) ? cancelResponse(results) : (results as ExchangeResponse);
  },
});
