/**
 * @module feeds/spotState
 * `spotState` `{type, user, isPortfolioMargin?}`: `{user, spotState}` with the user's `SpotClearinghouseState` (as
 * /info `spotClearinghouseState`). Sent on subscribe and at the user-state cadence. Hyperliquid echoes the optional
 * flag as `ignorePortfolioMargin` (nktkas sends that name): both are accepted and the echo carries
 * `ignorePortfolioMargin` (false when absent, UNCERTAIN whether the live echo always has it). hyperlocal has no
 * portfolio margin, so the flag changes nothing.
 * @see hyperliquid-api.md §1.4 (echo), §1.7 (catalogue, payload), §4.3 SpotClearinghouseState
 */

import * as v from "valibot";
import { spotState as stateOf } from "../api/info/_shapes.ts";
import { Address } from "../api/primitives.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";
import { cadenceMs } from "./l2Book.ts";

export const SpotStateSubscription = v.pipe(
  v.object({
    type: v.literal("spotState"),
    user: Address,
    isPortfolioMargin: v.optional(v.nullable(v.boolean())),
    ignorePortfolioMargin: v.optional(v.nullable(v.boolean())),
  }),
  v.transform(({ user, isPortfolioMargin, ignorePortfolioMargin }) => ({
    type: "spotState" as const,
    user,
    ignorePortfolioMargin: ignorePortfolioMargin ?? isPortfolioMargin ?? false,
  })),
);

export type SpotStateSub = v.InferOutput<typeof SpotStateSubscription>;

function push(ctx: FeedContext, sub: SpotStateSub): Push {
  return { channel: "spotState", data: { user: sub.user, spotState: stateOf(ctx.engine, sub.user) } };
}

export const spotState: ChannelSpec<SpotStateSub> = {
  type: "spotState",
  schema: SpotStateSubscription,
  users: (sub) => [sub.user],
  snapshot: push,
  periodic: { intervalMs: (_sub, cadence) => cadenceMs("userState", cadence), push },
};
