/**
 * @module test/feeds/_fixture
 * Helpers for the channel tests: the /info fixture (one small exchange history through the real engine), a way to
 * run more commands as one tick and get its events with a history that holds them (as the hub sees a durable tick),
 * and the JSON a client would receive for a push.
 */

import assert from "node:assert/strict";
import * as v from "valibot";
import type { ChannelSpec, FeedContext, Push, TickEvents } from "../../src/feeds/channel.ts";
import type { Harness } from "../helpers/engine.ts";
import { buildFixture, contextOf, type Fixture, historyOf } from "../api/info/_fixture.ts";

export * from "../api/info/_fixture.ts";
export { limit, oidOf, statusesOf, trigger } from "../helpers/engine.ts";

/** The fixture (see test/api/info/_fixture.ts). */
export function fixture(): Fixture {
  return buildFixture();
}

/** Runs commands as one tick: its events, and a context whose history holds them; the clock 1 s after the tick. */
export function tickOf(h: Harness, commands: () => void): { ctx: FeedContext; tick: TickEvents; now: number } {
  const start = h.log.length;
  commands();
  const events = h.log.slice(start);
  const now = h.time + 1000;
  return { ctx: contextOf(h, historyOf(h), now), tick: { time: h.time, events }, now };
}

/** A push as the client sees it (through JSON), or undefined. */
export function json(push: Push | readonly Push[] | undefined): unknown {
  return push === undefined ? undefined : JSON.parse(JSON.stringify(push));
}

/** The normalized subscription, through JSON; fails the test when the schema refuses it. */
export function normalized<S>(spec: ChannelSpec<S>, subscription: unknown): S {
  const parsed = v.safeParse(spec.schema, subscription);
  if (!parsed.success) assert.fail(`${JSON.stringify(subscription)} failed: ${parsed.issues[0]?.message}`);
  return JSON.parse(JSON.stringify(parsed.output)) as S;
}

/** Whether the schema refuses a subscription (the hub's parse error). */
export function refusedBySchema<S>(spec: ChannelSpec<S>, subscription: unknown): boolean {
  return !v.safeParse(spec.schema, subscription).success;
}

/** The normalized subscription as the channel receives it (schema output, not through JSON). */
export function sub<S>(spec: ChannelSpec<S>, subscription: unknown): S {
  return v.parse(spec.schema, subscription);
}
