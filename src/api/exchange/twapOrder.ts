/**
 * @module api/exchange/twapOrder
 * `twapOrder`: start a TWAP order `{a, b, s, r, m, t}` (asset, buy, size, reduce-only, minutes, randomize). Answers
 * `{"type":"twapOrder","data":{"status":{"running":{"twapId":N}}}}` or `{"status":{"error":…}}`. The optional
 * `details` (trigger and stop prices) is accepted only empty: hyperlocal does not run triggered TWAPs yet.
 * @see hyperliquid-api.md §5.2 (twapOrder response), §5.4 (TWAP), §5.5 (twapOrder); hyperliquid-mechanics.md §7
 */

import * as v from "valibot";
import { rejectText } from "../../core/index.ts";
import { Decimal, UInt } from "../primitives.ts";
import { action, err, type ExchangeResponse } from "./_action.ts";

export const TwapOrderAction = v.object({
  type: v.literal("twapOrder"),
  /** `{a, b, s, r, m, t}`: asset, isBuy, size, reduceOnly, minutes, randomize. */
  twap: v.object({ a: UInt, b: v.boolean(), s: Decimal, r: v.boolean(), m: UInt, t: v.boolean() }),
  /** `{t: {p, a} | null, s: string | null}`: trigger (price, above) and stop price. */
  details: v.optional(v.object({ t: v.nullable(v.object({ p: Decimal, a: v.boolean() })), s: v.nullable(Decimal) })),
});

/** The `twapOrder` response with an error status. */
export function twapOrderError(text: string): ExchangeResponse {
  return { status: "ok", response: { type: "twapOrder", data: { status: { error: text } } } };
}

export const twapOrder = action({
  kind: "l1",
  schema: TwapOrderAction,
  toCommand: (a, user) => {
    if (a.details !== undefined && (a.details.t !== null || a.details.s !== null)) {
      return twapOrderError("TWAP trigger and stop prices are not supported by hyperlocal yet.");
    }
    const t = a.twap;
    return {
      type: "twapOrder",
      user,
      asset: t.a,
      isBuy: t.b,
      size: t.s,
      reduceOnly: t.r,
      minutes: t.m,
      randomize: t.t,
    };
  },
  respond: (reply) => {
    if (reply.kind === "error") return err(rejectText(reply.reject));
    if (reply.kind !== "twapOrder") throw new Error(`expected a twapOrder reply, got ${reply.kind}`);
    const r = reply.result;
    if ("error" in r) return twapOrderError(rejectText(r.error));
    return { status: "ok", response: { type: "twapOrder", data: { status: { running: { twapId: r.running } } } } };
  },
});
