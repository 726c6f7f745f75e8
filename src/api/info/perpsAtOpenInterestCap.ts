/**
 * @module api/info/perpsAtOpenInterestCap
 * `perpsAtOpenInterestCap`: the perps whose open interest is capped; hyperlocal has no open-interest caps, so none.
 * @see hyperliquid-api.md §4.4 perpsAtOpenInterestCap; hyperliquid-mechanics.md §1.6
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Dex, type InfoRejection, unknownDex } from "./_schemas.ts";

export const PerpsAtOpenInterestCapRequest = v.object({ type: v.literal("perpsAtOpenInterestCap"), dex: Dex });

export type PerpsAtOpenInterestCapResponse = string[];

export function perpsAtOpenInterestCap(
  _ctx: InfoContext,
  req: v.InferOutput<typeof PerpsAtOpenInterestCapRequest>,
): PerpsAtOpenInterestCapResponse | InfoRejection {
  return unknownDex(req.dex) ?? [];
}
