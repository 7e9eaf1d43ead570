import { Type, type Static } from "@sinclair/typebox";
import { Nullable, Timestamp, Uuid } from "./common.js";
import { PUBLIC_PHOTOS_MAX, PUBLIC_TEXT_MAX } from "../domain/public-record.js";
import { Rating } from "./feedback-round2.js";

/** Stable codes of the public record (Kết quả xử lý, issue 13). */
export const PublicRecordErrorCode = {
  /** Anonymous, sensitive or private-category items are never published, and never offered. */
  PUBLISH_NOT_ALLOWED: "PUBLISH_NOT_ALLOWED",
  /** She did not agree (or withdrew) before it was published. */
  PUBLISH_NO_CONSENT: "PUBLISH_NO_CONSENT",
  /** Only an item the Hội resolved (not one closed as khiếu nại/tố cáo) can be published. */
  PUBLISH_NOT_RESOLVED: "PUBLISH_NOT_RESOLVED",
  /** Her consent cannot change once the item is on the record (a cán bộ unpublishes it). */
  PUBLISH_ALREADY_PUBLISHED: "PUBLISH_ALREADY_PUBLISHED",
  /** Unpublishing what is not on the record. */
  PUBLISH_NOT_PUBLISHED: "PUBLISH_NOT_PUBLISHED",
  /** A public photo must be a proof photo attached to this item's answer. */
  PUBLISH_PHOTO_NOT_PROOF: "PUBLISH_PHOTO_NOT_PROOF",
  /** A copy with faces covered must be a photo the publishing cán bộ uploaded, standing for one chosen proof photo. */
  PUBLISH_COVER_INVALID: "PUBLISH_COVER_INVALID",
  PUBLISH_TEXT_EMPTY: "PUBLISH_TEXT_EMPTY",
} as const;
export type PublicRecordErrorCode = (typeof PublicRecordErrorCode)[keyof typeof PublicRecordErrorCode];

/** pending: she agreed, no cán bộ decided yet; declined: the cán bộ chose not to; unpublished: taken off the record. */
export const PublicationState = Type.Union([Type.Literal("pending"), Type.Literal("published"), Type.Literal("declined"), Type.Literal("unpublished")]);
export type PublicationState = Static<typeof PublicationState>;

// ---------- her consent ----------

export const PublishConsentBody = Type.Object({ consent: Type.Boolean() });
export type PublishConsentBody = Static<typeof PublishConsentBody>;

/** Her item's place on the record as she sees it: whether it may be offered at all, her answer, where it stands. */
export const MyPublication = Type.Object({
  offered: Type.Boolean(),
  consent: Type.Boolean(),
  state: Nullable(PublicationState),
  /** She may still change her answer (not published now). */
  changeable: Type.Boolean(),
});
export type MyPublication = Static<typeof MyPublication>;

// ---------- the cán bộ's publish step ----------

export const PublicationPublishBody = Type.Object({
  /** Her text as it will be shown: the cán bộ removes names and anything that points at a person. */
  text: Type.String({ maxLength: PUBLIC_TEXT_MAX }),
  /** The unit's answer as it will be shown. */
  answer: Type.String({ maxLength: PUBLIC_TEXT_MAX }),
  /** Proof photos of the answer chosen to go public. */
  mediaIds: Type.Optional(Type.Array(Uuid, { maxItems: PUBLIC_PHOTOS_MAX })),
  /**
   * Faces hidden: for a chosen proof photo (`of`), the copy the cán bộ made with the faces covered and uploaded
   * (`mediaId`); the public then sees the copy instead.
   */
  covered: Type.Optional(Type.Array(Type.Object({ of: Uuid, mediaId: Uuid }), { maxItems: PUBLIC_PHOTOS_MAX })),
});
export type PublicationPublishBody = Static<typeof PublicationPublishBody>;

export const PublicationNoteBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) });
export type PublicationNoteBody = Static<typeof PublicationNoteBody>;

/** What the cán bộ reviews before publishing: the draft (her text, the answer), the proof photos to choose from. */
export const PublicationReview = Type.Object({
  submissionId: Uuid,
  consent: Type.Boolean(),
  state: Nullable(PublicationState),
  /** Everything allows publishing now (consent, resolved, not private, in her scope). */
  canPublish: Type.Boolean(),
  /** Why not, as a code of PublicRecordErrorCode (null when she can). */
  blockedBy: Nullable(Type.String()),
  text: Type.String(),
  answer: Type.String(),
  /** Each proof photo; `coveredBy`: the copy with faces covered that is shown instead, when she made one. */
  photos: Type.Array(Type.Object({ id: Uuid, chosen: Type.Boolean(), coveredBy: Nullable(Uuid) })),
  publicId: Nullable(Uuid),
  publishedAt: Nullable(Timestamp),
});
export type PublicationReview = Static<typeof PublicationReview>;

/** Items of her scope the woman agreed to publish and the Hội resolved, waiting for a decision. */
export const PendingPublication = Type.Object({
  submissionId: Uuid,
  trackingCode: Type.String(),
  categoryName: Type.String(),
  unitName: Type.String(),
  resolvedAt: Timestamp,
  state: PublicationState,
});
export const PendingPublicationList = Type.Object({ items: Type.Array(PendingPublication) });
export type PendingPublicationList = Static<typeof PendingPublicationList>;

// ---------- the public, anonymous side ----------

export const PublicRecordQuery = Type.Object({
  /** A xã/phường: items about a unit of its subtree. */
  communeId: Type.Optional(Uuid),
  /** Words of the text or the answer; diacritics optional. */
  q: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 0 })),
});
export type PublicRecordQuery = Static<typeof PublicRecordQuery>;

/** One item of the record. Never the author, her phone, name, place, tracking code or anything internal. */
export const PublicRecordItem = Type.Object({
  id: Uuid,
  categoryName: Type.String(),
  communeName: Type.String(),
  /** The unit that answered. */
  unitName: Type.String(),
  text: Type.String(),
  answer: Type.String(),
  receivedAt: Timestamp,
  dueAt: Timestamp,
  resolvedAt: Timestamp,
  onTime: Type.Boolean(),
  rating: Nullable(Rating),
  photos: Type.Array(Type.Object({ id: Uuid })),
  publishedAt: Timestamp,
});
export type PublicRecordItem = Static<typeof PublicRecordItem>;

export const PublicRecordList = Type.Object({ items: Type.Array(PublicRecordItem), total: Type.Integer() });
export type PublicRecordList = Static<typeof PublicRecordList>;

export const PublicCommune = Type.Object({ id: Uuid, name: Type.String() });
export const PublicCommuneList = Type.Object({ items: Type.Array(PublicCommune) });
export type PublicCommuneList = Static<typeof PublicCommuneList>;

/** A count, or null when drawn from fewer than 5 items ("dưới 5"). */
const Count = Nullable(Type.Integer());

/** Per unit: received, handled, handled on time, rated, satisfied — sensitive categories never counted. */
export const PublicUnitFigures = Type.Object({
  unitId: Uuid,
  unitName: Type.String(),
  received: Count,
  handled: Count,
  onTime: Count,
  rated: Count,
  satisfied: Count,
});
export type PublicUnitFigures = Static<typeof PublicUnitFigures>;

export const PublicFiguresQuery = Type.Object({ communeId: Type.Optional(Uuid) });
export type PublicFiguresQuery = Static<typeof PublicFiguresQuery>;

export const PublicFiguresList = Type.Object({ items: Type.Array(PublicUnitFigures) });
export type PublicFiguresList = Static<typeof PublicFiguresList>;
