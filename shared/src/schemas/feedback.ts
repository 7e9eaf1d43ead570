import { Type, type Static } from "@sinclair/typebox";
import { Nullable, Timestamp, Uuid } from "./common.js";
import { MAX_BODY_LENGTH } from "../domain/limits.js";
import { UnitLevel } from "./units.js";
import { LegalRoute, OnBehalfInfo, RatingView, SubmissionChannel } from "./feedback-round2.js";

/** Stable codes for what can go wrong with feedback, reports and petitions (clients branch on these). */
export const FeedbackErrorCode = {
  CATEGORY_NOT_FOUND: "CATEGORY_NOT_FOUND",
  TEXT_EMPTY: "TEXT_EMPTY",
  TOO_MANY_PHOTOS: "TOO_MANY_PHOTOS",
  TOO_MANY_VOICE_NOTES: "TOO_MANY_VOICE_NOTES",
  UNIT_REQUIRED: "UNIT_REQUIRED",
  UNIT_INACTIVE: "UNIT_INACTIVE",
  PETITION_PRIVATE_CATEGORY: "PETITION_PRIVATE_CATEGORY",
  NOT_A_PETITION: "NOT_A_PETITION",
  PETITION_CLOSED: "PETITION_CLOSED",
  PETITION_ALREADY_SIGNED: "PETITION_ALREADY_SIGNED",
  PETITION_OUT_OF_SCOPE: "PETITION_OUT_OF_SCOPE",
  ASSIGNMENT_CLOSED: "ASSIGNMENT_CLOSED",
  FORWARD_TARGET_REQUIRED: "FORWARD_TARGET_REQUIRED",
  FOLLOW_UP_NOT_OPEN: "FOLLOW_UP_NOT_OPEN",
  ROUTING_RULE_NOT_FOUND: "ROUTING_RULE_NOT_FOUND",
  ROUTING_RULE_EXISTS: "ROUTING_RULE_EXISTS",
  /** She may send only about her own xã/phường (where she picked her chi hội) or where she is cán bộ. */
  SUBMISSION_OUT_OF_SCOPE: "SUBMISSION_OUT_OF_SCOPE",
  /** A petition is for others to read and co-sign: it cannot be kept private. */
  PETITION_SENSITIVE: "PETITION_SENSITIVE",
  /** Only members confirmed by their chi hội co-sign. */
  PETITION_MEMBERS_ONLY: "PETITION_MEMBERS_ONLY",
} as const;
export type FeedbackErrorCode = (typeof FeedbackErrorCode)[keyof typeof FeedbackErrorCode];

export const SubmissionKind = Type.Union([Type.Literal("feedback"), Type.Literal("report"), Type.Literal("petition")], {
  description: "feedback = phản ánh, report = tin báo, petition = kiến nghị",
});
export type SubmissionKind = Static<typeof SubmissionKind>;

export { SUBMISSION_KIND_LABEL } from "../domain/kinds.js";

export const SubmissionStatus = Type.Union([
  Type.Literal("received"),
  Type.Literal("forwarded"),
  Type.Literal("acknowledged"),
  Type.Literal("replied"),
  Type.Literal("resolved"),
  Type.Literal("closed"),
]);
export type SubmissionStatus = Static<typeof SubmissionStatus>;

export const PetitionState = Type.Union([Type.Literal("open"), Type.Literal("reached"), Type.Literal("not_reached")]);
export type PetitionState = Static<typeof PetitionState>;

export const CategoryCode = Type.String({ pattern: "^[a-z0-9_]{2,40}$", description: "Category code, e.g. viec_lam" });

// ---------- intake ----------

export const CreateSubmissionBody = Type.Object({
  kind: SubmissionKind,
  category: Type.String({ maxLength: 40 }),
  /** Checked for blank text by the server, so that "   " gets TEXT_EMPTY rather than a generic validation error. */
  body: Type.String({ maxLength: MAX_BODY_LENGTH }),
  /** The unit it concerns; defaults to her own chi hội (or xã). */
  unitId: Type.Optional(Uuid),
  anonymous: Type.Optional(Type.Boolean({ default: false })),
  /** She may mark any item sensitive; private categories always are. */
  sensitive: Type.Optional(Type.Boolean({ default: false })),
  /** Ids from POST /api/media: at most 4 photos and 1 voice note. */
  mediaIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
  /** Only when she agreed: getLocation()'s single-use token and her Zalo access token, exchanged on the server. */
  location: Type.Optional(Type.Object({ token: Type.String({ minLength: 1, maxLength: 500 }), accessToken: Type.String({ maxLength: 2000 }) })),
  /** She agrees that, once handled, it may go on the public record (Kết quả xử lý) after a cán bộ checks it. */
  publishConsent: Type.Optional(Type.Boolean({ default: false })),
});
export type CreateSubmissionBody = Static<typeof CreateSubmissionBody>;

/**
 * One random key per form, sent again on every retry of that form: the server then answers with the first item
 * (200 instead of 201) and never stores a second one.
 */
export const SubmissionHeaders = Type.Object({
  "idempotency-key": Type.Optional(Type.String({ minLength: 8, maxLength: 128, pattern: "^[A-Za-z0-9_.:-]+$" })),
});
export type SubmissionHeaders = Static<typeof SubmissionHeaders>;

export const SubmissionCreated = Type.Object({ id: Uuid, trackingCode: Type.String() });
export type SubmissionCreated = Static<typeof SubmissionCreated>;

/** What the form asks before sending, so it can say where the item will really go (the routing rules decide). */
export const DestinationQuery = Type.Object({
  category: Type.String({ maxLength: 40 }),
  unitId: Uuid,
  sensitive: Type.Optional(Type.Boolean({ default: false })),
});
export type DestinationQuery = Static<typeof DestinationQuery>;

export const Destination = Type.Object({ unitId: Uuid, unitName: Type.String(), level: UnitLevel });
export type Destination = Static<typeof Destination>;

// ---------- the woman's side ----------

export const TimelineEvent = Type.Object({
  id: Type.Integer(),
  type: Type.String({ description: "received | forwarded | acknowledged | replied | forwarded_external | rerouted | escalated | resolved | follow_up_asked | reopened | closed | petition_lifted | petition_closed" }),
  message: Type.String(),
  unitName: Nullable(Type.String()),
  public: Type.Boolean(),
  at: Timestamp,
  /** Photos and PDFs the cán bộ attached to this reply or resolution as proof. */
  proof: Type.Optional(Type.Array(Type.Object({ id: Uuid, kind: Type.Union([Type.Literal("image"), Type.Literal("document")]) }))),
});
export type TimelineEvent = Static<typeof TimelineEvent>;

export const MediaRef = Type.Object({ id: Uuid, kind: Type.Union([Type.Literal("image"), Type.Literal("audio")]) });

export const PetitionInfo = Type.Object({
  state: PetitionState,
  signatureCount: Type.Integer(),
  threshold: Type.Integer(),
  deadline: Timestamp,
  level: UnitLevel,
  signedByMe: Type.Boolean(),
});
export type PetitionInfo = Static<typeof PetitionInfo>;

/** What every list of items shows to name one: its code, kind and category. */
const itemHead = {
  id: Uuid,
  trackingCode: Type.String(),
  kind: SubmissionKind,
  category: Type.String(),
  categoryName: Type.String(),
};

export const MySubmission = Type.Object({
  ...itemHead,
  excerpt: Type.String(),
  status: SubmissionStatus,
  anonymous: Type.Boolean(),
  /** Private (a private category or her choice): what a PIN she sets hides in "Của tôi" on her phone. */
  sensitive: Type.Boolean(),
  originUnitName: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type MySubmission = Static<typeof MySubmission>;

export const MySubmissionList = Type.Object({ items: Type.Array(MySubmission) });
export type MySubmissionList = Static<typeof MySubmissionList>;

/** Someone else's petition she co-signed ("Đã ký" in Của tôi): public facts only, never who sent it. */
export const SignedPetition = Type.Object({
  ...itemHead,
  excerpt: Type.String(),
  status: SubmissionStatus,
  originUnitName: Type.String(),
  signatureCount: Type.Integer(),
  petitionState: PetitionState,
  signedAt: Timestamp,
});
export type SignedPetition = Static<typeof SignedPetition>;

export const SignedPetitionList = Type.Object({ items: Type.Array(SignedPetition) });
export type SignedPetitionList = Static<typeof SignedPetitionList>;

/** What the author sees of her own item (or anyone, for the public parts of a petition). */
export const SubmissionView = Type.Object(
  {
    id: Uuid,
    trackingCode: Type.String(),
    kind: SubmissionKind,
    category: Type.String(),
    categoryName: Type.String(),
    body: Type.String(),
    status: SubmissionStatus,
    anonymous: Type.Boolean(),
    sensitive: Type.Boolean(),
    mine: Type.Boolean(),
    originUnitId: Uuid,
    originUnitName: Type.String(),
    handlingUnits: Type.Array(Type.Object({ unitId: Uuid, unitName: Type.String() })),
    media: Type.Array(MediaRef),
    petition: Nullable(PetitionInfo),
    /** True once she has been asked whether it was solved and has not answered yet. */
    followUpOpen: Type.Boolean(),
    /** How it reached the Hội (issue 13): the Mini App or entered on her behalf. */
    channel: Type.Optional(SubmissionChannel),
    /** Her rating of the answer, once given; `ratingOpen`: it was resolved and she may rate it now. */
    rating: Type.Optional(Nullable(RatingView)),
    ratingOpen: Type.Optional(Type.Boolean()),
    /** Closed as a khiếu nại or tố cáo: the Mini App shows where and how to file it. */
    legalRoute: Type.Optional(Nullable(LegalRoute)),
    timeline: Type.Array(TimelineEvent),
    createdAt: Timestamp,
  },
  { $id: "SubmissionView" },
);
export type SubmissionView = Static<typeof SubmissionView>;

export const SimilarQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  unitId: Uuid,
});
export type SimilarQuery = Static<typeof SimilarQuery>;

export const SimilarItem = Type.Object({
  ...itemHead,
  excerpt: Type.String(),
  status: SubmissionStatus,
  unitName: Type.String(),
  signatureCount: Type.Integer(),
  petitionOpen: Type.Boolean(),
  /** She has already co-signed it (or sent it herself). */
  signedByMe: Type.Boolean(),
  createdAt: Timestamp,
});
export type SimilarItem = Static<typeof SimilarItem>;

export const SimilarList = Type.Object({ items: Type.Array(SimilarItem) });
export type SimilarList = Static<typeof SimilarList>;

export const TrackParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });
export type TrackParams = Static<typeof TrackParams>;

export const SignResult = Type.Object({ signatureCount: Type.Integer(), state: PetitionState, level: UnitLevel });
export type SignResult = Static<typeof SignResult>;

export const FollowUpBody = Type.Object({ resolved: Type.Boolean() });
export type FollowUpBody = Static<typeof FollowUpBody>;

export const ListPageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
});
export type ListPageQuery = Static<typeof ListPageQuery>;

// ---------- the cán bộ's side ----------

export const AssignmentStatus = Type.Union([
  Type.Literal("new"),
  Type.Literal("acknowledged"),
  Type.Literal("resolved"),
  Type.Literal("closed"),
]);
export type AssignmentStatus = Static<typeof AssignmentStatus>;

export const AssignmentReason = Type.Union([
  Type.Literal("primary"),
  Type.Literal("escalation"),
  Type.Literal("forward"),
  Type.Literal("reroute"),
  Type.Literal("petition"),
]);

export const InboxQuery = Type.Object({
  /** open = new or acknowledged (default); all = everything. */
  status: Type.Optional(
    Type.Union([Type.Literal("open"), Type.Literal("new"), Type.Literal("acknowledged"), Type.Literal("resolved"), Type.Literal("closed"), Type.Literal("all")]),
  ),
  category: Type.Optional(Type.String({ maxLength: 40 })),
  overdue: Type.Optional(Type.Boolean()),
  unitId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
});
export type InboxQuery = Static<typeof InboxQuery>;

export const InboxItem = Type.Object({
  assignmentId: Uuid,
  submissionId: Uuid,
  trackingCode: Type.String(),
  kind: SubmissionKind,
  category: Type.String(),
  categoryName: Type.String(),
  /** null for sensitive items: their text is shown only when opened, and every opening is audited. */
  excerpt: Nullable(Type.String()),
  sensitive: Type.Boolean(),
  /** An urgent report (Cần giúp đỡ ngay): listed first, in red, with a call button on the item. */
  urgent: Type.Boolean(),
  anonymous: Type.Boolean(),
  /** Entered on her behalf (phone, in person, paper, meeting) or sent from the Mini App. */
  channel: Type.Optional(SubmissionChannel),
  unitId: Uuid,
  unitName: Type.String(),
  /** The thôn / chi hội (or xã) it came from. */
  originUnitName: Type.String(),
  reason: AssignmentReason,
  status: AssignmentStatus,
  /** Her unit passed it on (forwarded to another Hội unit that has it open): waiting on them, not on her. */
  handedOn: Type.Boolean(),
  submissionStatus: SubmissionStatus,
  dueAt: Timestamp,
  overdue: Type.Boolean(),
  createdAt: Timestamp,
});
export type InboxItem = Static<typeof InboxItem>;

export const InboxList = Type.Object({ items: Type.Array(InboxItem), total: Type.Integer() });
export type InboxList = Static<typeof InboxList>;

export const StaffEvent = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  message: Type.String(),
  unitName: Nullable(Type.String()),
  /** A cán bộ's name, or "Người gửi" for the author (never her name when she is anonymous). */
  actorName: Nullable(Type.String()),
  /** A cán bộ's note to other units (forward, reroute); never shown to the author. */
  note: Nullable(Type.String()),
  visibleToAuthor: Type.Boolean(),
  public: Type.Boolean(),
  at: Timestamp,
  proof: Type.Optional(Type.Array(Type.Object({ id: Uuid, kind: Type.Union([Type.Literal("image"), Type.Literal("document")]) }))),
});
export type StaffEvent = Static<typeof StaffEvent>;

export const AssignmentSummary = Type.Object({
  id: Uuid,
  unitId: Uuid,
  unitName: Type.String(),
  reason: AssignmentReason,
  status: AssignmentStatus,
  dueAt: Timestamp,
  overdue: Type.Boolean(),
  acknowledgedAt: Nullable(Timestamp),
  resolvedAt: Nullable(Timestamp),
});
export type AssignmentSummary = Static<typeof AssignmentSummary>;

export const AssignmentDetail = Type.Object(
  {
    assignment: AssignmentSummary,
    submission: Type.Object({
      id: Uuid,
      trackingCode: Type.String(),
      kind: SubmissionKind,
      category: Type.String(),
      categoryName: Type.String(),
      body: Type.String(),
      sensitive: Type.Boolean(),
      /** An urgent report: the callback number, place and timed alerts are at GET /api/safety/reports/:id (audited). */
      urgent: Type.Boolean(),
      anonymous: Type.Boolean(),
      status: SubmissionStatus,
      originUnitId: Uuid,
      originUnitName: Type.String(),
      signatureCount: Type.Integer(),
      petitionState: Nullable(PetitionState),
      media: Type.Array(MediaRef),
      channel: Type.Optional(SubmissionChannel),
      createdAt: Timestamp,
    }),
    /** null when she chose to stay anonymous (for an item entered on her behalf: her name and phone as given). */
    author: Nullable(Type.Object({ name: Type.String(), phone: Nullable(Type.String()) })),
    /** Where, when she shared it (issue 13): coordinates and a map link. */
    location: Type.Optional(Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number(), mapUrl: Type.String(), at: Timestamp }))),
    /** Entered on her behalf by a cán bộ: through which channel and by whom (her details only when not anonymous). */
    onBehalf: Type.Optional(Nullable(OnBehalfInfo)),
    assignments: Type.Array(AssignmentSummary),
    /**
     * When this unit has passed the item on: how (reroute = handed over for good, forward = another unit works on it
     * now) and the units that have it open at present.
     */
    handover: Nullable(Type.Object({ kind: Type.Union([Type.Literal("reroute"), Type.Literal("forward")]), to: Type.Array(Type.String()) })),
    timeline: Type.Array(StaffEvent),
  },
  { $id: "AssignmentDetail" },
);
export type AssignmentDetail = Static<typeof AssignmentDetail>;

/** Proof attached to a reply or a resolution (issue 13): photos and PDFs the cán bộ uploaded (POST /api/media). */
const ProofIds = Type.Optional(Type.Array(Uuid, { maxItems: 6 }));

export const ReplyBody = Type.Object({
  message: Type.String({ minLength: 1, maxLength: 4000 }),
  mediaIds: ProofIds,
  /** Also shown to other women (the "similar items" list and the item's public page). */
  public: Type.Optional(Type.Boolean({ default: false })),
});
export type ReplyBody = Static<typeof ReplyBody>;

export const ForwardBody = Type.Object({
  /** Another Hội unit, which then handles it too … */
  unitId: Type.Optional(Uuid),
  /** … or an outside agency (UBND xã, công an, trạm y tế …), which the Hội follows up with. */
  agency: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  note: Type.String({ minLength: 1, maxLength: 2000 }),
});
export type ForwardBody = Static<typeof ForwardBody>;

export const RerouteBody = Type.Object({
  unitId: Uuid,
  note: Type.String({ minLength: 1, maxLength: 2000 }),
});
export type RerouteBody = Static<typeof RerouteBody>;

export const ResolveBody = Type.Object({ message: Type.String({ minLength: 1, maxLength: 4000 }), mediaIds: ProofIds });
export type ResolveBody = Static<typeof ResolveBody>;

export const ActionResult = Type.Object({ assignment: AssignmentSummary, submissionStatus: SubmissionStatus });
export type ActionResult = Static<typeof ActionResult>;

// ---------- categories, routing rules, settings (admin) ----------

export const Category = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    description: Type.String(),
    handlingLevel: UnitLevel,
    slaHours: Type.Number(),
    private: Type.Boolean(),
    active: Type.Boolean(),
    sort: Type.Integer(),
  },
  { $id: "Category" },
);
export type Category = Static<typeof Category>;

export const CategoryList = Type.Object({ items: Type.Array(Category) });
export type CategoryList = Static<typeof CategoryList>;

export const CategoryListQuery = Type.Object({ includeInactive: Type.Optional(Type.Boolean()) });
export type CategoryListQuery = Static<typeof CategoryListQuery>;

export const CategoryCodeParams = Type.Object({ code: CategoryCode });
export type CategoryCodeParams = Static<typeof CategoryCodeParams>;

export const UpsertCategoryBody = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 120 }),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  handlingLevel: UnitLevel,
  slaHours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 365 }),
  private: Type.Boolean(),
  active: Type.Optional(Type.Boolean({ default: true })),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
});
export type UpsertCategoryBody = Static<typeof UpsertCategoryBody>;

export const RoutingRuleView = Type.Object(
  {
    id: Uuid,
    category: Type.String(),
    originUnitId: Nullable(Uuid),
    originUnitName: Nullable(Type.String()),
    targetLevel: UnitLevel,
    slaHours: Nullable(Type.Number()),
    escalationLevels: Type.Array(UnitLevel),
    active: Type.Boolean(),
    note: Type.String(),
  },
  { $id: "RoutingRuleView" },
);
export type RoutingRuleView = Static<typeof RoutingRuleView>;

export const RoutingRuleList = Type.Object({ items: Type.Array(RoutingRuleView) });
export type RoutingRuleList = Static<typeof RoutingRuleList>;

export const RoutingRuleBody = Type.Object({
  category: CategoryCode,
  originUnitId: Type.Optional(Nullable(Uuid)),
  targetLevel: UnitLevel,
  slaHours: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 24 * 365 }))),
  escalationLevels: Type.Optional(Type.Array(UnitLevel, { maxItems: 4, uniqueItems: true })),
  active: Type.Optional(Type.Boolean({ default: true })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export type RoutingRuleBody = Static<typeof RoutingRuleBody>;

export const FeedbackSettings = Type.Object(
  {
    petitionThresholds: Type.Object({
      to: Type.Integer({ minimum: 1 }),
      chi_hoi: Type.Integer({ minimum: 1 }),
      xa: Type.Integer({ minimum: 1 }),
      tinh: Type.Integer({ minimum: 1 }),
    }),
    petitionDays: Type.Number({ exclusiveMinimum: 0, maximum: 365 }),
    followUpDays: Type.Number({ exclusiveMinimum: 0, maximum: 365 }),
    csWindowHours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 7 }),
    templateIds: Type.Object({ statusUpdate: Type.String({ maxLength: 64 }) }),
    notifyRatePerSec: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
  },
  { $id: "FeedbackSettings" },
);
export type FeedbackSettings = Static<typeof FeedbackSettings>;
