/**
 * @module api/info/outcomeMeta
 * `outcomeMeta`: no outcome markets in hyperlocal. nktkas's `SymbolConverter.create()` asks for it at start-up.
 * @see hyperliquid-api.md §4.4 outcomeMeta, §4.5
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";

export const OutcomeMetaRequest = v.object({ type: v.literal("outcomeMeta") });

export interface OutcomeMetaResponse {
  outcomes: {
    outcome: number;
    name: string;
    description: string;
    sideSpecs: { name: string; token?: number }[];
    quoteToken: string;
  }[];
  questions: {
    question: number;
    name: string;
    description: string;
    fallbackOutcome: number;
    namedOutcomes: number[];
    settledNamedOutcomes: number[];
  }[];
}

export function outcomeMeta(_ctx: InfoContext, _req: v.InferOutput<typeof OutcomeMetaRequest>): OutcomeMetaResponse {
  return { outcomes: [], questions: [] };
}
