/**
 * @module api/exchange
 * POST /exchange: the registry of actions (the one line to add for a new one) and the life of a signed request up to
 * the sequencer: parse the envelope and the action, recover the signer, map it to the acting account, pre-check the
 * nonce, translate, submit, and shape the reply. The engine makes the final identity and nonce decision, so a replayed
 * journal decides the same way.
 * @see hyperliquid-api.md §5 (exchange endpoint), §6.5 (verification procedure), §0.1 (HTTP-level errors)
 */

import * as v from "valibot";
import type { Address, Event, Reply } from "../../core/index.ts";
import { rejectText } from "../../core/index.ts";
import type { ExchangeContext } from "../context.ts";
import { SigningInputError } from "../signing/eip712.ts";
import { explainSignature, formatExplanation } from "../signing/explain.ts";
import { hashedVault, type L1Envelope, l1ActionHash, l1Digest, VAULT_ACTION_TYPES } from "../signing/l1.ts";
import { recoverAddress } from "../signing/recover.ts";
import { encodeAction } from "../signing/msgpack.ts";
import { recoverUserSigner, userSignedNonce } from "../signing/userSigned.ts";
import { UInt } from "../primitives.ts";
import { type ActionCommand, type ActionEntry, err, type ExchangeResponse } from "./_action.ts";
import { approveAgent } from "./approveAgent.ts";
import { approveBuilderFee } from "./approveBuilderFee.ts";
import { batchModify } from "./batchModify.ts";
import { cancel } from "./cancel.ts";
import { cancelByCloid } from "./cancelByCloid.ts";
import { createSubAccount } from "./createSubAccount.ts";
import { modify } from "./modify.ts";
import { noop } from "./noop.ts";
import { order } from "./order.ts";
import { scheduleCancel } from "./scheduleCancel.ts";
import { setReferrer } from "./setReferrer.ts";
import { twapCancel } from "./twapCancel.ts";
import { twapOrder } from "./twapOrder.ts";
import { subAccountModify } from "./subAccountModify.ts";
import { subAccountTransfer } from "./subAccountTransfer.ts";
import { updateIsolatedMargin } from "./updateIsolatedMargin.ts";
import { updateLeverage } from "./updateLeverage.ts";
import { usdSend } from "./usdSend.ts";
import { spotSend } from "./spotSend.ts";
import { usdClassTransfer } from "./usdClassTransfer.ts";
import { createVault } from "./createVault.ts";
import { vaultDistribute } from "./vaultDistribute.ts";
import { vaultModify } from "./vaultModify.ts";
import { vaultTransfer } from "./vaultTransfer.ts";
import { withdraw3 } from "./withdraw3.ts";

/** Every action hyperlocal builds, by wire `type`. */
export const EXCHANGE_ACTIONS: Readonly<Record<string, ActionEntry>> = {
  order,
  cancel,
  cancelByCloid,
  modify,
  batchModify,
  scheduleCancel,
  updateLeverage,
  updateIsolatedMargin,
  usdSend,
  spotSend,
  usdClassTransfer,
  withdraw3,
  approveAgent,
  approveBuilderFee,
  setReferrer,
  noop,
  twapOrder,
  twapCancel,
  createSubAccount,
  subAccountModify,
  subAccountTransfer,
  createVault,
  vaultTransfer,
  vaultModify,
  vaultDistribute,
};

/** Hyperliquid action types that hyperlocal does not build yet: answered with a clear error naming them. §5.5 */
export const NOT_BUILT: ReadonlySet<string> = new Set([
  "topUpIsolatedOnlyMargin",
  "borrowLend",
  "registerReferrer",
  "subAccountSpotTransfer",
  "agentSendAsset",
  "agentSetAbstraction",
  "agentEnableDexAbstraction",
  "evmUserModify",
  "reserveRequestWeight",
  "claimRewards",
  "setDisplayName",
  "spotUser",
  "hip3LiquidatorTransfer",
  "gossipPriorityBid",
  "userOutcome",
  "spotDeploy",
  "perpDeploy",
  "CSignerAction",
  "CValidatorAction",
  "validatorL1Stream",
  "authorizeAqav2Role",
  "activateOutcomeDeployer",
  "finalizeEvmContract",
  "multiSig",
  "sendAsset",
  "sendToEvmWithData",
  "tokenDelegate",
  "cDeposit",
  "cWithdraw",
  "convertToMultiSigUser",
  "userDexAbstraction",
  "userSetAbstraction",
  "userPortfolioMargin",
  "linkStakingUser",
  "stakingLinkDisableTradingUser",
]);

/** The body of a 422 for a request of the wrong shape (exact, 56 bytes). @see hyperliquid-api.md §0.1 */
export const DESERIALIZE_ERROR = "Failed to deserialize the JSON body into the target type";

/** What the HTTP layer sends. */
export type ExchangeAnswer = { status: 200; json: ExchangeResponse } | { status: 422; text: string };

/** The envelope of §5.1. The action is kept as received: its key order is what was signed. */
const Envelope = v.object({
  action: v.looseObject({ type: v.string() }),
  nonce: UInt,
  signature: v.object({ r: v.string(), s: v.string(), v: v.number() }),
  /** 20 bytes of hex; ccxt sends it without `0x`. */
  vaultAddress: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^(0[xX])?[0-9a-fA-F]{40}$/)))),
  /** L1 actions only. */
  expiresAfter: v.optional(v.nullable(UInt)),
});

type EnvelopeType = v.InferOutput<typeof Envelope>;

const invalid = (text = DESERIALIZE_ERROR): ExchangeAnswer => ({ status: 422, text });
const answer = (json: ExchangeResponse): ExchangeAnswer => ({ status: 200, json });

/** Handles one /exchange body (already JSON-parsed). Rejects only when the sequencer has stopped (a bug). */
export async function handleExchange(ctx: ExchangeContext, body: unknown): Promise<ExchangeAnswer> {
  const envelope = v.safeParse(Envelope, body);
  if (!envelope.success) return invalid();
  const env = envelope.output;
  const raw = (body as { action: Record<string, unknown> }).action;
  const type = env.action.type;
  const entry = EXCHANGE_ACTIONS[type];
  if (entry === undefined) {
    return NOT_BUILT.has(type) ? answer(err(`Action "${type}" is not supported by hyperlocal yet.`)) : invalid();
  }
  const parsed = v.safeParse(entry.schema, raw);
  if (!parsed.success) return invalid();

  let who: Identity | ExchangeResponse;
  try {
    who = entry.kind === "l1" ? identifyL1(ctx, env, raw, parsed.output) : identifyUserSigned(ctx, env, raw);
  } catch (e) {
    if (e instanceof SigningInputError) return invalid();
    throw e;
  }
  if ("status" in who) return answer(who);

  const vault = env.vaultAddress ?? undefined;
  if (vault !== undefined && entry.kind === "l1" && VAULT_ACTION_TYPES.has(type)) {
    const acting = actingFor(ctx, who.user, vaultOf(vault));
    if (typeof acting !== "string") return answer(acting);
    who = { signer: who.signer, user: acting };
  }
  const stale = ctx.engine.nonceProblem(who.signer, env.nonce, ctx.now());
  if (stale !== undefined) return answer(err(rejectText(stale)));
  const limited = ctx.limitAddress?.(who.user, raw);
  if (limited !== undefined) return answer(err(limited));

  const made = entry.toCommand(parsed.output, who.user, ctx);
  if ("status" in made) return answer(made);
  const expiresAfter = entry.kind === "l1" ? (env.expiresAfter ?? undefined) : undefined;
  const auth =
    expiresAfter === undefined
      ? { signer: who.signer, nonce: env.nonce }
      : { signer: who.signer, nonce: env.nonce, expiresAfter };
  const command = { ...made, auth } as ActionCommand;
  const events = await ctx.submit(command);
  return answer(entry.respond(replyOf(events), ctx, command));
}

/** Who signed and for whom. */
interface Identity {
  readonly signer: Address;
  readonly user: Address;
}

function vaultOf(text: string): Address {
  return `0x${text.replace(/^0[xX]/, "").toLowerCase()}` as Address;
}

/**
 * The account an L1 action with an envelope `vaultAddress` acts for (§5.7): a sub-account of the signer's master acts
 * as that sub-account; a sub-account of another master answers `Sub-account … is not registered to …`; a vault the
 * signer's master leads acts as that vault, another vault answers `Only leader can perform this vault action`; any
 * other address `Vault not registered: …`. The engine checks the authority again.
 */
function actingFor(ctx: ExchangeContext, master: Address, vault: Address): Address | ExchangeResponse {
  const role = ctx.engine.roleOf(vault);
  if (role.role === "subAccount" && role.master === master) return vault;
  if (role.role === "vault") return role.leader === master ? vault : err(rejectText({ code: "vaultOnlyLeader" }));
  if (role.role === "subAccount") {
    return err(rejectText({ code: "subAccountNotRegistered", params: { sub: vault, master } }));
  }
  return err(rejectText({ code: "vaultNotRegistered", params: { vault } }));
}

function replyOf(events: readonly Event[]): Reply {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as Event;
    if (e.type === "reply") return e.reply;
  }
  throw new Error("exchange: the engine answered a user command without a reply");
}

/** The account an address acts for: itself, or its master when it is an API wallet; undefined when unknown. */
function accountFor(ctx: ExchangeContext, address: Address): Address | undefined {
  const role = ctx.engine.roleOf(address);
  return role.role === "agent" ? role.master : role.role === "user" ? address : undefined;
}

/**
 * Recovers the signer of an L1 action (§6.5 step 2): the action as received, then its canonical form (schema key
 * order, lowercase addresses) when that hashes differently, each under every accepted source; then, with an envelope
 * vault, the other vault reading. The first reading whose signer is a known user or agent wins.
 */
function identifyL1(
  ctx: ExchangeContext,
  env: EnvelopeType,
  raw: unknown,
  canonical: unknown,
): Identity | ExchangeResponse {
  const base = {
    nonce: env.nonce,
    signature: env.signature,
    vaultAddress: env.vaultAddress ?? null,
    expiresAfter: env.expiresAfter ?? null,
  };
  // Readings in order of likelihood; each costs a hash and one recovery per source, so stop at the first known signer.
  let first: Address | undefined;
  const tryReading = (action: unknown, vaultInHash: string | null): Identity | undefined => {
    const connectionId = l1ActionHash(action, env.nonce, vaultInHash, base.expiresAfter);
    for (const source of ctx.network.sources) {
      const signer = recoverAddress(l1Digest(connectionId, source), env.signature);
      if (signer === undefined) continue;
      const user = accountFor(ctx, signer);
      if (user !== undefined) return { signer, user };
      first ??= signer;
    }
    return undefined;
  };
  const ruled = hashedVault({ action: raw, vaultAddress: base.vaultAddress });
  const found =
    tryReading(raw, ruled) ??
    (sameBytes(encodeAction(raw), encodeAction(canonical)) ? undefined : tryReading(canonical, ruled)) ??
    (base.vaultAddress === null ? undefined : tryReading(raw, ruled === null ? base.vaultAddress : null));
  return found ?? unknownSigner(ctx, { ...base, action: raw }, first);
}

/** Recovers the signer of a user-signed action (§6.5 step 3); it acts for itself. */
function identifyUserSigned(ctx: ExchangeContext, env: EnvelopeType, raw: unknown): Identity | ExchangeResponse {
  const chain = (raw as { hyperliquidChain: "Mainnet" | "Testnet" }).hyperliquidChain;
  if (!ctx.network.chains.includes(chain)) {
    return err(
      `hyperliquidChain ${chain} is not accepted by this server (it accepts ${ctx.network.chains.join(", ")}).`,
    );
  }
  if (userSignedNonce(raw) !== env.nonce) return err("Invalid nonce: the action's nonce differs from the request's.");
  const signers = [
    recoverUserSigner(raw, env.signature),
    recoverUserSigner(raw, env.signature, { lowercaseHexStrings: true }),
  ];
  for (const signer of signers) {
    if (signer !== undefined && ctx.engine.hasAccount(signer)) return { signer, user: signer };
  }
  return unknownSigner(ctx, { action: raw, nonce: env.nonce, signature: env.signature }, signers[0]);
}

/** `User or API Wallet 0x… does not exist.`, with the explanation logged when asked for (§5 of the issue). */
function unknownSigner(ctx: ExchangeContext, envelope: L1Envelope, signer: Address | undefined): ExchangeResponse {
  if (signer === undefined) return err("Unable to recover signer.");
  if (ctx.explain !== undefined) {
    const lines = explainSignature(envelope, ctx.network.sources).map(formatExplanation);
    ctx.explain(`signature recovered to unknown ${signer}:\n${lines.join("\n")}`);
  }
  return err(rejectText({ code: "unknownSigner", params: { signer } }));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
