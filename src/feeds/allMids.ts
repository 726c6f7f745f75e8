/**
 * @module feeds/allMids
 * `allMids` `{type}` (or `{type, dex}` for a named dex): the full coin → mid map of /info `allMids` as
 * `{mids}`; the `dex` key is omitted for the first perp dex (absent, `null` and `""` all normalize to no key), because
 * @nktkas/hyperliquid routes on `data.dex === sent dex` with `undefined` for the main dex. Hyperlocal has only the
 * first perp dex, so any other dex is an invalid subscription. Sent on subscribe and every `CADENCE_MS.allMids`
 * ms, changed or not (Hyperliquid measured ≈ 5 s; 1 s locally).
 * @see hyperliquid-api.md §1.7 (allMids payload and routing), §1.8 (cadence), §4.4 allMids
 */

import * as v from "valibot";
import { allMids as infoAllMids } from "../api/info/allMids.ts";
import { InfoRejection } from "../api/info/_schemas.ts";
import type { ChannelSpec, FeedContext, Push } from "./channel.ts";
import { cadenceMs } from "./l2Book.ts";

export const AllMidsSubscription = v.pipe(
  v.object({ type: v.literal("allMids"), dex: v.optional(v.nullable(v.string())) }),
  v.transform(({ dex }): { type: "allMids"; dex?: string } =>
    dex === undefined || dex === null || dex === "" ? { type: "allMids" } : { type: "allMids", dex },
  ),
);

export type AllMidsSub = v.InferOutput<typeof AllMidsSubscription>;

function push(ctx: FeedContext, sub: AllMidsSub): Push | undefined {
  const mids = infoAllMids(ctx, { type: "allMids", dex: sub.dex });
  if (mids instanceof InfoRejection) return undefined;
  return { channel: "allMids", data: sub.dex === undefined ? { mids } : { dex: sub.dex, mids } };
}

export const allMids: ChannelSpec<AllMidsSub> = {
  type: "allMids",
  schema: AllMidsSubscription,
  invalid: (_ctx, sub) =>
    sub.dex === undefined ? undefined : `unknown perp dex ${JSON.stringify(sub.dex)} (hyperlocal has only "")`,
  snapshot: push,
  periodic: { intervalMs: (_sub, cadence) => cadenceMs("allMids", cadence), push },
};
