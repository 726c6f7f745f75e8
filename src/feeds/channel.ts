/**
 * @module feeds/channel
 * The contract every WebSocket subscription type fulfils (one file per type in this folder, registered in
 * `index.ts`). A channel is pure: it reads the engine and the history through the same {@link InfoContext} as /info
 * and never sees sockets. The hub (`hub.ts`) owns subscribers, serialises each message once per topic and sends the
 * same bytes to every subscriber of it.
 * @see hyperliquid-api.md §1.3 (frames), §1.4 (acks), §1.7 (catalogue and payloads), §1.8 (cadence)
 */

import type * as v from "valibot";
import type { Event } from "../core/index.ts";
import type { InfoContext } from "../api/context.ts";

/** What channels read: the engine between commands, the history tables, the clock. */
export type FeedContext = InfoContext;

/** Everything that happened in one sequencer tick (all commands committed together), in order, once durable. */
export interface TickEvents {
  /** Time of the tick's last command (ms). */
  readonly time: number;
  readonly events: readonly Event[];
}

/**
 * Push interval (ms) of each periodic channel kind. The defaults are `CADENCE_MS` (`l2Book.ts`); a server passes its
 * own overrides to the hub (`HubOptions.cadence`), so two servers in one process can differ.
 */
export interface Cadence {
  /** `l2Book` without `fast`. */
  readonly l2Book: number;
  /** `l2Book` with `fast`. */
  readonly l2BookFast: number;
  /** `allMids`. */
  readonly allMids: number;
  /** `activeAssetCtx`, `assetCtxs`. */
  readonly assetCtxs: number;
  /** User state: `clearinghouseState`, `openOrders`, `activeAssetData`, `webData2`, `webData3`. */
  readonly userState: number;
}

/** One data frame's payload for one topic: `{"channel": channel, "data": data}`. */
export interface Push {
  readonly channel: string;
  readonly data: unknown;
}

/**
 * One subscription type. `S` is the normalized subscription (the schema's output: every optional parameter filled
 * with its default, keys in the server's order). Two subscriptions with the same normalized JSON are the same topic.
 */
export interface ChannelSpec<S = Record<string, unknown>> {
  /** The subscription `type`. */
  readonly type: string;
  /**
   * The subscription object's schema (valibot). A frame whose subscription fails it gets the parse error
   * (`Error parsing JSON into valid websocket request: …`).
   */
  readonly schema: v.GenericSchema<unknown, S>;
  /**
   * Why a well-formed subscription cannot be served (unknown coin, bad aggregation): the hub answers
   * `Invalid subscription: <json>`. Undefined when it can be served.
   */
  readonly invalid?: (ctx: FeedContext, sub: S) => string | undefined;
  /** Users the subscription names (lowercase), for the unique-users limit. */
  readonly users?: (sub: S) => readonly string[];
  /** The data sent right after the ack, if this type has a snapshot (§1.7 "snapshot on subscribe"). */
  readonly snapshot?: (ctx: FeedContext, sub: S) => Push | undefined;
  /**
   * What to push for one durable tick, if anything concerns this topic: one frame, or several in order (the
   * `user` channel sends each kind of event as its own frame). Event-driven channels implement this.
   */
  readonly onTick?: (ctx: FeedContext, sub: S, tick: TickEvents) => Push | readonly Push[] | undefined;
  /**
   * Cadence channels (l2Book, bbo, allMids, asset contexts, user state): called every `intervalMs`; returns what to
   * push, or undefined when nothing changed and the channel pushes only on change.
   */
  readonly periodic?: {
    /** The push interval (ms): the server's `cadence` override for the channel's key, else the default. */
    readonly intervalMs: (sub: S, cadence?: Partial<Cadence>) => number;
    readonly push: (ctx: FeedContext, sub: S) => Push | undefined;
  };
}
