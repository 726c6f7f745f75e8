/**
 * @module feeds
 * The WebSocket subscription catalogue: subscription `type` → its {@link ChannelSpec} (each file is named after its
 * type), and the types Hyperliquid has that hyperlocal does not serve yet. Data channel names equal the type except
 * `userEvents`, whose data channel is `user`, and `activeAssetCtx` on a spot coin, whose data channel is
 * `activeSpotAssetCtx`. {@link CADENCE_MS} holds every periodic channel's default push interval; a server overrides them per hub.
 * @see hyperliquid-api.md §1.7 (catalogue), §1.8 (cadence)
 */

import type { ChannelSpec } from "./channel.ts";
import { activeAssetCtx } from "./activeAssetCtx.ts";
import { activeAssetData } from "./activeAssetData.ts";
import { allMids } from "./allMids.ts";
import { assetCtxs } from "./assetCtxs.ts";
import { bbo } from "./bbo.ts";
import { candle } from "./candle.ts";
import { clearinghouseState } from "./clearinghouseState.ts";
import { l2Book } from "./l2Book.ts";
import { notification } from "./notification.ts";
import { openOrders } from "./openOrders.ts";
import { orderUpdates } from "./orderUpdates.ts";
import { spotAssetCtxs } from "./spotAssetCtxs.ts";
import { spotState } from "./spotState.ts";
import { trades } from "./trades.ts";
import { twapStates } from "./twapStates.ts";
import { userEvents } from "./userEvents.ts";
import { userFills } from "./userFills.ts";
import { userFundings } from "./userFundings.ts";
import { userHistoricalOrders } from "./userHistoricalOrders.ts";
import { userNonFundingLedgerUpdates } from "./userNonFundingLedgerUpdates.ts";
import { userTwapHistory } from "./userTwapHistory.ts";
import { userTwapSliceFills } from "./userTwapSliceFills.ts";
import { webData2 } from "./webData2.ts";
import { webData3 } from "./webData3.ts";

export type { Cadence } from "./channel.ts";
export { CADENCE_MS } from "./l2Book.ts";

/** Every subscription type hyperlocal serves. Adding one: its file, one line here, its test. */
// biome-ignore lint/suspicious/noExplicitAny: each spec has its own normalized subscription type.
export const CHANNELS: Readonly<Record<string, ChannelSpec<any>>> = {
  activeAssetCtx,
  activeAssetData,
  allMids,
  assetCtxs,
  bbo,
  candle,
  clearinghouseState,
  l2Book,
  notification,
  openOrders,
  orderUpdates,
  spotAssetCtxs,
  spotState,
  trades,
  twapStates,
  userEvents,
  userFills,
  userFundings,
  userHistoricalOrders,
  userNonFundingLedgerUpdates,
  userTwapHistory,
  userTwapSliceFills,
  webData2,
  webData3,
};

/** Types Hyperliquid serves that hyperlocal does not yet (HIP-3 dexes, outcomes, compressed contexts). */
export const NOT_BUILT_CHANNELS: readonly string[] = [
  "allDexsClearinghouseState",
  "allDexsAssetCtxs",
  "outcomeMetaUpdates",
  "fastAssetCtxs",
];
