/**
 * @module api/info/marginTable
 * `marginTable`: one margin table by id: a configured one, or for an id below 50 the single tier whose maximum
 * leverage is the id (Hyperliquid's rule). Any other id is refused.
 * @see hyperliquid-api.md §4.4 marginTable; hyperliquid-mechanics.md §1.2 (margin tiers)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Dex, type InfoRejection, reject, UInt, unknownDex } from "./_schemas.ts";
import { type MarginTableWire, marginTableWire } from "./_shapes.ts";

export const MarginTableRequest = v.object({ type: v.literal("marginTable"), id: UInt, dex: Dex });

export type MarginTableResponse = MarginTableWire;

/** Ids below this are implicit single-tier tables. */
const IMPLICIT_BELOW = 50;

export function marginTable(
  ctx: InfoContext,
  req: v.InferOutput<typeof MarginTableRequest>,
): MarginTableResponse | InfoRejection {
  const refused = unknownDex(req.dex);
  if (refused !== undefined) return refused;
  const table = ctx.engine.state.tables.get(req.id);
  if (table !== undefined) return marginTableWire(table);
  if (req.id >= 1 && req.id < IMPLICIT_BELOW) {
    return { description: "", marginTiers: [{ lowerBound: "0.0", maxLeverage: req.id }] };
  }
  return reject(`unknown margin table ${req.id}`);
}
