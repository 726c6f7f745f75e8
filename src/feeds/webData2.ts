/**
 * @module feeds/webData2
 * `webData2` `{type, user}`: exactly /info `webData2`'s answer (clearinghouse state, open orders, meta, asset
 * contexts, agent, cumulative ledger, `serverTime`, lowercase `user`...). Sent on subscribe and re-sent in full every
 * `CADENCE_MS.userState` ms. Hyperliquid reportedly now refuses it in favour of `webData3`, but the Python
 * SDK and @nktkas 0.32.2 still subscribe, so hyperlocal serves it.
 * @see hyperliquid-api.md §1.7 (webData2 note), §1.8 (cadence), §4.4 webData2
 */

import * as v from "valibot";
import { webData2 as infoWebData2 } from "../api/info/webData2.ts";
import { Address } from "../api/primitives.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";
import { cadenceMs } from "./l2Book.ts";

export const WebData2Subscription = v.object({ type: v.literal("webData2"), user: Address });

export type WebData2Sub = v.InferOutput<typeof WebData2Subscription>;

function push(ctx: FeedContext, sub: WebData2Sub): Push {
  return { channel: "webData2", data: infoWebData2(ctx, sub) };
}

export const webData2: ChannelSpec<WebData2Sub> = {
  type: "webData2",
  schema: WebData2Subscription,
  users: (sub) => [sub.user],
  snapshot: push,
  periodic: { intervalMs: (_sub, cadence) => cadenceMs("userState", cadence), push },
};
