/**
 * @module api/info/twapHistory
 * `twapHistory`: a user's TWAP orders; none until hyperlocal has TWAP orders.
 * @see hyperliquid-api.md §4.3 TwapHistory, §4.4 twapHistory
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address } from "./_schemas.ts";

export const TwapHistoryRequest = v.object({ type: v.literal("twapHistory"), user: Address });

/** `TwapHistory[]`; always empty for now, so its items are typed as nothing. */
export type TwapHistoryResponse = never[];

export function twapHistory(_ctx: InfoContext, _req: v.InferOutput<typeof TwapHistoryRequest>): TwapHistoryResponse {
  return [];
}
