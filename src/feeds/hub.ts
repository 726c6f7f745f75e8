/**
 * @module feeds/hub
 * The subscription hub: topics, their subscribers, and fan-out. A topic is one subscription type plus the canonical
 * JSON of its normalized subscription (the channel schema's output), so `{"type":"l2Book","coin":"BTC"}` and the same
 * with `"nSigFigs":null` are one topic. After each durable tick the hub asks every topic with subscribers for its
 * message once (`onTick`), serialises `{"channel":…,"data":…}` once and hands the same string to every subscriber;
 * cadence channels (`periodic`) share one timer per interval, which pushes every topic of that cadence in one callback
 * (a connection subscribed to several books then gets them in one write), each serialised once as well. Snapshots
 * are computed per new subscriber. The hub never sees sockets: a subscriber is anything with `deliver(frame)`.
 * @see hyperliquid-api.md §1.2 (normalized matching), §1.3 (frames), §1.4 (echo), §1.7, §1.8
 */

import * as v from "valibot";
import type { Cadence, ChannelSpec, FeedContext, Push, TickEvents } from "./channel.ts";

/** Where a topic's frames go (one per WebSocket connection). */
export interface HubSubscriber {
  /**
   * Receives one data frame. Every subscriber of a topic receives the very same string for a push; the receiver may
   * decorate it (sequence numbers) but never re-serialises it.
   */
  deliver(frame: string): void;
}

/** The registry the hub serves: built channels by type, and known types that are not built yet. */
export interface ChannelRegistry {
  readonly channels: Readonly<Record<string, ChannelSpec>>;
  readonly notBuilt?: Iterable<string>;
}

/** A subscription object resolved against the registry. */
export type Resolution =
  | {
      readonly kind: "ok";
      readonly spec: ChannelSpec;
      /** The normalized subscription (schema output). */
      readonly sub: Record<string, unknown>;
      /** Topic identity: type + canonical JSON of `sub`. */
      readonly key: string;
      /** `JSON.stringify(sub)`, in the server's key order (for `Already subscribed: …`). */
      readonly json: string;
      /** What the ack echoes: `sub`, then every key the client sent that `sub` lacks, unchanged (§1.4). */
      readonly echo: Record<string, unknown>;
    }
  /** Not a subscription any channel knows, or fails its schema: the parse error. */
  | { readonly kind: "parse" }
  /** A known Hyperliquid type that hyperlocal does not serve yet. */
  | { readonly kind: "notBuilt"; readonly type: string };

export interface HubOptions {
  /** Receives a channel's failure (a bug in a channel): the topic skips that push, nothing else is affected. */
  readonly onError?: (error: unknown, where: string) => void;
  /** Push intervals (ms) that override the defaults (`CADENCE_MS`) for this hub's topics. */
  readonly cadence?: Partial<Cadence>;
}

interface Topic {
  readonly key: string;
  readonly spec: ChannelSpec;
  readonly sub: Record<string, unknown>;
  readonly subscribers: Set<HubSubscriber>;
  /** The cadence (ms) whose timer pushes this topic, for a periodic topic with subscribers. */
  interval: number | undefined;
}

/** One timer per push interval, for every periodic topic of that cadence. */
interface CadenceTimer {
  readonly timer: NodeJS.Timeout;
  readonly topics: Set<Topic>;
}

/** `{"channel":…,"data":…}` as Hyperliquid writes it. */
export function serializePush(push: Push): string {
  return JSON.stringify({ channel: push.channel, data: push.data });
}

/** JSON with object keys sorted at every level: equal values give equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((x) => canonicalJson(x ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

export class Hub {
  private readonly topics = new Map<string, Topic>();
  private readonly cadences = new Map<number, CadenceTimer>();
  private readonly notBuilt: ReadonlySet<string>;
  private closed = false;

  constructor(
    private readonly ctx: FeedContext,
    private readonly registry: ChannelRegistry,
    private readonly options: HubOptions = {},
  ) {
    this.notBuilt = new Set(registry.notBuilt ?? []);
  }

  /** Resolves a client's subscription object: its channel, normalized form, topic key and ack echo. */
  resolve(subscription: unknown): Resolution {
    if (!isPlainObject(subscription)) return { kind: "parse" };
    const type = subscription.type;
    if (typeof type !== "string") return { kind: "parse" };
    const spec = Object.hasOwn(this.registry.channels, type) ? this.registry.channels[type] : undefined;
    if (spec === undefined) return this.notBuilt.has(type) ? { kind: "notBuilt", type } : { kind: "parse" };
    let parsed: v.SafeParseResult<typeof spec.schema>;
    try {
      parsed = v.safeParse(spec.schema, subscription);
    } catch (error) {
      this.options.onError?.(error, `${type}.schema`);
      return { kind: "parse" };
    }
    if (!parsed.success || !isPlainObject(parsed.output)) return { kind: "parse" };
    const sub = parsed.output;
    const echo: Record<string, unknown> = { ...sub };
    for (const [k, x] of Object.entries(subscription)) {
      // defineProperty, not assignment: a client key named `__proto__` must stay a key of the echo (§1.4).
      if (!Object.hasOwn(echo, k)) Object.defineProperty(echo, k, { value: x, enumerable: true, writable: true });
    }
    return { kind: "ok", spec, sub, key: `${spec.type}:${canonicalJson(sub)}`, json: JSON.stringify(sub), echo };
  }

  /** Why a resolved subscription cannot be served (unknown coin…), or undefined. */
  invalid(r: Extract<Resolution, { kind: "ok" }>): string | undefined {
    try {
      return r.spec.invalid?.(this.ctx, r.sub);
    } catch (error) {
      this.options.onError?.(error, `${r.spec.type}.invalid`);
      return "the channel failed to validate it";
    }
  }

  /** Users a resolved subscription names (lowercase), for the unique-users limit. */
  users(r: Extract<Resolution, { kind: "ok" }>): readonly string[] {
    return r.spec.users?.(r.sub) ?? [];
  }

  /**
   * Adds a subscriber to a topic (creating it, and its timer for a cadence channel) and delivers the snapshot, if the
   * channel has one, to this subscriber only. Call it after sending the ack.
   */
  add(r: Extract<Resolution, { kind: "ok" }>, subscriber: HubSubscriber): void {
    if (this.closed) return;
    let topic = this.topics.get(r.key);
    if (topic === undefined) {
      topic = { key: r.key, spec: r.spec, sub: r.sub, subscribers: new Set(), interval: undefined };
      this.topics.set(r.key, topic);
      this.startTimer(topic);
    }
    topic.subscribers.add(subscriber);
    const snapshot = r.spec.snapshot;
    if (snapshot === undefined) return;
    let push: Push | undefined;
    try {
      push = snapshot(this.ctx, topic.sub);
    } catch (error) {
      this.options.onError?.(error, `${r.spec.type}.snapshot`);
      return;
    }
    if (push !== undefined) subscriber.deliver(serializePush(push));
  }

  /** Removes a subscriber from a topic; the topic (and its timer) goes with its last subscriber. */
  remove(key: string, subscriber: HubSubscriber): void {
    const topic = this.topics.get(key);
    if (topic === undefined) return;
    topic.subscribers.delete(subscriber);
    if (topic.subscribers.size === 0) this.drop(topic);
  }

  /** Pushes one durable tick to every topic with subscribers: one `onTick` and one serialisation per topic. */
  publish(tick: TickEvents): void {
    if (this.closed) return;
    for (const topic of [...this.topics.values()]) {
      const onTick = topic.spec.onTick;
      if (onTick === undefined || topic.subscribers.size === 0) continue;
      let push: Push | readonly Push[] | undefined;
      try {
        push = onTick(this.ctx, topic.sub, tick);
      } catch (error) {
        this.options.onError?.(error, `${topic.spec.type}.onTick`);
        continue;
      }
      if (push === undefined) continue;
      if (isPushList(push)) for (const p of push) this.fanOut(topic, serializePush(p));
      else this.fanOut(topic, serializePush(push));
    }
  }

  /** Topics with at least one subscriber. */
  get topicCount(): number {
    return this.topics.size;
  }

  /** Subscribers of a topic (by key), for tests and stats. */
  subscriberCount(key: string): number {
    return this.topics.get(key)?.subscribers.size ?? 0;
  }

  /** Stops every timer and forgets every topic. */
  close(): void {
    this.closed = true;
    for (const topic of [...this.topics.values()]) this.drop(topic);
  }

  private fanOut(topic: Topic, frame: string): void {
    // A subscriber may unsubscribe (or be cut off) while we deliver: iterate over a copy.
    for (const s of [...topic.subscribers]) s.deliver(frame);
  }

  private startTimer(topic: Topic): void {
    const periodic = topic.spec.periodic;
    if (periodic === undefined) return;
    let interval: number;
    try {
      interval = periodic.intervalMs(topic.sub, this.options.cadence);
    } catch (error) {
      this.options.onError?.(error, `${topic.spec.type}.intervalMs`);
      return;
    }
    const ms = Math.max(1, interval);
    let cadence = this.cadences.get(ms);
    if (cadence === undefined) {
      const topics = new Set<Topic>();
      const timer = setInterval(() => {
        for (const t of [...topics]) this.pushPeriodic(t);
      }, ms);
      timer.unref();
      cadence = { timer, topics };
      this.cadences.set(ms, cadence);
    }
    cadence.topics.add(topic);
    topic.interval = ms;
  }

  /** One periodic push of a topic to its subscribers. */
  private pushPeriodic(topic: Topic): void {
    const periodic = topic.spec.periodic;
    if (periodic === undefined || topic.subscribers.size === 0) return;
    let push: Push | undefined;
    try {
      push = periodic.push(this.ctx, topic.sub);
    } catch (error) {
      this.options.onError?.(error, `${topic.spec.type}.periodic`);
      return;
    }
    if (push !== undefined) this.fanOut(topic, serializePush(push));
  }

  private drop(topic: Topic): void {
    if (topic.interval !== undefined) {
      const cadence = this.cadences.get(topic.interval);
      cadence?.topics.delete(topic);
      if (cadence !== undefined && cadence.topics.size === 0) {
        clearInterval(cadence.timer);
        this.cadences.delete(topic.interval);
      }
      topic.interval = undefined;
    }
    this.topics.delete(topic.key);
  }
}

function isPushList(push: Push | readonly Push[]): push is readonly Push[] {
  return Array.isArray(push);
}
