/**
 * @module server/dev
 * hyperlocal's own controls, beyond Hyperliquid's API and clearly apart from it (paths under `/hyperlocal/`): fund an
 * address, create spot tokens in an address's spot balance (`spot-genesis`: the engine's `spotGenesis`, which shows in
 * the ledger as Hyperliquid's `spotGenesis` update), set oracle prices (to force a liquidation or a trigger), pay funding now, drop every WebSocket connection
 * (to test reconnect logic). Each goes through the sequencer as a journaled command like any other. JSON in, JSON
 * out; a wrong body is a 422 with a plain-text reason.
 */

import * as v from "valibot";
import type { Address, Event, UnstampedCommand } from "../core/index.ts";
import type { Engine } from "../core/index.ts";
import { parseUnits } from "../core/num.ts";
import { tokenByWireName } from "../core/spot/spot.ts";
import { Address as AddressSchema } from "../api/primitives.ts";
import type { HttpAnswer } from "./http.ts";

/** The paths, for the help and the README. */
export const DEV_PATHS = {
  fund: "/hyperlocal/fund",
  spotGenesis: "/hyperlocal/spot-genesis",
  oracle: "/hyperlocal/oracle",
  payFunding: "/hyperlocal/pay-funding",
  dropConnections: "/hyperlocal/drop-connections",
} as const;

export interface DevDeps {
  readonly engine: Engine;
  readonly submit: (command: UnstampedCommand) => Promise<Event[]>;
  /** Closes every WebSocket connection; returns how many. */
  readonly dropConnections: () => number;
}

/** USD as a decimal string with at most 6 decimals (or a number of dollars) → 10^-6 USD. */
const Usd = v.pipe(
  v.union([v.pipe(v.string(), v.regex(/^\d{1,12}(\.\d{1,6})?$/)), v.pipe(v.number(), v.minValue(0), v.maxValue(1e12))]),
  v.transform((x) => {
    const [whole, frac = ""] = String(x).split(".");
    return Number(whole) * 1_000_000 + Number(frac.padEnd(6, "0").slice(0, 6));
  }),
  v.minValue(1),
);

const FundBody = v.object({ address: AddressSchema, amount: Usd });
const SpotGenesisBody = v.object({
  address: AddressSchema,
  token: v.string(),
  amount: v.union([v.string(), v.pipe(v.number(), v.minValue(0))]),
});

/**
 * The `spotGenesis` command that creates `amount` (a decimal string or number, in whole tokens) of a spot token
 * (`"PURR"` or `"PURR:0x<tokenId>"`, as `spotSend` names it) in `address`'s spot balance; or why not, as text.
 */
export function spotGenesisCommand(
  engine: Engine,
  address: string,
  token: string,
  amount: string | number,
): UnstampedCommand | string {
  const spot = engine.state.spot;
  const index = tokenByWireName(spot, token);
  if (index === undefined) return `unknown spot token ${token}`;
  const def = spot.tokens[index];
  if (def === undefined) return `unknown spot token ${token}`;
  const parsed = parseUnits(String(amount), def.weiDecimals);
  if (!parsed.ok || parsed.units <= 0)
    return `${def.name} amount must be a positive number with at most ${def.weiDecimals} decimals`;
  return { type: "spotGenesis", user: address.toLowerCase() as Address, token: index, amount: parsed.units };
}
const OracleBody = v.object({ prices: v.record(v.string(), v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/))) });

const ok = (json: unknown): HttpAnswer => ({ status: 200, json });
const refuse = (text: string): HttpAnswer => ({ status: 422, text });

function issues(result: v.SafeParseResult<v.GenericSchema>): string {
  return (result.issues ?? []).map((i) => `${v.getDotPath(i) ?? "body"}: ${i.message}`).join("; ");
}

/** The dev routes for the HTTP server. */
export function devRoutes(deps: DevDeps): Record<string, (body: unknown) => Promise<HttpAnswer>> {
  return {
    [DEV_PATHS.fund]: async (body) => {
      const r = v.safeParse(FundBody, body);
      if (!r.success) return refuse(`fund: {"address": "0x…", "amount": "1000"} expected (${issues(r)})`);
      await deps.submit({ type: "deposit", user: r.output.address as Address, usd: r.output.amount });
      return ok({
        status: "ok",
        address: r.output.address,
        usd: deps.engine.accountRisk(r.output.address).withdrawable,
      });
    },
    [DEV_PATHS.spotGenesis]: async (body) => {
      const r = v.safeParse(SpotGenesisBody, body);
      if (!r.success)
        return refuse(`spot-genesis: {"address": "0x…", "token": "PURR", "amount": "1000"} expected (${issues(r)})`);
      const command = spotGenesisCommand(deps.engine, r.output.address, r.output.token, r.output.amount);
      if (typeof command === "string") return refuse(`spot-genesis: ${command}`);
      await deps.submit(command);
      return ok({ status: "ok", address: r.output.address, token: r.output.token, amount: String(r.output.amount) });
    },
    [DEV_PATHS.oracle]: async (body) => {
      const r = v.safeParse(OracleBody, body);
      if (!r.success) return refuse(`oracle: {"prices": {"BTC": "65000"}} expected (${issues(r)})`);
      const prices: { asset: number; price: string }[] = [];
      for (const [coin, price] of Object.entries(r.output.prices)) {
        const market = deps.engine.state.universe.byCoin(coin);
        if (market === undefined) return refuse(`oracle: unknown coin ${coin}`);
        const parsed = price.split(".")[1]?.length ?? 0;
        if (parsed > market.priceDecimals)
          return refuse(`oracle: ${coin} takes at most ${market.priceDecimals} decimals`);
        prices.push({ asset: market.asset, price });
      }
      if (prices.length === 0) return refuse("oracle: no prices given");
      const events = await deps.submit({ type: "setOracle", prices });
      const marks = events.filter((e) => e.type === "markPrice").length;
      const liquidations = events.filter((e) => e.type === "liquidation").length;
      return ok({ status: "ok", marks, liquidations });
    },
    [DEV_PATHS.payFunding]: async () => {
      const events = await deps.submit({ type: "payFunding" });
      return ok({ status: "ok", payments: events.filter((e) => e.type === "funding").length });
    },
    [DEV_PATHS.dropConnections]: async () => ok({ status: "ok", dropped: deps.dropConnections() }),
  };
}
