/**
 * @module api/exchange/_action
 * The contract every /exchange action file fulfils, and the response shapes of §5.2. An action file owns its wire
 * schema, turns a parsed action into a core command for the acting user, and turns the command's reply into
 * Hyperliquid's response. It never sees sockets, signatures or nonces: `index.ts` has done those.
 * @see hyperliquid-api.md §5.2 (response shapes)
 */

import type * as v from "valibot";
import type { Address, CancelResult, OrderResult, Reply, UnstampedCommand } from "../../core/index.ts";
import { rejectText } from "../../core/index.ts";
import type { ExchangeContext } from "../context.ts";

/** One order's status in an `order` or `batchModify` response. */
export type OrderStatusWire =
  | { resting: { oid: number; cloid?: string } }
  | { filled: { totalSz: string; avgPx: string; oid: number; cloid?: string } }
  | { error: string }
  | "waitingForFill"
  | "waitingForTrigger";

/** Every answer of /exchange (always HTTP 200). @see hyperliquid-api.md §5.2 */
export type ExchangeResponse =
  | { status: "ok"; response: { type: "default" } }
  | { status: "ok"; response: { type: "order"; data: { statuses: OrderStatusWire[] } } }
  | { status: "ok"; response: { type: "cancel"; data: { statuses: ("success" | { error: string })[] } } }
  | {
      status: "ok";
      response: { type: "twapOrder"; data: { status: { running: { twapId: number } } | { error: string } } };
    }
  | { status: "ok"; response: { type: "twapCancel"; data: { status: "success" | { error: string } } } }
  | { status: "ok"; response: { type: "createSubAccount"; data: string } }
  | { status: "ok"; response: { type: "createVault"; data: string } }
  | { status: "err"; response: string };

/** A signed command without its authority (index.ts adds the signer and nonce). */
export type ActionCommand = UnstampedCommand;

/** How an action is signed. @see hyperliquid-api.md §5.5 */
export type SigningKind = "l1" | "userSigned";

/** One /exchange action type. */
export interface ActionEntry<S extends v.GenericSchema = v.GenericSchema> {
  readonly kind: SigningKind;
  /** The action's wire schema; its output is the canonical form (keys in schema order, addresses lowercase). */
  readonly schema: S;
  /** Translates the parsed action for the acting user, or answers at once (a request that needs no command). */
  readonly toCommand: (
    action: v.InferOutput<S>,
    user: Address,
    ctx: ExchangeContext,
  ) => ActionCommand | ExchangeResponse;
  /** The response for the command's reply. */
  readonly respond: (reply: Reply, ctx: ExchangeContext, command: ActionCommand) => ExchangeResponse;
}

/** Declares an action entry with its schema's types flowing into the callbacks. */
export function action<S extends v.GenericSchema>(entry: ActionEntry<S>): ActionEntry {
  return entry as unknown as ActionEntry;
}

export const DEFAULT_OK: ExchangeResponse = { status: "ok", response: { type: "default" } };

/** `{"status":"err","response":…}`. */
export function err(text: string): ExchangeResponse {
  return { status: "err", response: text };
}

/** `{"status":"ok","response":{"type":"order","data":{"statuses":…}}}`. */
export function orderResponse(statuses: OrderStatusWire[]): ExchangeResponse {
  return { status: "ok", response: { type: "order", data: { statuses } } };
}

/** `{"status":"ok","response":{"type":"cancel","data":{"statuses":…}}}`. */
export function cancelResponse(results: readonly CancelResult[]): ExchangeResponse {
  const statuses = results.map((r) => (r === "success" ? r : { error: rejectText(r.error) }));
  return { status: "ok", response: { type: "cancel", data: { statuses } } };
}

/** Throws for a reply of the wrong kind: the engine answers each command type with one kind, so this is a bug. */
function wrongReply(reply: Reply, kind: string): never {
  throw new Error(`expected a ${kind} reply, got ${reply.kind}`);
}

/** The per-order results of an `order` reply, or the error response of a whole-action rejection. */
export function orderResults(reply: Reply): readonly OrderResult[] | ExchangeResponse {
  if (reply.kind === "error") return err(rejectText(reply.reject));
  return reply.kind === "order" ? reply.statuses : wrongReply(reply, "order");
}

/** The per-cancel results of a `cancel` reply, or the error response of a whole-action rejection. */
export function cancelResults(reply: Reply): readonly CancelResult[] | ExchangeResponse {
  if (reply.kind === "error") return err(rejectText(reply.reject));
  return reply.kind === "cancel" ? reply.statuses : wrongReply(reply, "cancel");
}

/** The response of an action whose reply is `default` or a whole-action error. */
export function respondDefault(reply: Reply): ExchangeResponse {
  if (reply.kind === "error") return err(rejectText(reply.reject));
  return DEFAULT_OK;
}
