/**
 * @module api/exchange/createSubAccount
 * `createSubAccount`: create a sub-account of the acting user (L1; an agent may sign it for its master). The answer
 * carries the new address: `{"type":"createSubAccount","data":"0x…"}`. The engine checks the name (1..16 characters),
 * the volume gate and the count, and derives the address deterministically.
 * @see hyperliquid-api.md §5.2, §5.5 (createSubAccount); hyperliquid-mechanics.md §10.2
 */

import * as v from "valibot";
import { rejectText } from "../../core/index.ts";
import { action, err } from "./_action.ts";

export const CreateSubAccountAction = v.object({
  type: v.literal("createSubAccount"),
  /** 1..16 characters; the engine answers a wrong length. */
  name: v.string(),
});

export const createSubAccount = action({
  kind: "l1",
  schema: CreateSubAccountAction,
  toCommand: (a, user) => ({ type: "createSubAccount", user, name: a.name }),
  respond: (reply) => {
    if (reply.kind === "error") return err(rejectText(reply.reject));
    if (reply.kind !== "createSubAccount") throw new Error(`expected a createSubAccount reply, got ${reply.kind}`);
    return { status: "ok", response: { type: "createSubAccount", data: reply.address } };
  },
});
