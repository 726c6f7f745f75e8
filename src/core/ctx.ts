/**
 * @module core/ctx
 * What every command handler works with: the state, the event sink, the command's time and the liquidation context.
 * Types only; created by engine.ts once per command.
 */

import type { BuilderFee } from "./command.ts";
import type { Event, LiquidationTag } from "./event.ts";
import type { EngineState } from "./state.ts";

export interface Ctx {
  readonly s: EngineState;
  readonly out: Event[];
  readonly time: number;
  /** Set while a liquidation executes: its fills carry the tag. */
  liquidation: LiquidationTag | undefined;
  /** The builder fee of the order command being applied: orders it creates pay it on every fill. */
  builder: BuilderFee | undefined;
  /** Set while a TWAP slice executes: its fills carry the TWAP's id. */
  twapId?: number | undefined;
}
