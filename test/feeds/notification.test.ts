/**
 * @module test/feeds/notification
 * `notification`: no snapshot; a resting order of the user filled in a tick, worded as the 3P capture
 * ("Resting order filled: Sold 7262 MON at $0.023038"); takers are not notified.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { notification } from "../../src/feeds/notification.ts";
import { ALICE, BOB, CAROL, fixture, json, limit, normalized, SOL, sub, tickOf } from "./_fixture.ts";

const of = (user: string) => sub(notification, { type: "notification", user });

test("normalization, users, no snapshot", () => {
  assert.deepEqual(normalized(notification, { type: "notification", user: ALICE }), {
    type: "notification",
    user: ALICE,
  });
  assert.deepEqual(notification.users?.(of(ALICE)), [ALICE]);
  assert.equal(notification.snapshot, undefined);
});

test("onTick: the maker's resting order, size and average price without a trailing .0", () => {
  const f = fixture();
  const { ctx, tick } = tickOf(f.h, () => f.h.order(BOB, [limit(SOL, false, "99", "4", "Ioc")]));
  assert.deepEqual(json(notification.onTick?.(ctx, of(ALICE), tick)), {
    channel: "notification",
    data: { notification: "Resting order filled: Bought 4 SOL at $99" },
  });
  assert.equal(notification.onTick?.(ctx, of(BOB), tick), undefined, "the taker is not notified");
  const ask = tickOf(f.h, () => f.h.order(CAROL, [limit(SOL, true, "102", "2.5", "Ioc")]));
  assert.deepEqual(json(notification.onTick?.(ask.ctx, of(ALICE), ask.tick)), {
    channel: "notification",
    data: { notification: "Resting order filled: Sold 2.5 SOL at $102" },
  });
});
