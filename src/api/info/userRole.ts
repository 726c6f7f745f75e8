/**
 * @module api/info/userRole
 * `userRole`: `user` for an account that has received money, `agent` (with its master) for a valid API wallet,
 * `missing` otherwise. hyperlocal has no vaults or sub-accounts, so never `vault` or `subAccount`.
 * @see hyperliquid-api.md §4.4 userRole, §5.7 (agents)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { Address, type Hex } from "./_schemas.ts";

export const UserRoleRequest = v.object({ type: v.literal("userRole"), user: Address });

export type UserRoleResponse = { role: "missing" | "user" | "vault" } | { role: "agent"; data: { user: Hex } };

export function userRole(ctx: InfoContext, req: v.InferOutput<typeof UserRoleRequest>): UserRoleResponse {
  const role = ctx.engine.roleOf(req.user);
  return role.role === "agent" ? { role: "agent", data: { user: role.master as Hex } } : { role: role.role };
}
