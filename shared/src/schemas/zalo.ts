import { Type, type Static } from "@sinclair/typebox";
import { Timestamp } from "./common.js";

/**
 * Linking a member to her Zalo Official Account conversation. The OA id is never taken from the Mini App's word:
 * either Zalo's Graph API vouches for it at login, or she sends this code to the OA chat and the signed webhook
 * shows which OA user sent it.
 */
export const OaLinkCode = Type.Object({
  code: Type.String({ description: "Eight digits" }),
  /** The exact text to send to the OA chat (openChat can prefill it). */
  message: Type.String(),
  /** The OA to open the chat with. */
  oaId: Type.String(),
  expiresAt: Timestamp,
});
export type OaLinkCode = Static<typeof OaLinkCode>;

export const OaLinkStatus = Type.Object({
  /** Her notifications can reach her in the OA chat. */
  linked: Type.Boolean(),
});
export type OaLinkStatus = Static<typeof OaLinkStatus>;
