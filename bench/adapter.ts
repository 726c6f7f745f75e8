/**
 * @module bench/adapter
 * The common shape of the three implementations under test: an adapter replays stream operations one at a time.
 */

/** Where a book stands after a run. */
export interface FinalState {
  readonly resting: number;
  readonly restingSize: number;
  readonly filled: number;
}

/** One implementation bound to one stream. */
export interface Adapter {
  /** Applies stream op i. */
  step(i: number): void;
  /** The book after the ops applied so far (untimed; may be slow). */
  state(): FinalState;
  /** Implementation-specific counters for the report (trades, rejections, ...). */
  counters(): Record<string, number>;
}
