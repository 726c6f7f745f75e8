/**
 * @module api/exchange/scheduleCancel
 * `scheduleCancel`: arm the dead man's switch at `time` (at least 5 s ahead), or clear it when `time` is absent.
 * @see hyperliquid-api.md §5.5 (scheduleCancel), §5.4
 */

import * as v from "valibot";
import { maybe, UInt } from "../primitives.ts";
import { action, respondDefault } from "./_action.ts";

export const ScheduleCancelAction = v.object({ type: v.literal("scheduleCancel"), time: maybe(UInt) });

export const scheduleCancel = action({
  kind: "l1",
  schema: ScheduleCancelAction,
  toCommand: (a, user) =>
    a.time === undefined ? { type: "scheduleCancel", user } : { type: "scheduleCancel", user, at: a.time },
  respond: respondDefault,
});
