/**
 * @module api/info/spotMeta
 * `spotMeta`: hyperlocal has no spot pairs yet, so the universe is empty; the token list holds USDC (index 0, the
 * perps' `collateralToken`) with its mainnet parameters. The Python SDK and nktkas iterate both lists at start-up,
 * ccxt builds its currencies from the tokens.
 * @see hyperliquid-api.md §4.4 spotMeta, §4.5 (start-up requests)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import type { Hex } from "./_schemas.ts";

export const SpotMetaRequest = v.object({ type: v.literal("spotMeta") });

/** A spot token. */
export interface SpotToken {
  name: string;
  szDecimals: number;
  weiDecimals: number;
  index: number;
  tokenId: Hex;
  isCanonical: boolean;
  evmContract: { address: Hex; evm_extra_wei_decimals: number } | null;
  fullName: string | null;
  deployerTradingFeeShare: string;
}

/** A spot pair. */
export interface SpotPair {
  tokens: [base: number, quote: number];
  name: string;
  index: number;
  isCanonical: boolean;
}

export interface SpotMetaResponse {
  universe: SpotPair[];
  tokens: SpotToken[];
}

/** USDC as mainnet lists it. */
const USDC: SpotToken = {
  name: "USDC",
  szDecimals: 8,
  weiDecimals: 8,
  index: 0,
  tokenId: "0x6d1e7cde53ba9467b783cb7c530ce054",
  isCanonical: true,
  evmContract: null,
  fullName: null,
  deployerTradingFeeShare: "0.0",
};

/** The spot metadata of hyperlocal (a fresh object each time: callers may keep it). */
export function spotMetaOf(): SpotMetaResponse {
  return { universe: [], tokens: [{ ...USDC }] };
}

export function spotMeta(_ctx: InfoContext, _req: v.InferOutput<typeof SpotMetaRequest>): SpotMetaResponse {
  return spotMetaOf();
}
