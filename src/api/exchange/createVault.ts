/**
 * @module api/exchange/createVault
 * `createVault`: create a vault led by the acting user (L1; an agent may sign it for its master). `initialUsd` is an
 * integer of 10^-6 USD moved from the leader into the vault; the answer carries the new vault's address:
 * `{"type":"createVault","data":"0x…"}`. The engine checks the name, description, minimum and balance (with the
 * creation fee) and derives the address deterministically.
 * @see hyperliquid-api.md §5.2, §5.5 (createVault); hyperliquid-mechanics.md §10.1
 */

import * as v from "valibot";
import { rejectText } from "../../core/index.ts";
import { UInt } from "../primitives.ts";
import { action, err } from "./_action.ts";

export const CreateVaultAction = v.object({
  type: v.literal("createVault"),
  name: v.string(),
  description: v.string(),
  /** 10^-6 USD (100_000_000 = $100). */
  initialUsd: UInt,
  /** The action's own nonce (the SDKs send the envelope's). */
  nonce: UInt,
});

export const createVault = action({
  kind: "l1",
  schema: CreateVaultAction,
  toCommand: (a, user) => ({
    type: "createVault",
    user,
    name: a.name,
    description: a.description,
    initialUsd: a.initialUsd,
  }),
  respond: (reply) => {
    if (reply.kind === "error") return err(rejectText(reply.reject));
    if (reply.kind !== "createVault") throw new Error(`expected a createVault reply, got ${reply.kind}`);
    return { status: "ok", response: { type: "createVault", data: reply.address } };
  },
});
