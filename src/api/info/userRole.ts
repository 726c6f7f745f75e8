/**
 * @module api/info/userRole
 * `userRole`: `user` for an account that has received money, `agent` (with its master) for a valid API wallet,
 * `subAccount` (with its master) for a sub-account, `vault` for a vault, `missing` otherwise.
 * @see hyperliquid-api.md §4.4 userRole, §5.7 (agents, sub-accounts)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address, type Hex } from "./_schemas.ts";

export const UserRoleRequest = v.object({ type: v.literal("userRole"), user: Address });

export type UserRoleResponse =
  | { role: "missing" | "user" | "vault" }
  | { role: "agent"; data: { user: Hex } }
  | { role: "subAccount"; data: { master: Hex } };

export function userRole(ctx: InfoContext, req: v.InferOutput<typeof UserRoleRequest>): UserRoleResponse {
  const role = ctx.engine.roleOf(req.user);
  if (role.role === "agent") return { role: "agent", data: { user: role.master as Hex } };
  if (role.role === "subAccount") return { role: "subAccount", data: { master: role.master as Hex } };
  return { role: role.role };
}
