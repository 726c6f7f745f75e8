/**
 * @module api/info/extraAgents
 * `extraAgents`: a user's named API wallets that are still valid, in approval order, with their expiry (`null` when
 * none). The unnamed agent is not an "extra" one: it is the session wallet `webData2` reports as `agentAddress`.
 * @see hyperliquid-api.md §4.4 extraAgents, §5.5 approveAgent
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address, type Hex } from "./_schemas.ts";

export const ExtraAgentsRequest = v.object({ type: v.literal("extraAgents"), user: Address });

export type ExtraAgentsResponse = { address: Hex; name: string; validUntil: number | null }[];

export function extraAgents(ctx: InfoContext, req: v.InferOutput<typeof ExtraAgentsRequest>): ExtraAgentsResponse {
  return ctx.engine
    .agentsOf(req.user)
    .filter((a) => a.name !== "")
    .map((a) => ({ address: a.address as Hex, name: a.name, validUntil: a.validUntil ?? null }));
}
