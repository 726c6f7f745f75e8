/**
 * @module feeds/webData3
 * `webData3` `{type, user}`, the live successor of `webData2`: `{userState, perpDexStates}`. `userState` holds the
 * user's API wallet (the unnamed one, else the first; null without one), cumulative ledger, `serverTime` (the clock),
 * `isVault: false` and the lowercase `user` (@nktkas routes on `data.userState.user`); the optional
 * `optOutOfSpotDusting`, `dexAbstractionEnabled` and `abstraction` are omitted. `perpDexStates` has one entry, the
 * first perp dex: `{totalVaultEquity: "0.0"}` (no vaults; the optional `perpsAtOpenInterestCap` and `leadingVaults`
 * omitted, as both would be empty). Sent on subscribe and re-sent every `CADENCE_MS.userState` ms.
 * @see hyperliquid-api.md §1.7 (webData3 payload), §1.8 (cadence)
 */

import * as v from "valibot";
import { cumulativeLedger } from "../api/info/_ledger.ts";
import { Address, type Hex } from "../api/primitives.ts";
import { formatUsd } from "../api/wire.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";
import { cadenceMs } from "./l2Book.ts";

export const WebData3Subscription = v.object({ type: v.literal("webData3"), user: Address });

export type WebData3Sub = v.InferOutput<typeof WebData3Subscription>;

export interface WebData3 {
  userState: {
    agentAddress: Hex | null;
    agentValidUntil: number | null;
    cumLedger: string;
    serverTime: number;
    isVault: boolean;
    user: Hex;
  };
  perpDexStates: { totalVaultEquity: string }[];
}

function push(ctx: FeedContext, sub: WebData3Sub): Push {
  const agents = ctx.engine.agentsOf(sub.user);
  const agent = agents.find((a) => a.name === "") ?? agents[0];
  const data: WebData3 = {
    userState: {
      agentAddress: agent === undefined ? null : (agent.address as Hex),
      agentValidUntil: agent?.validUntil ?? null,
      cumLedger: formatUsd(cumulativeLedger(ctx.history, sub.user)),
      serverTime: ctx.now(),
      isVault: false,
      user: sub.user,
    },
    perpDexStates: [{ totalVaultEquity: "0.0" }],
  };
  return { channel: "webData3", data };
}

export const webData3: ChannelSpec<WebData3Sub> = {
  type: "webData3",
  schema: WebData3Subscription,
  users: (sub) => [sub.user],
  snapshot: push,
  periodic: { intervalMs: (_sub, cadence) => cadenceMs("userState", cadence), push },
};
