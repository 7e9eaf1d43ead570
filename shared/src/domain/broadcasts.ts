/**
 * Thông báo (issue 14): a cán bộ's announcement to the members of her subtree. Pure rules shared by the server and
 * the Mini App: the choices, the limits, and why a member cannot be reached on a channel.
 */

/** Who in the chosen units: everyone attached to them, confirmed hội viên only, or cán bộ only. */
export const BROADCAST_WHO = ["all", "members", "can_bo"] as const;

/** Channels beside the in-app feed (always): the OA consultation message, and the template message (ZNS) for urgent ones. */
export const BROADCAST_CHANNELS = ["oa", "zns"] as const;

/**
 * What an announcement may point at (its page opens from the announcement): an article, a guide, a contest or
 * practice quiz, or a petition open for co-signing.
 */
export const BROADCAST_LINK_KINDS = ["article", "guide", "contest", "petition"] as const;
export type BroadcastLinkKind = (typeof BROADCAST_LINK_KINDS)[number];

export const BROADCAST_STATUSES = ["scheduled", "expanding", "sending", "done", "cancelled"] as const;

/**
 * Why a member is not reached on a channel: no OA id linked, she unfollowed/blocked the OA, her last message to the
 * OA is outside the window; no phone, no consent to template messages, no template configured; or the cán bộ did not
 * choose the channel; `by_oa`: no template message because the OA message reaches her. Zalo's own refusals while sending are reported as `zalo` with its message.
 */
export const BROADCAST_SKIP_REASONS = ["not_chosen", "no_oa_id", "unfollowed", "outside_window", "no_phone", "no_consent", "no_template", "by_oa", "cancelled", "in_doubt", "zalo"] as const;

export const BROADCAST_LIMITS = {
  titleMax: 120,
  bodyMax: 2000,
  /** Chosen units per announcement. */
  targetsMax: 200,
  /** Members per chunk job of the fan-out. */
  chunkSize: 250,
} as const;
