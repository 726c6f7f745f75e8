/**
 * @module api/context
 * What the wire handlers read and call. The api layer has no sockets and no files: the server hands it the engine
 * (read between commands, never mutated), the history tables (read only), a clock, and a way to submit commands to
 * the sequencer. History is reached through a type-only view of `journal/history.ts`, so api never opens the store.
 */

import type { Address, Engine, Event, UnstampedCommand } from "../core/index.ts";
import type { History } from "../journal/history.ts";
import type { L1Source } from "./signing/l1.ts";
import type { HyperliquidChain } from "./signing/userSigned.ts";

/** The history queries /info uses. */
export type HistoryReader = Pick<
  History,
  | "fills"
  | "fillsByTime"
  | "orders"
  | "orderStatus"
  | "orderStatusByCloid"
  | "funding"
  | "fundingRates"
  | "ledger"
  | "trades"
  | "candles"
  | "twapSliceFills"
  | "twapHistory"
>;

/** Everything an /info handler may read. */
export interface InfoContext {
  /** Read only: queries between commands. */
  readonly engine: Engine;
  readonly history: HistoryReader;
  /** Wall clock, ms (for `time` fields and default `endTime`s). */
  readonly now: () => number;
  /** Requests the address limiter counted for a user (`--rate-limits hyperliquid`); absent when limits are off. */
  readonly requestsUsed?: (user: Address) => number;
}

/** Which signing networks the server accepts. @see hyperliquid-api.md §6.4 */
export interface NetworkPolicy {
  /** L1 phantom-agent sources: "a" mainnet, "b" testnet. */
  readonly sources: readonly L1Source[];
  /** `hyperliquidChain` values accepted on user-signed actions. */
  readonly chains: readonly HyperliquidChain[];
}

export const BOTH_NETWORKS: NetworkPolicy = { sources: ["a", "b"], chains: ["Mainnet", "Testnet"] };

/** Everything an /exchange handler needs. */
export interface ExchangeContext extends InfoContext {
  /** Sequences, journals and applies a command; resolves with its events once durable. */
  readonly submit: (command: UnstampedCommand) => Promise<Event[]>;
  readonly network: NetworkPolicy;
  /** Receives an explanation of every signature that recovered to an unknown signer (`--explain-signatures`). */
  readonly explain?: (text: string) => void;
  /**
   * The address budget (`--rate-limits hyperliquid`): counts the requests of an action for its acting user and
   * returns Hyperliquid's error when the budget is spent. Absent: unlimited.
   */
  readonly limitAddress?: (user: Address, action: unknown) => string | undefined;
}
