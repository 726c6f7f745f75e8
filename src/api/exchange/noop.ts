/**
 * @module api/exchange/noop
 * `noop`: does nothing but use up its nonce (to invalidate a signed request that was never sent).
 * @see hyperliquid-api.md §5.5 (noop)
 */

import * as v from "valibot";
import { action, respondDefault } from "./_action.ts";

export const NoopAction = v.object({ type: v.literal("noop") });

export const noop = action({
  kind: "l1",
  schema: NoopAction,
  toCommand: (_a, user) => ({ type: "noop", user }),
  respond: respondDefault,
});
