import { Type, type Static } from "@sinclair/typebox";
import { Nullable, Timestamp, Uuid } from "./common.js";
import { MAX_BODY_LENGTH } from "../domain/limits.js";

/** Stable codes of issue 13's additions (clients branch on these). */
export const FeedbackRound2ErrorCode = {
  /** Entering an item for a woman needs her agreement, recorded by the cán bộ. */
  CONSENT_REQUIRED: "CONSENT_REQUIRED",
  /** A phone number that is not a Vietnamese mobile or landline. */
  PHONE_INVALID: "PHONE_INVALID",
  /** Being told on Zalo needs a phone number. */
  PHONE_REQUIRED: "PHONE_REQUIRED",
  /** Only a cán bộ enters items for others. */
  STAFF_ONLY: "STAFF_ONLY",
  /** She rates an answer once, after it was resolved. */
  RATING_NOT_OPEN: "RATING_NOT_OPEN",
  RATING_ALREADY_GIVEN: "RATING_ALREADY_GIVEN",
  /** Zalo refused her location token: she can send again without it. */
  LOCATION_FAILED: "LOCATION_FAILED",
} as const;
export type FeedbackRound2ErrorCode = (typeof FeedbackRound2ErrorCode)[keyof typeof FeedbackRound2ErrorCode];

/**
 * How an item reached the Hội: mini_app = she sent it herself; the others were entered on her behalf by a cán bộ
 * (điện thoại = a phone call, trực tiếp = in person, giấy = on paper, họp = at a meeting).
 */
export const SubmissionChannel = Type.Union([
  Type.Literal("mini_app"),
  Type.Literal("dien_thoai"),
  Type.Literal("truc_tiep"),
  Type.Literal("giay"),
  Type.Literal("hop"),
]);
export type SubmissionChannel = Static<typeof SubmissionChannel>;

/** The channels a cán bộ can enter an item through. */
export const OnBehalfChannel = Type.Union([Type.Literal("dien_thoai"), Type.Literal("truc_tiep"), Type.Literal("giay"), Type.Literal("hop")]);
export type OnBehalfChannel = Static<typeof OnBehalfChannel>;

/** POST /api/staff/on-behalf: an item a woman gave a cán bộ by phone, in person, on paper or at a meeting. */
export const OnBehalfBody = Type.Object({
  /** No petitions: co-signing needs the author in the Mini App. */
  kind: Type.Union([Type.Literal("feedback"), Type.Literal("report")]),
  category: Type.String({ maxLength: 40 }),
  body: Type.String({ maxLength: MAX_BODY_LENGTH }),
  /** The unit it concerns: inside the cán bộ's own units. */
  unitId: Uuid,
  channel: OnBehalfChannel,
  /** Her name and phone are optional: she may want to stay unknown even to the cán bộ who handle it. */
  womanName: Type.Optional(Type.String({ maxLength: 120 })),
  womanPhone: Type.Optional(Type.String({ maxLength: 40 })),
  anonymous: Type.Optional(Type.Boolean({ default: false })),
  sensitive: Type.Optional(Type.Boolean({ default: false })),
  /** The cán bộ confirms the woman agreed to this being entered for her; false is refused. */
  consent: Type.Boolean(),
  /** She agreed to be told of progress on Zalo at the phone she gave. */
  notifyConsent: Type.Optional(Type.Boolean({ default: false })),
  /** Photos of a paper letter, etc. (POST /api/media by the cán bộ). */
  mediaIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
  /**
   * She agreed (asked by the cán bộ, ticked on the slip) that the result may go on Kết quả xử lý without her name.
   * Refused for what may never be published (mayOfferPublish), as on the Mini App's form.
   */
  publishConsent: Type.Optional(Type.Boolean({ default: false })),
});
export type OnBehalfBody = Static<typeof OnBehalfBody>;

/** What the printable slip shows: the code she keeps, where it went, when. Never the text of the item. */
export const OnBehalfCreated = Type.Object({
  id: Uuid,
  trackingCode: Type.String(),
  channel: OnBehalfChannel,
  unitName: Type.String(),
  createdAt: Timestamp,
  /** Whether a Zalo message with the code was queued for her (she gave a phone, agreed, and is on Hội Số). */
  zaloNotice: Type.Boolean(),
  /** She agreed the result may be published (printed on the slip). */
  publishConsent: Type.Boolean(),
});
export type OnBehalfCreated = Static<typeof OnBehalfCreated>;

/** What a handling cán bộ sees of an on-behalf item's origin (her name and phone only when not anonymous). */
export const OnBehalfInfo = Type.Object({
  channel: OnBehalfChannel,
  enteredByName: Type.String(),
  womanName: Nullable(Type.String()),
  womanPhone: Nullable(Type.String()),
  notifyConsent: Type.Boolean(),
});
export type OnBehalfInfo = Static<typeof OnBehalfInfo>;

// ---------- khiếu nại / tố cáo ----------

/** khieu_nai: Luật Khiếu nại 2011 (a decision or act of an authority that wronged her); to_cao: Luật Tố cáo 2018 (a breach of law by anyone). */
export const LegalRoute = Type.Union([Type.Literal("khieu_nai"), Type.Literal("to_cao")]);
export type LegalRoute = Static<typeof LegalRoute>;

/** Close an item as a khiếu nại or tố cáo: she is shown the procedure; the note says where exactly to file it. */
export const LegalCloseBody = Type.Object({ route: LegalRoute, note: Type.Optional(Type.String({ maxLength: 1000 })) });
export type LegalCloseBody = Static<typeof LegalCloseBody>;

// ---------- her rating of the answer ----------

export const Rating = Type.Union([Type.Literal("hai_long"), Type.Literal("binh_thuong"), Type.Literal("chua_hai_long")], {
  description: "hài lòng / bình thường / chưa hài lòng",
});
export type Rating = Static<typeof Rating>;

export const RatingBody = Type.Object({ rating: Rating, comment: Type.Optional(Type.String({ maxLength: 500 })) });
export type RatingBody = Static<typeof RatingBody>;

export const RatingView = Type.Object({ rating: Rating, comment: Type.String(), ratedAt: Timestamp });
export type RatingView = Static<typeof RatingView>;

/** Per unit: how its answers were rated. */
export const UnitRatingFigures = Type.Object({
  unitId: Uuid,
  unitName: Type.String(),
  total: Type.Integer(),
  haiLong: Type.Integer(),
  binhThuong: Type.Integer(),
  chuaHaiLong: Type.Integer(),
});
export type UnitRatingFigures = Static<typeof UnitRatingFigures>;

export const UnitRatingList = Type.Object({ items: Type.Array(UnitRatingFigures) });
export type UnitRatingList = Static<typeof UnitRatingList>;

export const RatingQuery = Type.Object({
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
});
export type RatingQuery = Static<typeof RatingQuery>;
