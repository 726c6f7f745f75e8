/**
 * @module api/info/webData2
 * `webData2`: the web app's everything-at-once view of a user: clearinghouse state, open orders (frontend form),
 * meta and asset contexts, the session agent, the net of ledger movements, the running TWAPs, the vaults the user
 * leads (`leadingVaults`), its equity in every vault it holds (`totalVaultEquity`) and whether it is a vault
 * (`isVault`), its spot balances (`spotState`, as /info `spotClearinghouseState`) and every spot pair's context
 * (`spotAssetCtxs`, as /info `spotMetaAndAssetCtxs`). `agentAddress` is the unnamed agent (the web app's session
 * wallet), else the first named one, else `null`.
 * @see hyperliquid-api.md §4.4 webData2
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { formatUsd } from "../wire.ts";
import { Address, type Hex } from "./_schemas.ts";
import {
  type ClearinghouseState,
  clearinghouseState,
  type FrontendOpenOrder,
  frontendOpenOrders,
  type Meta,
  metaOf,
  type PerpAssetCtx,
  perpAssetCtxs,
  type SpotClearinghouseState,
  spotState,
} from "./_shapes.ts";
import { cumulativeLedger } from "./_ledger.ts";
import { userEquityIn, vaultsHeldBy } from "./_vaults.ts";
import { leadingVaultsOf } from "./leadingVaults.ts";
import { type SpotAssetCtx, spotAssetCtxs } from "./spotMetaAndAssetCtxs.ts";
import { type TwapState, twapStates } from "./twapHistory.ts";

export const WebData2Request = v.object({ type: v.literal("webData2"), user: Address });

export interface WebData2Response {
  clearinghouseState: ClearinghouseState;
  leadingVaults: { address: Hex; name: string }[];
  totalVaultEquity: string;
  openOrders: FrontendOpenOrder[];
  agentAddress: Hex | null;
  agentValidUntil: number | null;
  cumLedger: string;
  meta: Meta;
  assetCtxs: PerpAssetCtx[];
  serverTime: number;
  isVault: boolean;
  user: Hex;
  twapStates: [number, TwapState][];
  spotState: SpotClearinghouseState;
  spotAssetCtxs: SpotAssetCtx[];
}

export function webData2(ctx: InfoContext, req: v.InferOutput<typeof WebData2Request>): WebData2Response {
  const { engine } = ctx;
  const now = ctx.now();
  const agents = engine.agentsOf(req.user);
  const agent = agents.find((a) => a.name === "") ?? agents[0];
  return {
    clearinghouseState: clearinghouseState(engine, req.user, now),
    leadingVaults: leadingVaultsOf(engine, req.user),
    totalVaultEquity: formatUsd(
      vaultsHeldBy(engine, req.user).reduce((sum, vault) => sum + userEquityIn(engine, vault, req.user), 0),
    ),
    openOrders: frontendOpenOrders(engine, req.user),
    agentAddress: agent === undefined ? null : (agent.address as Hex),
    agentValidUntil: agent?.validUntil ?? null,
    cumLedger: formatUsd(cumulativeLedger(ctx.history, req.user)),
    meta: metaOf(engine),
    assetCtxs: perpAssetCtxs(engine),
    serverTime: now,
    isVault: engine.vault(req.user) !== undefined,
    user: req.user,
    twapStates: twapStates(ctx, req.user),
    spotState: spotState(engine, req.user),
    spotAssetCtxs: spotAssetCtxs(engine),
  };
}
