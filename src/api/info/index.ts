/**
 * @module api/info
 * The /info catalogue: wire `type` → request schema and handler, one line per type (each file is named after its
 * type), and `handleInfo`, the pure function the HTTP and WebSocket `post` layers call with the parsed JSON body.
 * Unknown types and bodies that do not fit their schema answer HTTP 422 with Hyperliquid's exact text; a type that
 * exists on Hyperliquid but not yet in hyperlocal answers 422 saying so, never a made-up answer. Handlers never throw
 * for a client mistake: a request that parses but names something hyperlocal lacks comes back as an `InfoRejection`.
 * @see hyperliquid-api.md §0.1 (HTTP-level errors), §4 (info endpoint), architecture §8.3 (adding a type)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { InfoRejection } from "./_schemas.ts";
import { ActiveAssetDataRequest, activeAssetData } from "./activeAssetData.ts";
import { AllMidsRequest, allMids } from "./allMids.ts";
import { AllPerpMetasRequest, allPerpMetas } from "./allPerpMetas.ts";
import { ApprovedBuildersRequest, approvedBuilders } from "./approvedBuilders.ts";
import { CandleSnapshotRequest, candleSnapshot } from "./candleSnapshot.ts";
import { ClearinghouseStateRequest, clearinghouseState } from "./clearinghouseState.ts";
import { ExchangeStatusRequest, exchangeStatus } from "./exchangeStatus.ts";
import { ExtraAgentsRequest, extraAgents } from "./extraAgents.ts";
import { FrontendOpenOrdersRequest, frontendOpenOrders } from "./frontendOpenOrders.ts";
import { FundingHistoryRequest, fundingHistory } from "./fundingHistory.ts";
import { HistoricalOrdersRequest, historicalOrders } from "./historicalOrders.ts";
import { L2BookRequest, l2Book } from "./l2Book.ts";
import { LeadingVaultsRequest, leadingVaults } from "./leadingVaults.ts";
import { MarginTableRequest, marginTable } from "./marginTable.ts";
import { MaxBuilderFeeRequest, maxBuilderFee } from "./maxBuilderFee.ts";
import { MetaRequest, meta } from "./meta.ts";
import { MetaAndAssetCtxsRequest, metaAndAssetCtxs } from "./metaAndAssetCtxs.ts";
import { OpenOrdersRequest, openOrders } from "./openOrders.ts";
import { OrderStatusRequest, orderStatus } from "./orderStatus.ts";
import { OutcomeMetaRequest, outcomeMeta } from "./outcomeMeta.ts";
import { PerpDexsRequest, perpDexs } from "./perpDexs.ts";
import { PerpsAtOpenInterestCapRequest, perpsAtOpenInterestCap } from "./perpsAtOpenInterestCap.ts";
import { PredictedFundingsRequest, predictedFundings } from "./predictedFundings.ts";
import { RecentTradesRequest, recentTrades } from "./recentTrades.ts";
import { ReferralRequest, referral } from "./referral.ts";
import { SpotClearinghouseStateRequest, spotClearinghouseState } from "./spotClearinghouseState.ts";
import { SpotMetaRequest, spotMeta } from "./spotMeta.ts";
import { SpotMetaAndAssetCtxsRequest, spotMetaAndAssetCtxs } from "./spotMetaAndAssetCtxs.ts";
import { SubAccountsRequest, subAccounts } from "./subAccounts.ts";
import { SubAccounts2Request, subAccounts2 } from "./subAccounts2.ts";
import { TwapHistoryRequest, twapHistory } from "./twapHistory.ts";
import { UserAbstractionRequest, userAbstraction } from "./userAbstraction.ts";
import { UserFeesRequest, userFees } from "./userFees.ts";
import { UserFillsRequest, userFills } from "./userFills.ts";
import { UserFillsByTimeRequest, userFillsByTime } from "./userFillsByTime.ts";
import { UserFundingRequest, userFunding } from "./userFunding.ts";
import { UserNonFundingLedgerUpdatesRequest, userNonFundingLedgerUpdates } from "./userNonFundingLedgerUpdates.ts";
import { UserRateLimitRequest, userRateLimit } from "./userRateLimit.ts";
import { UserRoleRequest, userRole } from "./userRole.ts";
import { UserToMultiSigSignersRequest, userToMultiSigSigners } from "./userToMultiSigSigners.ts";
import { UserTwapSliceFillsRequest, userTwapSliceFills } from "./userTwapSliceFills.ts";
import { UserTwapSliceFillsByTimeRequest, userTwapSliceFillsByTime } from "./userTwapSliceFillsByTime.ts";
import { UserVaultEquitiesRequest, userVaultEquities } from "./userVaultEquities.ts";
import { VaultSummariesRequest, vaultSummaries } from "./vaultSummaries.ts";
import { VaultDetailsRequest, vaultDetails } from "./vaultDetails.ts";
import { WebData2Request, webData2 } from "./webData2.ts";

export { InfoRejection } from "./_schemas.ts";

/** One /info type: its request schema, and the handler of a request that passed it. */
export interface InfoEntry {
  readonly schema: v.GenericSchema;
  /** The answer (JSON-serialisable), or an `InfoRejection`. `req` is the schema's output. */
  readonly handle: (ctx: InfoContext, req: unknown) => unknown;
}

/** Declares an entry; the handler's request type is the schema's output. */
function entry<S extends v.GenericSchema>(
  schema: S,
  handle: (ctx: InfoContext, req: v.InferOutput<S>) => unknown,
): InfoEntry {
  return { schema, handle: (ctx, req) => handle(ctx, req as v.InferOutput<S>) };
}

/** Every /info type hyperlocal answers. Adding a type: its file, one line here, its test (architecture §8.3). */
export const INFO_TYPES: Readonly<Record<string, InfoEntry>> = {
  activeAssetData: entry(ActiveAssetDataRequest, activeAssetData),
  allMids: entry(AllMidsRequest, allMids),
  allPerpMetas: entry(AllPerpMetasRequest, allPerpMetas),
  approvedBuilders: entry(ApprovedBuildersRequest, approvedBuilders),
  candleSnapshot: entry(CandleSnapshotRequest, candleSnapshot),
  clearinghouseState: entry(ClearinghouseStateRequest, clearinghouseState),
  exchangeStatus: entry(ExchangeStatusRequest, exchangeStatus),
  extraAgents: entry(ExtraAgentsRequest, extraAgents),
  frontendOpenOrders: entry(FrontendOpenOrdersRequest, frontendOpenOrders),
  fundingHistory: entry(FundingHistoryRequest, fundingHistory),
  historicalOrders: entry(HistoricalOrdersRequest, historicalOrders),
  l2Book: entry(L2BookRequest, l2Book),
  leadingVaults: entry(LeadingVaultsRequest, leadingVaults),
  marginTable: entry(MarginTableRequest, marginTable),
  maxBuilderFee: entry(MaxBuilderFeeRequest, maxBuilderFee),
  meta: entry(MetaRequest, meta),
  metaAndAssetCtxs: entry(MetaAndAssetCtxsRequest, metaAndAssetCtxs),
  openOrders: entry(OpenOrdersRequest, openOrders),
  orderStatus: entry(OrderStatusRequest, orderStatus),
  outcomeMeta: entry(OutcomeMetaRequest, outcomeMeta),
  perpDexs: entry(PerpDexsRequest, perpDexs),
  perpsAtOpenInterestCap: entry(PerpsAtOpenInterestCapRequest, perpsAtOpenInterestCap),
  predictedFundings: entry(PredictedFundingsRequest, predictedFundings),
  recentTrades: entry(RecentTradesRequest, recentTrades),
  referral: entry(ReferralRequest, referral),
  spotClearinghouseState: entry(SpotClearinghouseStateRequest, spotClearinghouseState),
  spotMeta: entry(SpotMetaRequest, spotMeta),
  spotMetaAndAssetCtxs: entry(SpotMetaAndAssetCtxsRequest, spotMetaAndAssetCtxs),
  subAccounts: entry(SubAccountsRequest, subAccounts),
  subAccounts2: entry(SubAccounts2Request, subAccounts2),
  twapHistory: entry(TwapHistoryRequest, twapHistory),
  userAbstraction: entry(UserAbstractionRequest, userAbstraction),
  userFees: entry(UserFeesRequest, userFees),
  userFills: entry(UserFillsRequest, userFills),
  userFillsByTime: entry(UserFillsByTimeRequest, userFillsByTime),
  userFunding: entry(UserFundingRequest, userFunding),
  userNonFundingLedgerUpdates: entry(UserNonFundingLedgerUpdatesRequest, userNonFundingLedgerUpdates),
  userRateLimit: entry(UserRateLimitRequest, userRateLimit),
  userRole: entry(UserRoleRequest, userRole),
  userToMultiSigSigners: entry(UserToMultiSigSignersRequest, userToMultiSigSigners),
  userTwapSliceFills: entry(UserTwapSliceFillsRequest, userTwapSliceFills),
  userTwapSliceFillsByTime: entry(UserTwapSliceFillsByTimeRequest, userTwapSliceFillsByTime),
  userVaultEquities: entry(UserVaultEquitiesRequest, userVaultEquities),
  vaultDetails: entry(VaultDetailsRequest, vaultDetails),
  vaultSummaries: entry(VaultSummariesRequest, vaultSummaries),
  webData2: entry(WebData2Request, webData2),
};

/**
 * Types that exist on Hyperliquid (hyperliquid-api.md §4.4, nktkas 0.33.3) and that hyperlocal does not build yet:
 * staking, lending, deployment auctions, annotations, outcome templates, portfolio history and the
 * like. They answer 422 with a clear text rather than something invented.
 */
export const UNSUPPORTED_INFO_TYPES: ReadonlySet<string> = new Set([
  "allBorrowLendReserveStates",
  "borrowLendReserveState",
  "borrowLendUserState",
  "delegations",
  "delegatorHistory",
  "delegatorRewards",
  "delegatorSummary",
  "gossipPriorityAuctionStatus",
  "gossipRootIps",
  "isVip",
  "legalCheck",
  "liquidatable",
  "maxMarketOrderNtls",
  "outcomeTemplates",
  "perpAnnotation",
  "perpCategories",
  "perpConciseAnnotations",
  "perpDeployAuctionStatus",
  "perpDexLimits",
  "perpDexStatus",
  "portfolio",
  "preTransferCheck",
  "settledOutcome",
  "spotDeployState",
  "spotPairDeployAuctionStatus",
  "tokenDetails",
  "usdcRouting",
  "userBorrowLendInterest",
  "userDexAbstraction",
  "validatorL1Votes",
  "validatorSummaries",
]);

/** What POST /info answers: JSON with HTTP 200, or a plain-text 422. */
export type InfoAnswer = { status: 200; json: unknown } | { status: 422; text: string };

/** Hyperliquid's text for a body that does not fit any request (exact, 56 bytes). @see hyperliquid-api.md §0.1 */
export const DESERIALIZE_FAILURE = "Failed to deserialize the JSON body into the target type";

const FAILED: InfoAnswer = { status: 422, text: DESERIALIZE_FAILURE };

function refused(detail: string): InfoAnswer {
  return { status: 422, text: `${DESERIALIZE_FAILURE}: ${detail}` };
}

/** Answers one /info request. `body` is the parsed JSON body. Never throws for a client mistake. */
export function handleInfo(ctx: InfoContext, body: unknown): InfoAnswer {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return FAILED;
  const type: unknown = (body as { type?: unknown }).type;
  if (typeof type !== "string") return FAILED;
  if (!Object.hasOwn(INFO_TYPES, type)) {
    return UNSUPPORTED_INFO_TYPES.has(type)
      ? refused(`info type ${JSON.stringify(type)} is not supported by hyperlocal yet`)
      : FAILED;
  }
  const info = INFO_TYPES[type] as InfoEntry;
  const parsed = v.safeParse(info.schema, body);
  if (!parsed.success) return FAILED;
  const answer = info.handle(ctx, parsed.output);
  return answer instanceof InfoRejection ? refused(answer.detail) : { status: 200, json: answer };
}
