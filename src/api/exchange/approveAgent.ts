/**
 * @module api/exchange/approveAgent
 * `approveAgent`: approve an API wallet that may sign L1 actions for the signer. The name is optional (Python deletes
 * `agentName` after signing it as `""`, so a missing name means `""`), at most 16 characters, optionally followed by
 * ` valid_until <ms>` (at most 180 days ahead).
 * @see hyperliquid-api.md §5.5 (approveAgent and its field notes), §5.7
 */

import * as v from "valibot";
import { Address, UInt } from "../primitives.ts";
import { action, err, respondDefault } from "./_action.ts";
import { USER_SIGNED_FIELDS } from "./_userSigned.ts";

export const ApproveAgentAction = v.object({
  type: v.literal("approveAgent"),
  ...USER_SIGNED_FIELDS,
  agentAddress: Address,
  agentName: v.optional(v.nullable(v.string())),
  nonce: UInt,
});

const MAX_NAME = 16;
const MAX_VALIDITY_MS = 180 * 86_400_000;
const VALID_UNTIL = /^(.*) valid_until (\d{1,16})$/;

/** Splits `"name valid_until 1735689600000"` into its parts. */
export function parseAgentName(text: string): { name: string; validUntil: number | undefined } {
  const m = VALID_UNTIL.exec(text);
  if (m === null) return { name: text, validUntil: undefined };
  return { name: m[1] as string, validUntil: Number(m[2]) };
}

export const approveAgent = action({
  kind: "userSigned",
  schema: ApproveAgentAction,
  toCommand: (a, user, ctx) => {
    const { name, validUntil } = parseAgentName(a.agentName ?? "");
    if (name.length > MAX_NAME) return err(`Agent name must be at most ${MAX_NAME} characters.`);
    if (validUntil !== undefined && (validUntil <= ctx.now() || validUntil > ctx.now() + MAX_VALIDITY_MS)) {
      return err("Agent valid_until must be in the future and at most 180 days ahead.");
    }
    const command = { type: "approveAgent", user, agent: a.agentAddress, name } as const;
    return validUntil === undefined ? command : { ...command, validUntil };
  },
  respond: respondDefault,
});
