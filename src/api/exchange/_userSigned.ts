/**
 * @module api/exchange/_userSigned
 * Fields every user-signed action carries: the EIP-712 chain id it was signed under and the Hyperliquid network.
 * @see hyperliquid-api.md §5.5 (user-signed actions), §6.2
 */

import * as v from "valibot";

/** `signatureChainId`: hex chain id (`"0x66eee"`, `"0xa4b1"`, `"0x1"`). */
export const SignatureChainId = v.pipe(v.string(), v.regex(/^0[xX][0-9a-fA-F]{1,64}$/));

/** `hyperliquidChain`: which Hyperliquid network the user meant. */
export const HyperliquidChainSchema = v.picklist(["Mainnet", "Testnet"]);

export const USER_SIGNED_FIELDS = {
  signatureChainId: SignatureChainId,
  hyperliquidChain: HyperliquidChainSchema,
} as const;
