/**
 * @module api/exchange/approveBuilderFee
 * `approveBuilderFee`: allow a builder to charge up to `maxFeeRate` (a percent string such as `"0.01%"`) on the
 * signer's orders. Stored in tenths of a basis point (`"0.001%"` = 1), the unit of an order's `builder.f`.
 * @see hyperliquid-api.md §5.5 (approveBuilderFee), §5.4 (builder)
 */

import * as v from "valibot";
import { parseUnits } from "../../core/index.ts";
import { Address, UInt } from "../primitives.ts";
import { action, err, respondDefault } from "./_action.ts";
import { USER_SIGNED_FIELDS } from "./_userSigned.ts";

export const ApproveBuilderFeeAction = v.object({
  type: v.literal("approveBuilderFee"),
  ...USER_SIGNED_FIELDS,
  maxFeeRate: v.string(),
  builder: Address,
  nonce: UInt,
});

/** Decimals of a percent in tenths of a basis point: 0.001% = 1. */
const PERCENT_DECIMALS = 3;

/** `"0.01%"` → 10 tenths of a basis point, or undefined for a malformed rate. */
export function parseFeeRate(text: string): number | undefined {
  if (!text.endsWith("%")) return undefined;
  const parsed = parseUnits(text.slice(0, -1), PERCENT_DECIMALS);
  return parsed.ok ? parsed.units : undefined;
}

export const approveBuilderFee = action({
  kind: "userSigned",
  schema: ApproveBuilderFeeAction,
  toCommand: (a, user) => {
    const fee = parseFeeRate(a.maxFeeRate);
    if (fee === undefined) return err(`Invalid max fee rate ${a.maxFeeRate}.`);
    return { type: "approveBuilderFee", user, builder: a.builder, fee };
  },
  respond: respondDefault,
});
