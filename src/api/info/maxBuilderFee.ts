/**
 * @module api/info/maxBuilderFee
 * `maxBuilderFee`: the highest fee a user approved for a builder, in tenths of a basis point (0 when none).
 * @see hyperliquid-api.md §4.4 maxBuilderFee, §5.5 approveBuilderFee
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address } from "./_schemas.ts";

export const MaxBuilderFeeRequest = v.object({ type: v.literal("maxBuilderFee"), user: Address, builder: Address });

export type MaxBuilderFeeResponse = number;

export function maxBuilderFee(
  ctx: InfoContext,
  req: v.InferOutput<typeof MaxBuilderFeeRequest>,
): MaxBuilderFeeResponse {
  return ctx.engine.builderFeeOf(req.user, req.builder);
}
