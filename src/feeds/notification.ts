/**
 * @module feeds/notification
 * `notification` `{type, user}`: no snapshot; `{notification: string}`. Hyperlocal notifies what the 3P capture
 * shows, a resting order of the user being filled: `"Resting order filled: Bought 2 SOL at $102"` (`Bought` for a
 * bid, `Sold` for an ask; size and price printed without a trailing `.0`, as in "Sold 7262 MON at $0.023038"). The
 * size is what the order filled in the tick, the price the average of those fills. The wording for a partial fill
 * and the other notifications Hyperliquid sends are UNCERTAIN; one push per tick (the contract's limit), so of
 * several resting orders filled in one tick only the first is notified.
 * @see hyperliquid-api.md §1.7 (notification payload)
 */

import * as v from "valibot";
import { marketsOf } from "../api/info/_markets.ts";
import { Address } from "../api/primitives.ts";
import { formatAveragePrice, formatSize } from "../api/wire.ts";
import type { ChannelSpec } from "./channel.ts";

export const NotificationSubscription = v.object({ type: v.literal("notification"), user: Address });

export type NotificationSub = v.InferOutput<typeof NotificationSubscription>;

/** A decimal without its trailing `.0`. */
function plain(decimal: string): string {
  return decimal.endsWith(".0") ? decimal.slice(0, -2) : decimal;
}

export const notification: ChannelSpec<NotificationSub> = {
  type: "notification",
  schema: NotificationSubscription,
  users: (sub) => [sub.user],
  onTick: (ctx, sub, tick) => {
    let oid: number | undefined;
    let asset = 0;
    let isBuy = false;
    let size = 0;
    let notional = 0;
    for (const e of tick.events) {
      if (e.type !== "fill" || e.maker.user !== sub.user) continue;
      if (oid === undefined) {
        oid = e.maker.oid;
        asset = e.asset;
        isBuy = !e.takerIsBuy;
      }
      if (e.maker.oid !== oid) continue;
      size += e.size;
      notional += e.price * e.size;
    }
    const market = marketsOf(ctx.engine).get(asset);
    if (oid === undefined || market === undefined) return undefined;
    const px = plain(formatAveragePrice(market, notional, size));
    const text = `Resting order filled: ${isBuy ? "Bought" : "Sold"} ${plain(formatSize(market, size))} ${market.name} at $${px}`;
    return { channel: "notification", data: { notification: text } };
  },
};
