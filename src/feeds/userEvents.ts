/**
 * @module feeds/userEvents
 * `userEvents` `{type, user}`, whose data channel is **`user`** (not the type): no snapshot; per tick one frame per
 * kind, as Hyperliquid sends them: `{fills: UserFill[]}`, then each `{liquidation: {...}}`, then
 * `{nonUserCancel: [{coin, oid}]}`, then one `{funding: {...}}` per payment, then `{twapHistory: TwapHistory[]}` (status
 * changes of the user's TWAPs) and `{twapSliceFills: [{fill, twapId}]}` (slice fills, also among `fills`).
 *
 * Choices where Hyperliquid is not documented: `liquidation.lid` is the liquidation's time (hyperlocal has no
 * liquidation id), sent to the liquidated user and to the liquidator; `nonUserCancel` lists the user's orders canceled
 * by the system in the tick (statuses `marginCanceled`, `liquidatedCanceled`, `selfTradeCanceled`,
 * `reduceOnlyCanceled`, `siblingFilledCanceled`; `scheduledCancel` is the user's own dead man's switch and excluded).
 * @see hyperliquid-api.md §1.7 (user payload), §4.3 UserFill
 */

import * as v from "valibot";
import { marketsOf } from "../api/info/_markets.ts";
import { userFills as wireFills } from "../api/info/_shapes.ts";
import { Address, type Hex } from "../api/primitives.ts";
import { formatUsd } from "../api/wire.ts";
import type { OrderStatus } from "../core/index.ts";
import type { ChannelSpec, Push } from "./channel.ts";
import { fillRecordsOf } from "./userFills.ts";
import { fundingsOf } from "./userFundings.ts";
import { twapHistoryOf } from "./userTwapHistory.ts";
import { twapSliceFillsOf } from "./userTwapSliceFills.ts";

export const UserEventsSubscription = v.object({ type: v.literal("userEvents"), user: Address });

export type UserEventsSub = v.InferOutput<typeof UserEventsSubscription>;

/** The data channel of `userEvents`. */
export const USER_EVENTS_CHANNEL = "user";

/** Statuses of a cancel the user did not ask for. */
export const NON_USER_CANCELS: ReadonlySet<OrderStatus> = new Set<OrderStatus>([
  "marginCanceled",
  "liquidatedCanceled",
  "selfTradeCanceled",
  "reduceOnlyCanceled",
  "siblingFilledCanceled",
]);

export interface WsLiquidation {
  lid: number;
  liquidator: Hex;
  liquidated_user: Hex;
  liquidated_ntl_pos: string;
  liquidated_account_value: string;
}

export const userEvents: ChannelSpec<UserEventsSub> = {
  type: "userEvents",
  schema: UserEventsSubscription,
  users: (sub) => [sub.user],
  onTick: (ctx, sub, tick): Push[] | undefined => {
    const universe = ctx.engine.state.universe;
    const markets = marketsOf(ctx.engine);
    const out: Push[] = [];
    const send = (data: unknown) => out.push({ channel: USER_EVENTS_CHANNEL, data });
    const records = fillRecordsOf(tick.events, sub.user);
    if (records.length > 0) send({ fills: wireFills(markets, records, false) });
    for (const e of tick.events) {
      if (e.type !== "liquidation" || (e.user !== sub.user && e.liquidator !== sub.user)) continue;
      const liquidation: WsLiquidation = {
        lid: e.time,
        liquidator: e.liquidator as Hex,
        liquidated_user: e.user as Hex,
        liquidated_ntl_pos: formatUsd(e.notional),
        liquidated_account_value: formatUsd(e.accountValue),
      };
      send({ liquidation });
    }
    const nonUserCancel: { coin: string; oid: number }[] = [];
    for (const e of tick.events) {
      if (e.type !== "orderStatus" || e.order.user !== sub.user || !NON_USER_CANCELS.has(e.status)) continue;
      const market = markets.get(e.order.asset);
      if (market !== undefined) nonUserCancel.push({ coin: market.name, oid: e.order.oid });
    }
    if (nonUserCancel.length > 0) send({ nonUserCancel });
    for (const funding of fundingsOf(universe, tick.events, sub.user)) send({ funding });
    const twapHistory = twapHistoryOf(universe, tick.events, sub.user);
    if (twapHistory.length > 0) send({ twapHistory });
    const twapSliceFills = twapSliceFillsOf(universe, tick.events, sub.user);
    if (twapSliceFills.length > 0) send({ twapSliceFills });
    return out.length === 0 ? undefined : out;
  },
};
