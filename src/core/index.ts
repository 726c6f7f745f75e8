/**
 * @module core
 * The deterministic core's public surface. Outer layers import from here only.
 */

export type * from "./command.ts";
export type * from "./event.ts";
export type * from "./ids.ts";
export { FIRST_OID, FIRST_TID } from "./ids.ts";
export { Engine, type EngineOptions } from "./engine.ts";
export type { EngineSnapshot } from "./state.ts";
export { checksum } from "./state.ts";
export { Book, BookSide, Level, bookOrder, type BookOrder, type NewBookOrder } from "./book/book.ts";
export { match, type MatchHooks, type Taker, type MakerExit } from "./book/match.ts";
export { depth, bucketPrice, validDepthOptions, type DepthLevel, type DepthOptions } from "./book/depth.ts";
export { DEFAULT_PERPS, Universe, type Market, type MarketConfig } from "./markets/universe.ts";
export { formatUnits, parseUnits, pow10, priceHasValidFigures } from "./num.ts";
export { firesAbove, triggerOrderType } from "./book/triggers.ts";
export { direction } from "./clearinghouse/settle.ts";
export type { Leverage } from "./clearinghouse/account.ts";
export {
  holdingEquity,
  VAULT_LEADER_COMMISSION_PERCENT,
  type Vault,
  type VaultFollower,
} from "./clearinghouse/vaults.ts";
export type { AccountRisk, PositionRisk } from "./clearinghouse/margin.ts";
export type { AssetContext, LiveOrder } from "./engine.ts";
export { rejectText, ORDER_REJECTS, CANCEL_REJECTS, ACTION_REJECTS, type Reject, type RejectCode } from "./reject.ts";
export {
  DEFAULT_SPOT_PAIRS,
  DEFAULT_SPOT_TOKENS,
  isSpotAsset,
  SPOT_ASSET_OFFSET,
  SPOT_MAKER_FEE,
  SPOT_TAKER_FEE,
  type SpotBalance,
  type SpotMarket,
  type SpotTokenDef,
  USDC_TOKEN,
} from "./spot/spot.ts";
