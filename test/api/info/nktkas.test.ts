/**
 * @module test/api/info/nktkas
 * @nktkas/hyperliquid as the judge: at compile time every response type of the catalogue must be assignable to the
 * SDK's response type (tsc fails otherwise; the SDK ships types, not runtime response schemas); at run time its
 * `InfoClient` (its own request schemas: explicit nulls, lowercase hex, omitted optionals) and its start-up helper
 * `SymbolConverter` run against `handleInfo` through an in-process transport.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { InfoClient } from "@nktkas/hyperliquid";
import type * as nk from "@nktkas/hyperliquid/api/info";
import { SymbolConverter } from "@nktkas/hyperliquid/utils";
import { handleInfo, INFO_TYPES } from "../../../src/api/info/index.ts";
import type { ActiveAssetDataResponse } from "../../../src/api/info/activeAssetData.ts";
import type { AllMidsResponse } from "../../../src/api/info/allMids.ts";
import type { AllPerpMetasResponse } from "../../../src/api/info/allPerpMetas.ts";
import type { ApprovedBuildersResponse } from "../../../src/api/info/approvedBuilders.ts";
import type { CandleSnapshotResponse } from "../../../src/api/info/candleSnapshot.ts";
import type { ClearinghouseStateResponse } from "../../../src/api/info/clearinghouseState.ts";
import type { ExchangeStatusResponse } from "../../../src/api/info/exchangeStatus.ts";
import type { ExtraAgentsResponse } from "../../../src/api/info/extraAgents.ts";
import type { FrontendOpenOrdersResponse } from "../../../src/api/info/frontendOpenOrders.ts";
import type { FundingHistoryResponse } from "../../../src/api/info/fundingHistory.ts";
import type { HistoricalOrdersResponse } from "../../../src/api/info/historicalOrders.ts";
import type { L2BookResponse } from "../../../src/api/info/l2Book.ts";
import type { LeadingVaultsResponse } from "../../../src/api/info/leadingVaults.ts";
import type { MarginTableResponse } from "../../../src/api/info/marginTable.ts";
import type { MaxBuilderFeeResponse } from "../../../src/api/info/maxBuilderFee.ts";
import type { MetaResponse } from "../../../src/api/info/meta.ts";
import type { MetaAndAssetCtxsResponse } from "../../../src/api/info/metaAndAssetCtxs.ts";
import type { OpenOrdersResponse } from "../../../src/api/info/openOrders.ts";
import type { OrderStatusResponse } from "../../../src/api/info/orderStatus.ts";
import type { OutcomeMetaResponse } from "../../../src/api/info/outcomeMeta.ts";
import type { PerpDexsResponse } from "../../../src/api/info/perpDexs.ts";
import type { PerpsAtOpenInterestCapResponse } from "../../../src/api/info/perpsAtOpenInterestCap.ts";
import type { PredictedFundingsResponse } from "../../../src/api/info/predictedFundings.ts";
import type { RecentTradesResponse } from "../../../src/api/info/recentTrades.ts";
import type { ReferralResponse } from "../../../src/api/info/referral.ts";
import type { SpotClearinghouseStateResponse } from "../../../src/api/info/spotClearinghouseState.ts";
import type { SpotMetaResponse } from "../../../src/api/info/spotMeta.ts";
import type { SpotMetaAndAssetCtxsResponse } from "../../../src/api/info/spotMetaAndAssetCtxs.ts";
import type { SubAccountsResponse } from "../../../src/api/info/subAccounts.ts";
import type { SubAccounts2Response } from "../../../src/api/info/subAccounts2.ts";
import type { TwapHistoryResponse } from "../../../src/api/info/twapHistory.ts";
import type { UserAbstractionResponse } from "../../../src/api/info/userAbstraction.ts";
import type { UserFeesResponse } from "../../../src/api/info/userFees.ts";
import type { UserFillsResponse } from "../../../src/api/info/userFills.ts";
import type { UserFillsByTimeResponse } from "../../../src/api/info/userFillsByTime.ts";
import type { UserFundingResponse } from "../../../src/api/info/userFunding.ts";
import type { UserNonFundingLedgerUpdatesResponse } from "../../../src/api/info/userNonFundingLedgerUpdates.ts";
import type { UserRateLimitResponse } from "../../../src/api/info/userRateLimit.ts";
import type { UserRoleResponse } from "../../../src/api/info/userRole.ts";
import type { UserToMultiSigSignersResponse } from "../../../src/api/info/userToMultiSigSigners.ts";
import type { UserTwapSliceFillsResponse } from "../../../src/api/info/userTwapSliceFills.ts";
import type { UserTwapSliceFillsByTimeResponse } from "../../../src/api/info/userTwapSliceFillsByTime.ts";
import type { UserVaultEquitiesResponse } from "../../../src/api/info/userVaultEquities.ts";
import type { VaultSummariesResponse } from "../../../src/api/info/vaultSummaries.ts";
import type { VaultDetailsResponseBody } from "../../../src/api/info/vaultDetails.ts";
import type { WebData2Response } from "../../../src/api/info/webData2.ts";
import type { InfoContext } from "../../../src/api/context.ts";
import { ALICE, ASK_CLOID, BOB, BUILDER, buildFixture, CAROL, DAVE, T0 } from "./_fixture.ts";

// ===== Compile time: ours → theirs

/** `[ours, the SDK's]` per type. */
interface Pairs {
  activeAssetData: [ActiveAssetDataResponse, nk.ActiveAssetDataResponse];
  allMids: [AllMidsResponse, nk.AllMidsResponse];
  allPerpMetas: [AllPerpMetasResponse, nk.AllPerpMetasResponse];
  approvedBuilders: [ApprovedBuildersResponse, nk.ApprovedBuildersResponse];
  candleSnapshot: [CandleSnapshotResponse, nk.CandleSnapshotResponse];
  clearinghouseState: [ClearinghouseStateResponse, nk.ClearinghouseStateResponse];
  exchangeStatus: [ExchangeStatusResponse, nk.ExchangeStatusResponse];
  extraAgents: [ExtraAgentsResponse, nk.ExtraAgentsResponse];
  frontendOpenOrders: [FrontendOpenOrdersResponse, nk.FrontendOpenOrdersResponse];
  fundingHistory: [FundingHistoryResponse, nk.FundingHistoryResponse];
  historicalOrders: [HistoricalOrdersResponse, nk.HistoricalOrdersResponse];
  l2Book: [L2BookResponse, nk.L2BookResponse];
  leadingVaults: [LeadingVaultsResponse, nk.LeadingVaultsResponse];
  marginTable: [MarginTableResponse, nk.MarginTableResponse];
  maxBuilderFee: [MaxBuilderFeeResponse, nk.MaxBuilderFeeResponse];
  meta: [MetaResponse, nk.MetaResponse];
  metaAndAssetCtxs: [MetaAndAssetCtxsResponse, nk.MetaAndAssetCtxsResponse];
  openOrders: [OpenOrdersResponse, nk.OpenOrdersResponse];
  orderStatus: [OrderStatusResponse, nk.OrderStatusResponse];
  outcomeMeta: [OutcomeMetaResponse, nk.OutcomeMetaResponse];
  perpDexs: [PerpDexsResponse, nk.PerpDexsResponse];
  perpsAtOpenInterestCap: [PerpsAtOpenInterestCapResponse, nk.PerpsAtOpenInterestCapResponse];
  predictedFundings: [PredictedFundingsResponse, nk.PredictedFundingsResponse];
  recentTrades: [RecentTradesResponse, nk.RecentTradesResponse];
  referral: [ReferralResponse, nk.ReferralResponse];
  spotClearinghouseState: [SpotClearinghouseStateResponse, nk.SpotClearinghouseStateResponse];
  spotMeta: [SpotMetaResponse, nk.SpotMetaResponse];
  spotMetaAndAssetCtxs: [SpotMetaAndAssetCtxsResponse, nk.SpotMetaAndAssetCtxsResponse];
  subAccounts: [SubAccountsResponse, nk.SubAccountsResponse];
  subAccounts2: [SubAccounts2Response, nk.SubAccounts2Response];
  twapHistory: [TwapHistoryResponse, nk.TwapHistoryResponse];
  userAbstraction: [UserAbstractionResponse, nk.UserAbstractionResponse];
  userFees: [UserFeesResponse, nk.UserFeesResponse];
  userFills: [UserFillsResponse, nk.UserFillsResponse];
  userFillsByTime: [UserFillsByTimeResponse, nk.UserFillsByTimeResponse];
  userFunding: [UserFundingResponse, nk.UserFundingResponse];
  userNonFundingLedgerUpdates: [UserNonFundingLedgerUpdatesResponse, nk.UserNonFundingLedgerUpdatesResponse];
  userRateLimit: [UserRateLimitResponse, nk.UserRateLimitResponse];
  userRole: [UserRoleResponse, nk.UserRoleResponse];
  userToMultiSigSigners: [UserToMultiSigSignersResponse, nk.UserToMultiSigSignersResponse];
  userTwapSliceFills: [UserTwapSliceFillsResponse, nk.UserTwapSliceFillsResponse];
  userTwapSliceFillsByTime: [UserTwapSliceFillsByTimeResponse, nk.UserTwapSliceFillsByTimeResponse];
  userVaultEquities: [UserVaultEquitiesResponse, nk.UserVaultEquitiesResponse];
  vaultDetails: [VaultDetailsResponseBody, nk.VaultDetailsResponse]; // ours is this or null (the SDK omits null)
  vaultSummaries: [VaultSummariesResponse, nk.VaultSummariesResponse];
  webData2: [WebData2Response, nk.WebData2Response];
}

/** `true` where ours is assignable to theirs; `false` makes the object below fail to compile. */
type Fits = { [K in keyof Pairs]: [Pairs[K][0]] extends [Pairs[K][1]] ? true : false };

const FITS: Fits = {
  activeAssetData: true,
  allMids: true,
  allPerpMetas: true,
  approvedBuilders: true,
  candleSnapshot: true,
  clearinghouseState: true,
  exchangeStatus: true,
  extraAgents: true,
  frontendOpenOrders: true,
  fundingHistory: true,
  historicalOrders: true,
  l2Book: true,
  leadingVaults: true,
  marginTable: true,
  maxBuilderFee: true,
  meta: true,
  metaAndAssetCtxs: true,
  openOrders: true,
  orderStatus: true,
  outcomeMeta: true,
  perpDexs: true,
  perpsAtOpenInterestCap: true,
  predictedFundings: true,
  recentTrades: true,
  referral: true,
  spotClearinghouseState: true,
  spotMeta: true,
  spotMetaAndAssetCtxs: true,
  subAccounts: true,
  subAccounts2: true,
  twapHistory: true,
  userAbstraction: true,
  userFees: true,
  userFills: true,
  userFillsByTime: true,
  userFunding: true,
  userNonFundingLedgerUpdates: true,
  userRateLimit: true,
  userRole: true,
  userToMultiSigSigners: true,
  userTwapSliceFills: true,
  userTwapSliceFillsByTime: true,
  userVaultEquities: true,
  vaultDetails: true,
  vaultSummaries: true,
  webData2: true,
};

test("every registered type has its response type checked against the SDK's", () => {
  assert.deepEqual(Object.keys(FITS).sort(), Object.keys(INFO_TYPES).sort());
});

// ===== Run time: the SDK's client against handleInfo

/** nktkas's transport interface, answered in process through JSON as a socket would. */
function transportOf(ctx: InfoContext, seen: unknown[] = []) {
  return {
    isTestnet: false,
    async request<T>(endpoint: string, payload: unknown): Promise<T> {
      assert.equal(endpoint, "info");
      const body: unknown = JSON.parse(JSON.stringify(payload));
      seen.push(body);
      const answer = handleInfo(ctx, body);
      if (answer.status !== 200) throw new Error(`${JSON.stringify(body)} → ${answer.status} ${answer.text}`);
      return JSON.parse(JSON.stringify(answer.json)) as T;
    },
  };
}

/** What handleInfo answers directly, through JSON. */
function direct(ctx: InfoContext, body: unknown): unknown {
  const answer = handleInfo(ctx, body);
  return answer.status === 200 ? JSON.parse(JSON.stringify(answer.json)) : answer;
}

test("InfoClient: every method hyperlocal builds accepts the SDK's requests and answers as handleInfo does", async () => {
  const f = buildFixture();
  const seen: unknown[] = [];
  const info = new InfoClient({ transport: transportOf(f.ctx, seen) });
  const calls: [string, () => Promise<unknown>, unknown][] = [
    ["meta", () => info.meta(), { type: "meta" }],
    ["metaAndAssetCtxs", () => info.metaAndAssetCtxs(), { type: "metaAndAssetCtxs" }],
    ["allPerpMetas", () => info.allPerpMetas(), { type: "allPerpMetas" }],
    ["allMids", () => info.allMids(), { type: "allMids" }],
    ["l2Book", () => info.l2Book({ coin: "SOL", nSigFigs: 5 }), { type: "l2Book", coin: "SOL", nSigFigs: 5 }],
    [
      "candleSnapshot",
      () => info.candleSnapshot({ coin: "SOL", interval: "1h", startTime: 0 }),
      { type: "candleSnapshot", req: { coin: "SOL", interval: "1h", startTime: 0 } },
    ],
    ["recentTrades", () => info.recentTrades({ coin: "SOL" }), { type: "recentTrades", coin: "SOL" }],
    [
      "fundingHistory",
      () => info.fundingHistory({ coin: "BTC", startTime: 0 }),
      { type: "fundingHistory", coin: "BTC", startTime: 0 },
    ],
    ["predictedFundings", () => info.predictedFundings(), { type: "predictedFundings" }],
    ["perpDexs", () => info.perpDexs(), { type: "perpDexs" }],
    ["perpsAtOpenInterestCap", () => info.perpsAtOpenInterestCap(), { type: "perpsAtOpenInterestCap" }],
    ["spotMeta", () => info.spotMeta(), { type: "spotMeta" }],
    ["spotMetaAndAssetCtxs", () => info.spotMetaAndAssetCtxs(), { type: "spotMetaAndAssetCtxs" }],
    ["outcomeMeta", () => info.outcomeMeta(), { type: "outcomeMeta" }],
    ["exchangeStatus", () => info.exchangeStatus(), { type: "exchangeStatus" }],
    ["marginTable", () => info.marginTable({ id: 56 }), { type: "marginTable", id: 56 }],
    ["vaultSummaries", () => info.vaultSummaries(), { type: "vaultSummaries" }],
    ["clearinghouseState", () => info.clearinghouseState({ user: CAROL }), { type: "clearinghouseState", user: CAROL }],
    [
      "spotClearinghouseState",
      () => info.spotClearinghouseState({ user: CAROL }),
      { type: "spotClearinghouseState", user: CAROL },
    ],
    ["openOrders", () => info.openOrders({ user: ALICE }), { type: "openOrders", user: ALICE }],
    ["frontendOpenOrders", () => info.frontendOpenOrders({ user: CAROL }), { type: "frontendOpenOrders", user: CAROL }],
    ["historicalOrders", () => info.historicalOrders({ user: BOB }), { type: "historicalOrders", user: BOB }],
    [
      "orderStatus",
      () => info.orderStatus({ user: ALICE, oid: ASK_CLOID.toUpperCase().replace("0X", "0x") as `0x${string}` }),
      { type: "orderStatus", user: ALICE, oid: ASK_CLOID },
    ],
    [
      "userFills",
      () => info.userFills({ user: BOB, aggregateByTime: true }),
      { type: "userFills", user: BOB, aggregateByTime: true },
    ],
    [
      "userFillsByTime",
      () => info.userFillsByTime({ user: BOB, startTime: T0, reversed: true }),
      { type: "userFillsByTime", user: BOB, startTime: T0, reversed: true },
    ],
    ["userFunding", () => info.userFunding({ user: BOB }), { type: "userFunding", user: BOB }],
    [
      "userNonFundingLedgerUpdates",
      () => info.userNonFundingLedgerUpdates({ user: ALICE }),
      { type: "userNonFundingLedgerUpdates", user: ALICE },
    ],
    ["userRateLimit", () => info.userRateLimit({ user: BOB }), { type: "userRateLimit", user: BOB }],
    ["userFees", () => info.userFees({ user: BOB }), { type: "userFees", user: BOB }],
    ["userRole", () => info.userRole({ user: BOB }), { type: "userRole", user: BOB }],
    [
      "maxBuilderFee",
      () => info.maxBuilderFee({ user: BOB, builder: BUILDER }),
      { type: "maxBuilderFee", user: BOB, builder: BUILDER },
    ],
    ["approvedBuilders", () => info.approvedBuilders({ user: BOB }), { type: "approvedBuilders", user: BOB }],
    ["extraAgents", () => info.extraAgents({ user: BOB }), { type: "extraAgents", user: BOB }],
    [
      "activeAssetData",
      () => info.activeAssetData({ user: BOB, coin: "SOL" }),
      { type: "activeAssetData", user: BOB, coin: "SOL" },
    ],
    ["webData2", () => info.webData2({ user: BOB }), { type: "webData2", user: BOB }],
    ["userAbstraction", () => info.userAbstraction({ user: DAVE }), { type: "userAbstraction", user: DAVE }],
    ["referral", () => info.referral({ user: BOB }), { type: "referral", user: BOB }],
    ["userTwapSliceFills", () => info.userTwapSliceFills({ user: BOB }), { type: "userTwapSliceFills", user: BOB }],
    [
      "userTwapSliceFillsByTime",
      () => info.userTwapSliceFillsByTime({ user: BOB, startTime: 0 }),
      { type: "userTwapSliceFillsByTime", user: BOB, startTime: 0 },
    ],
    ["twapHistory", () => info.twapHistory({ user: BOB }), { type: "twapHistory", user: BOB }],
    ["subAccounts", () => info.subAccounts({ user: BOB }), { type: "subAccounts", user: BOB }],
    ["subAccounts2", () => info.subAccounts2({ user: BOB }), { type: "subAccounts2", user: BOB }],
    ["userVaultEquities", () => info.userVaultEquities({ user: BOB }), { type: "userVaultEquities", user: BOB }],
    ["leadingVaults", () => info.leadingVaults({ user: BOB }), { type: "leadingVaults", user: BOB }],
    [
      "vaultDetails",
      () => info.vaultDetails({ vaultAddress: BOB }),
      { type: "vaultDetails", vaultAddress: BOB, user: null },
    ],
    [
      "userToMultiSigSigners",
      () => info.userToMultiSigSigners({ user: BOB }),
      { type: "userToMultiSigSigners", user: BOB },
    ],
  ];
  assert.deepEqual(calls.map(([type]) => type).sort(), Object.keys(INFO_TYPES).sort(), "every type is called");
  for (const [type, call, body] of calls) {
    assert.deepEqual(await call(), direct(f.ctx, body), type);
  }
  assert.equal(seen.length, calls.length);
});

test("SymbolConverter.create (meta, spotMeta, outcomeMeta at start-up) maps names to asset ids and size decimals", async () => {
  const f = buildFixture();
  const seen: unknown[] = [];
  const symbols = await SymbolConverter.create({ transport: transportOf(f.ctx, seen) });
  assert.deepEqual((seen as { type: string }[]).map((b) => b.type).sort(), ["meta", "outcomeMeta", "spotMeta"]);
  assert.equal(symbols.getAssetId("BTC"), 0);
  assert.equal(symbols.getAssetId("SOL"), 5);
  assert.equal(symbols.getSzDecimals("SOL"), 2);
  assert.equal(symbols.getAssetId("NOPE"), undefined);
});
