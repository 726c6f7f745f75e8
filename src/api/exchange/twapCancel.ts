/**
 * @module api/exchange/twapCancel
 * `twapCancel` `{a, t}`: stop a running TWAP order of the acting user. Answers
 * `{"type":"twapCancel","data":{"status":"success"}}` or `{"status":{"error":"TWAP was never placed, already canceled,
 * or filled."}}`.
 * @see hyperliquid-api.md §5.2 (twapCancel response), §5.5 (twapCancel); hyperliquid-mechanics.md §7
 */

import * as v from "valibot";
import { rejectText } from "../../core/index.ts";
import { UInt } from "../primitives.ts";
import { action, err } from "./_action.ts";

export const TwapCancelAction = v.object({
  type: v.literal("twapCancel"),
  /** Asset. */
  a: UInt,
  /** TWAP id. */
  t: UInt,
});

export const twapCancel = action({
  kind: "l1",
  schema: TwapCancelAction,
  toCommand: (a, user) => ({ type: "twapCancel", user, asset: a.a, twapId: a.t }),
  respond: (reply) => {
    if (reply.kind === "error") return err(rejectText(reply.reject));
    if (reply.kind !== "twapCancel") throw new Error(`expected a twapCancel reply, got ${reply.kind}`);
    const r = reply.result;
    const status = r === "success" ? r : { error: rejectText(r.error) };
    return { status: "ok", response: { type: "twapCancel", data: { status } } };
  },
});
