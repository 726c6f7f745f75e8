/**
 * @module api/info/_ledger
 * The net of a user's ledger movements (`webData2.cumLedger`), summed over the history page by page. Read only.
 * @see hyperliquid-api.md §4.4 webData2
 */

import type { Address } from "../../core/index.ts";
import type { HistoryReader } from "../context.ts";

/**
 * Net USDC moved into the account outside trading and funding, 10^-6 USD: deposits and transfers received, minus
 * withdrawals and transfers sent (their fees included). Pages through the ledger 500 rows at a time.
 */
export function cumulativeLedger(history: HistoryReader, user: Address): number {
  let total = 0;
  let start = 0;
  let seenAtStart = 0;
  for (;;) {
    const page = history.ledger(user, start);
    const fresh = page.slice(seenAtStart);
    for (const r of fresh) {
      const d = r.delta;
      if (d.type === "deposit") total += d.usd;
      else if (d.type === "withdraw") total -= d.usd;
      else if (d.type === "internalTransfer") total += d.user === user ? -(d.usd + d.fee) : d.usd;
      else if (d.type === "subAccountTransfer") total += d.user === user ? -d.usd : d.usd;
      else if (d.type === "vaultCreate") total -= d.usd + d.fee;
      else if (d.type === "vaultDeposit") total -= d.usd;
      else if (d.type === "vaultWithdraw") total += d.netWithdrawnUsd;
      else if (d.type === "vaultDistribution" || d.type === "vaultLeaderCommission") total += d.usd;
    }
    const last = page[page.length - 1];
    if (page.length < 500 || last === undefined || fresh.length === 0) return total;
    // The next page starts at the last time seen; rows of that time already counted are skipped by position.
    seenAtStart = start === last.time ? seenAtStart + fresh.length : page.filter((r) => r.time === last.time).length;
    start = last.time;
  }
}
