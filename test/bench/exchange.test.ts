/**
 * @module test/bench/exchange
 * The /exchange benchmark's pure helpers: the order mix is balanced (makers' lots = takers' lots on each side) at valid
 * SOL prices, envelopes recover to the wallet that signed them with nonces increasing per wallet, medians.
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { benchWallet, envelopes, median, orderAction, orderPrice, orderRole } from "../../bench/exchange.ts";
import { recoverL1Candidates } from "../../src/api/signing/l1.ts";

describe("bench/exchange", () => {
  it("mixes three 1-lot makers per 3-lot taker on each side, every wallet in every role, at valid prices", () => {
    const lots = { makerBid: 0, makerAsk: 0, takerSell: 0, takerBuy: 0 };
    const roles = new Map<number, Set<string>>();
    for (let k = 0; k < 64 * 8; k++) {
      const role = orderRole(k);
      const [o] = orderAction(k).orders as { b: boolean; p: string; s: string }[];
      assert.ok(o !== undefined);
      lots[role] += Number(o.s);
      roles.set(k % 64, (roles.get(k % 64) ?? new Set()).add(role));
      const p = orderPrice(k);
      assert.equal(o.p, p);
      assert.match(p, /^\d{2,3}(\.\d{1,2})?$/, p);
      assert.ok(!/\.\d*0$/.test(p), `trailing zero in ${p}`);
      assert.ok(p.replace(".", "").length <= 5, `more than 5 significant figures: ${p}`);
      const x = Number(p);
      if (role === "makerBid") assert.ok(o.b && o.s === "1" && x >= 99 && x < 100, p);
      if (role === "makerAsk") assert.ok(!o.b && o.s === "1" && x > 100 && x <= 101, p);
      if (role === "takerSell") assert.ok(!o.b && o.s === "3" && x < 99, p);
      if (role === "takerBuy") assert.ok(o.b && o.s === "3" && x > 101, p);
    }
    assert.deepEqual(lots, { makerBid: 192, makerAsk: 192, takerSell: 192, takerBuy: 192 });
    for (const [, seen] of roles) assert.equal(seen.size, 4);
    for (let k = 0; k < 1_000; k += 8) {
      const window = Array.from({ length: 8 }, (_, i) => orderRole(k + i)).sort();
      assert.equal(window.filter((r) => r === "makerBid").length, 3);
      assert.equal(window.filter((r) => r === "takerBuy").length, 1);
    }
  });

  it("signs envelopes that recover to their wallet, each wallet's nonces increasing", () => {
    const wallets = [benchWallet(0), benchWallet(1), benchWallet(2)];
    const base = 1_767_225_600_000;
    const list = envelopes(wallets, base, 5, 9);
    list.forEach((env, i) => {
      const k = 5 + i;
      const signer = recoverL1Candidates(JSON.parse(JSON.stringify(env)), { sources: ["a"], tryBothVault: false })[0]
        ?.signer;
      assert.equal(signer, wallets[k % 3]?.address);
      assert.equal(env.nonce, base + Math.floor(k / 3));
    });
    assert.notEqual(wallets[0]?.address, wallets[1]?.address);
    assert.deepEqual(benchWallet(1), wallets[1]);
  });

  it("takes medians", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });
});
