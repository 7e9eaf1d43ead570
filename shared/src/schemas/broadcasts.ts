import { Type, type Static } from "@sinclair/typebox";
import { BROADCAST_CHANNELS, BROADCAST_LIMITS as L, BROADCAST_LINK_KINDS, BROADCAST_SKIP_REASONS, BROADCAST_STATUSES, BROADCAST_WHO } from "../domain/broadcasts.js";
import { LANGUAGES } from "../domain/language.js";
import { Nullable, Timestamp, Uuid } from "./common.js";

/**
 * Thông báo (issue 14): a cán bộ announces to members of her subtree (in the app always; as an OA message where Zalo
 * allows; as a template message for urgent ones), sees beforehand who each channel reaches and why not the others,
 * follows delivery per unit and can cancel what has not gone out. Members read them in a feed on Trang chủ.
 */

/** Stable codes for what can go wrong with an announcement. */
export const BroadcastErrorCode = {
  /** A chosen unit outside the sending unit's subtree (her scope is checked first: 403). */
  BROADCAST_TARGET_OUT_OF_SCOPE: "BROADCAST_TARGET_OUT_OF_SCOPE",
  /** A link to a draft, an unknown item, or one outside what the audience may read. */
  BROADCAST_LINK_INVALID: "BROADCAST_LINK_INVALID",
  /** A sending time that has passed. */
  BROADCAST_TIME_PAST: "BROADCAST_TIME_PAST",
  /** Title or body empty or too long. */
  BROADCAST_TEXT_INVALID: "BROADCAST_TEXT_INVALID",
  /** The template channel is for urgent announcements only. */
  BROADCAST_CHANNEL_INVALID: "BROADCAST_CHANNEL_INVALID",
  /** A profile tag outside the vocabulary. */
  BROADCAST_TAG_UNKNOWN: "BROADCAST_TAG_UNKNOWN",
  /** Cancel of an announcement already finished or cancelled. */
  BROADCAST_NOT_CANCELLABLE: "BROADCAST_NOT_CANCELLABLE",
} as const;
export type BroadcastErrorCode = (typeof BroadcastErrorCode)[keyof typeof BroadcastErrorCode];

const lit = <T extends string>(xs: readonly T[], description?: string) => Type.Union(xs.map((x) => Type.Literal(x)), description ? { description } : {});

export const BroadcastWho = lit(BROADCAST_WHO, "all = everyone in the units; members = confirmed hội viên; can_bo = cán bộ only");
export const BroadcastChannel = lit(BROADCAST_CHANNELS, "oa = OA consultation message; zns = template message (urgent only)");
export const BroadcastStatus = lit(BROADCAST_STATUSES);
export const BroadcastSkipReason = lit(BROADCAST_SKIP_REASONS);
export type BroadcastWho = Static<typeof BroadcastWho>;
export type BroadcastChannel = Static<typeof BroadcastChannel>;
export type BroadcastStatus = Static<typeof BroadcastStatus>;
export type BroadcastSkipReason = Static<typeof BroadcastSkipReason>;

export const BroadcastAudience = Type.Object({
  /** The sending unit: one under her roles. */
  unitId: Uuid,
  /** Units inside the sending unit's subtree; none = the whole subtree. */
  targetUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: L.targetsMax })),
  who: Type.Optional(BroadcastWho),
  /** Her chosen app language; none = every language. */
  languages: Type.Optional(Type.Array(lit(LANGUAGES), { maxItems: LANGUAGES.length })),
  channels: Type.Optional(Type.Array(BroadcastChannel, { maxItems: BROADCAST_CHANNELS.length })),
  urgent: Type.Optional(Type.Boolean()),
  /**
   * Profile tags (shared/src/domain/profile-tags.ts); none = every woman of the units. The content rule: for each
   * group named she holds one of its tags. Who holds a tag is never shown; the preview gives counts only.
   */
  tags: Type.Optional(Type.Array(Type.String({ pattern: "^[a-z0-9_:-]{1,40}$" }), { maxItems: 10 })),
});
export type BroadcastAudience = Static<typeof BroadcastAudience>;

export const BroadcastWriteBody = Type.Intersect([
  BroadcastAudience,
  Type.Object({
    title: Type.String({ maxLength: L.titleMax }),
    body: Type.String({ maxLength: L.bodyMax }),
    link: Type.Optional(Nullable(Type.Object({ kind: lit(BROADCAST_LINK_KINDS), id: Uuid }))),
    /** Absent: now. */
    sendAt: Type.Optional(Timestamp),
  }),
]);
export type BroadcastWriteBody = Static<typeof BroadcastWriteBody>;

const ReasonCounts = Type.Record(Type.String(), Type.Integer(), { description: "members not reached on this channel, by BroadcastSkipReason" });

export const BroadcastPreview = Type.Object({
  total: Type.Integer(),
  channels: Type.Object({
    in_app: Type.Object({ count: Type.Integer() }),
    oa: Type.Object({ count: Type.Integer(), reasons: ReasonCounts }),
    zns: Type.Object({ count: Type.Integer(), reasons: ReasonCounts }),
  }),
});
export type BroadcastPreview = Static<typeof BroadcastPreview>;

export const BroadcastHead = Type.Object({
  id: Uuid,
  title: Type.String(),
  unit: Type.Object({ id: Uuid, name: Type.String() }),
  status: BroadcastStatus,
  sendAt: Timestamp,
  urgent: Type.Boolean(),
  channels: Type.Array(BroadcastChannel),
  createdAt: Timestamp,
});
export type BroadcastHead = Static<typeof BroadcastHead>;

export const AdminBroadcastList = Type.Object({ items: Type.Array(BroadcastHead) });
export type AdminBroadcastList = Static<typeof AdminBroadcastList>;

/** Counts on one channel: queued (not yet gone out), sent, failed/not reached by reason. */
export const ChannelProgress = Type.Object({
  queued: Type.Integer(),
  sent: Type.Integer(),
  failed: ReasonCounts,
});
export type ChannelProgress = Static<typeof ChannelProgress>;

export const UnitProgress = Type.Object({
  unit: Type.Object({ id: Uuid, name: Type.String() }),
  recipients: Type.Integer(),
  read: Type.Integer(),
  oa: ChannelProgress,
  zns: ChannelProgress,
});
export type UnitProgress = Static<typeof UnitProgress>;

export const AdminBroadcast = Type.Intersect([
  BroadcastHead,
  Type.Object({
    body: Type.String(),
    link: Nullable(Type.Object({ kind: lit(BROADCAST_LINK_KINDS), id: Uuid })),
    targetUnitIds: Type.Array(Uuid),
    who: BroadcastWho,
    languages: Type.Array(Type.String()),
    cancelledAt: Nullable(Timestamp),
    totals: Type.Object({ recipients: Type.Integer(), read: Type.Integer(), oa: ChannelProgress, zns: ChannelProgress }),
    units: Type.Array(UnitProgress),
  }),
]);
export type AdminBroadcast = Static<typeof AdminBroadcast>;

export const CancelResult = Type.Object({ cancelled: Type.Integer({ description: "deliveries that will not go out" }) });
export type CancelResult = Static<typeof CancelResult>;

/** One announcement in her feed. */
export const FeedItem = Type.Object({
  id: Uuid,
  title: Type.String(),
  body: Type.String(),
  unit: Type.String(),
  urgent: Type.Boolean(),
  link: Nullable(Type.String({ description: "Mini App route of the linked article, guide, contest or petition" })),
  /** What the link opens, so the button can say so ("Xem cuộc thi", "Xem và ký kiến nghị"). */
  linkKind: Nullable(lit(BROADCAST_LINK_KINDS)),
  sentAt: Timestamp,
  readAt: Nullable(Timestamp),
});
export type FeedItem = Static<typeof FeedItem>;

export const Feed = Type.Object({
  unread: Type.Integer(),
  items: Type.Array(FeedItem),
  /** The next page's cursor (GET /broadcasts?cursor=…); absent or null on the last page. */
  nextCursor: Type.Optional(Nullable(Type.String())),
});
export const FeedQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
export type FeedQuery = Static<typeof FeedQuery>;
export type Feed = Static<typeof Feed>;

/** The composer's link picker: items she may attach for this sending unit, searched by title (folded, no diacritics needed). */
export const BroadcastLinkQuery = Type.Object({
  unitId: Uuid,
  kind: Type.Optional(lit(BROADCAST_LINK_KINDS)),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export type BroadcastLinkQuery = Static<typeof BroadcastLinkQuery>;
export const BroadcastLinkOption = Type.Object({ kind: lit(BROADCAST_LINK_KINDS), id: Uuid, title: Type.String() });
export type BroadcastLinkOption = Static<typeof BroadcastLinkOption>;
export const BroadcastLinkOptions = Type.Object({ items: Type.Array(BroadcastLinkOption) });
export type BroadcastLinkOptions = Static<typeof BroadcastLinkOptions>;
