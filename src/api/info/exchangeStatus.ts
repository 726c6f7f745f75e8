/**
 * @module api/info/exchangeStatus
 * `exchangeStatus`: the server time and no special status (ccxt reads a non-null `specialStatuses` as maintenance).
 * @see hyperliquid-api.md §4.4 exchangeStatus (and its captured answer)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";

export const ExchangeStatusRequest = v.object({ type: v.literal("exchangeStatus") });

export interface ExchangeStatusResponse {
  specialStatuses: string | null;
  time: number;
}

export function exchangeStatus(
  ctx: InfoContext,
  _req: v.InferOutput<typeof ExchangeStatusRequest>,
): ExchangeStatusResponse {
  return { specialStatuses: null, time: ctx.now() };
}
