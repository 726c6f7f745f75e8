/**
 * @module api/exchange/setReferrer
 * `setReferrer`: enter a referral code, once. hyperlocal has no referral rewards or fee discounts: the code is
 * recorded (and shown by `referral`) and has no other effect. Any non-empty code is accepted, since no codes are
 * registered locally (ccxt sets "CCXT1" before its first private call).
 * @see hyperliquid-api.md §5.5 (setReferrer), §4.5 (ccxt's start-up)
 */

import * as v from "valibot";
import { action, respondDefault } from "./_action.ts";

export const SetReferrerAction = v.object({
  type: v.literal("setReferrer"),
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(20)),
});

export const setReferrer = action({
  kind: "l1",
  schema: SetReferrerAction,
  toCommand: (a, user) => ({ type: "setReferrer", user, code: a.code }),
  respond: respondDefault,
});
