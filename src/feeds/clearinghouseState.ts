/**
 * @module feeds/clearinghouseState
 * `clearinghouseState` `{type, user, dex: ""}`: `{dex, user, clearinghouseState}` with /info `clearinghouseState`'s
 * object (its `time` the clock's now). Sent on subscribe and re-sent in full every `CADENCE_MS.userState` ms
 * (Hyperliquid ≈ 4–5 s). `dex` absent or `null` normalizes to `""`; any other dex is an invalid subscription
 * (hyperlocal has only the first perp dex). Also exports the shared {@link DexParam} schema and {@link dexInvalid}.
 * @see hyperliquid-api.md §1.7 (payload, routing on data.user/data.dex), §1.8 (cadence), §4.3 ClearinghouseState
 */

import * as v from "valibot";
import { clearinghouseState as stateOf } from "../api/info/_shapes.ts";
import { Address } from "../api/primitives.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";
import { cadenceMs } from "./l2Book.ts";

/** The `dex` of a subscription: absent and `null` are `""`, the first perp dex. */
export const DexParam = v.pipe(
  v.optional(v.nullable(v.string()), ""),
  v.transform((d): string => d ?? ""),
);

/** The refusal of a dex other than the first. */
export function dexInvalid(dex: string): string | undefined {
  return dex === "" ? undefined : `unknown perp dex ${JSON.stringify(dex)} (hyperlocal has only "")`;
}

export const ClearinghouseStateSubscription = v.object({
  type: v.literal("clearinghouseState"),
  user: Address,
  dex: DexParam,
});

export type ClearinghouseStateSub = v.InferOutput<typeof ClearinghouseStateSubscription>;

function push(ctx: FeedContext, sub: ClearinghouseStateSub): Push {
  return {
    channel: "clearinghouseState",
    data: { dex: sub.dex, user: sub.user, clearinghouseState: stateOf(ctx.engine, sub.user, ctx.now()) },
  };
}

export const clearinghouseState: ChannelSpec<ClearinghouseStateSub> = {
  type: "clearinghouseState",
  schema: ClearinghouseStateSubscription,
  invalid: (_ctx, sub) => dexInvalid(sub.dex),
  users: (sub) => [sub.user],
  snapshot: push,
  periodic: { intervalMs: (_sub, cadence) => cadenceMs("userState", cadence), push },
};
