/**
 * @module api/info/spotMeta
 * `spotMeta`: hyperlocal's spot tokens (USDC 0, PURR 1, HYPE 2) and pairs (PURR/USDC index 0, HYPE/USDC `@1`);
 * USDC and PURR keep their mainnet parameters and token ids. The Python SDK and nktkas iterate both lists at start-up,
 * ccxt builds its currencies from the tokens.
 * @see hyperliquid-api.md §4.4 spotMeta, §4.5 (start-up requests)
 */

import * as v from "valibot";
import type { InfoContext } from "../context.ts";
import { DEFAULT_SPOT_PAIRS, DEFAULT_SPOT_TOKENS } from "../../core/index.ts";
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
  const tokens = DEFAULT_SPOT_TOKENS.map(
    (t, index): SpotToken =>
      index === 0
        ? { ...USDC }
        : {
            name: t.name,
            szDecimals: t.szDecimals,
            weiDecimals: t.weiDecimals,
            index,
            tokenId: t.tokenId as Hex,
            isCanonical: true,
            evmContract: null,
            fullName: t.fullName,
            deployerTradingFeeShare: "0.0",
          },
  );
  const universe = DEFAULT_SPOT_PAIRS.map(
    (p, index): SpotPair => ({
      tokens: [p.base, p.quote],
      name: index === 0 ? `${tokens[p.base]?.name}/${tokens[p.quote]?.name}` : `@${index}`,
      index,
      isCanonical: true,
    }),
  );
  return { universe, tokens };
}

export function spotMeta(_ctx: InfoContext, _req: v.InferOutput<typeof SpotMetaRequest>): SpotMetaResponse {
  return spotMetaOf();
}
