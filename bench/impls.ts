/**
 * @module bench/impls
 * The common shape of the three implementations under test and their factory. An adapter replays stream operations one
 * at a time (`step`), keeping only minimal bookkeeping (filled size); `state()` reads the book afterwards, untimed.
 */

import { BookAdapter } from "./impl-book.ts";
import { EngineAdapter } from "./impl-engine.ts";
import { NobAdapter } from "./impl-nob.ts";
import type { Adapter } from "./adapter.ts";
import type { Stream } from "./mixes.ts";

export type { Adapter, FinalState } from "./adapter.ts";

export const IMPLS = ["book", "engine", "nodejs-order-book"] as const;
export type ImplName = (typeof IMPLS)[number];

/** A user address per account index: `0x` + 40 hex digits. */
export function userAddresses(accounts: number): string[] {
  return Array.from({ length: accounts }, (_, i) => `0x${i.toString(16).padStart(40, "0")}`);
}

/** A fresh adapter of `impl` over `stream`, with its per-stream inputs prepared (untimed). */
export function createAdapter(impl: ImplName, stream: Stream): Adapter {
  const users = userAddresses(stream.accounts);
  switch (impl) {
    case "book":
      return new BookAdapter(stream, users);
    case "engine":
      return new EngineAdapter(stream, users);
    case "nodejs-order-book":
      return new NobAdapter(stream, users);
  }
}

/** Applies ops [from, to). */
export function replay(adapter: Adapter, from: number, to: number): void {
  for (let i = from; i < to; i++) adapter.step(i);
}
