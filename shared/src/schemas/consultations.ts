import { Type, type Static } from "@sinclair/typebox";
import { CONSULTATION_LIMITS as L, CONSULTATION_PARTICIPATION, CONSULTATION_STANCES, CONSULTATION_STATUSES } from "../domain/consultations.js";
import { Nullable, Timestamp, Uuid } from "./common.js";

/**
 * Góp ý dự thảo (issue 16): a cán bộ puts a draft (policy, plan, local regulation) to the women of her subtree, section
 * by section; each woman takes one set of positions (agree / disagree / propose a change, a short voice note), which she
 * may change while it is open, optionally anonymous to cán bộ; the cán bộ reads, marks duplicates, tags themes, writes a
 * synthesis per section, exports a report (.docx) and posts the outcome, which notifies everyone who took part.
 */
export const ConsultationErrorCode = {
  /** Closed (its close date passed or the cán bộ closed it): positions are no longer taken. */
  CONSULTATION_CLOSED: "CONSULTATION_CLOSED",
  /** Published but its open date has not come. */
  CONSULTATION_NOT_OPEN: "CONSULTATION_NOT_OPEN",
  /** Only a draft is edited or published; only a published one is closed; the outcome follows the close. */
  CONSULTATION_WRONG_STATUS: "CONSULTATION_WRONG_STATUS",
  /** Dates out of order, no section, a section named twice in one set, a section of another draft. */
  CONSULTATION_INVALID: "CONSULTATION_INVALID",
  /** A proposal without words or a voice note. */
  CONSULTATION_PROPOSAL_EMPTY: "CONSULTATION_PROPOSAL_EMPTY",
} as const;
export type ConsultationErrorCode = (typeof ConsultationErrorCode)[keyof typeof ConsultationErrorCode];

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
export const ConsultationStatusSchema = Type.Union(CONSULTATION_STATUSES.map((s) => Type.Literal(s)));
export const ConsultationPhaseSchema = Type.Union([Type.Literal("draft"), Type.Literal("upcoming"), Type.Literal("open"), Type.Literal("closed")]);
export const ParticipationSchema = Type.Union(CONSULTATION_PARTICIPATION.map((s) => Type.Literal(s)), {
  description: "members = women whose unit is in the consultation's subtree; link = anyone signed in who opens it",
});
export const StanceSchema = Type.Union(CONSULTATION_STANCES.map((s) => Type.Literal(s)), { description: "agree = đồng ý; disagree = không đồng ý; propose = đề xuất sửa" });

export const SectionWrite = Type.Object({ heading: Text(L.headingMax, 1), body: Text(L.sectionBodyMax) });
export type SectionWrite = Static<typeof SectionWrite>;

export const ConsultationWriteBody = Type.Object({
  unitId: Uuid,
  title: Text(L.titleMax, 1),
  summary: Type.Optional(Text(L.summaryMax)),
  sections: Type.Optional(Type.Array(SectionWrite, { maxItems: L.sectionsMax, description: "Sections as entered; or give draftText" })),
  draftText: Type.Optional(Type.String({ maxLength: L.draftTextMax, description: "The pasted draft: sections start at lines beginning with \"## \" or \"Điều N.\"" })),
  opensAt: Timestamp,
  closesAt: Timestamp,
  participation: ParticipationSchema,
});
export type ConsultationWriteBody = Static<typeof ConsultationWriteBody>;

export const SectionCounts = Type.Object({ agree: Type.Integer(), disagree: Type.Integer(), propose: Type.Integer(), voice: Type.Integer(), duplicates: Type.Integer() });
export type SectionCounts = Static<typeof SectionCounts>;

export const AdminSection = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  heading: Type.String(),
  body: Type.String(),
  synthesis: Type.String(),
  counts: SectionCounts,
});
export type AdminSection = Static<typeof AdminSection>;

export const AdminConsultationSummary = Type.Object({
  id: Uuid,
  unitId: Uuid,
  unitName: Type.String(),
  title: Type.String(),
  status: ConsultationStatusSchema,
  phase: ConsultationPhaseSchema,
  participation: ParticipationSchema,
  opensAt: Timestamp,
  closesAt: Timestamp,
  participants: Type.Integer(),
  updatedAt: Timestamp,
});
export type AdminConsultationSummary = Static<typeof AdminConsultationSummary>;
export const AdminConsultationList = Type.Object({ items: Type.Array(AdminConsultationSummary) });
export type AdminConsultationList = Static<typeof AdminConsultationList>;

export const AdminConsultation = Type.Composite([
  AdminConsultationSummary,
  Type.Object({
    summary: Type.String(),
    sections: Type.Array(AdminSection),
    /** Units (of the women's own units) that took part. */
    units: Type.Integer(),
    outcome: Nullable(Type.Object({ text: Type.String(), sentTo: Type.String(), at: Timestamp })),
  }),
]);
export type AdminConsultation = Static<typeof AdminConsultation>;

/**
 * One woman's position on a section as the cán bộ reads it. `author` is null when she chose to stay anonymous: no name,
 * no unit, no member id, ever (the id is not in this shape at all).
 */
export const AdminComment = Type.Object({
  id: Uuid,
  sectionId: Uuid,
  stance: StanceSchema,
  text: Type.String(),
  voiceMediaId: Nullable(Uuid),
  author: Nullable(Type.Object({ name: Type.String(), unitName: Nullable(Type.String()) })),
  duplicateOf: Nullable(Uuid),
  themes: Type.Array(Type.String()),
  updatedAt: Timestamp,
});
export type AdminComment = Static<typeof AdminComment>;
export const AdminCommentList = Type.Object({ items: Type.Array(AdminComment) });
export type AdminCommentList = Static<typeof AdminCommentList>;

export const SectionParams = Type.Object({ id: Uuid, sectionId: Uuid });
export type SectionParams = Static<typeof SectionParams>;
export const CommentParams = Type.Object({ id: Uuid, commentId: Uuid });
export type CommentParams = Static<typeof CommentParams>;

export const CommentMarkBody = Type.Object({
  duplicateOf: Type.Optional(Nullable(Uuid)),
  themes: Type.Optional(Type.Array(Text(L.themeMax, 1), { maxItems: L.themesMax })),
});
export type CommentMarkBody = Static<typeof CommentMarkBody>;
export const SynthesisBody = Type.Object({ synthesis: Text(L.synthesisMax) });
export type SynthesisBody = Static<typeof SynthesisBody>;
export const OutcomeBody = Type.Object({
  sentTo: Text(L.sentToMax, 1),
  text: Text(L.outcomeMax, 1),
});
export type OutcomeBody = Static<typeof OutcomeBody>;
export const OutcomeResult = Type.Object({ notified: Type.Integer({ description: "Women told now (0 when the outcome was already posted)" }) });
export type OutcomeResult = Static<typeof OutcomeResult>;

/** The woman's side. */
export const ConsultationSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  summary: Type.String(),
  unitName: Type.String(),
  phase: ConsultationPhaseSchema,
  opensAt: Timestamp,
  closesAt: Timestamp,
  sectionCount: Type.Integer(),
  /** Sections she has taken a position on. */
  mine: Type.Integer(),
  outcome: Nullable(Type.Object({ text: Type.String(), sentTo: Type.String(), at: Timestamp })),
});
export type ConsultationSummary = Static<typeof ConsultationSummary>;
export const ConsultationList = Type.Object({ items: Type.Array(ConsultationSummary) });
export type ConsultationList = Static<typeof ConsultationList>;

export const MyPosition = Type.Object({ stance: StanceSchema, text: Type.String(), voiceMediaId: Nullable(Uuid) });
export type MyPosition = Static<typeof MyPosition>;
export const ConsultationDetail = Type.Composite([
  ConsultationSummary,
  Type.Object({
    anonymous: Type.Boolean({ description: "Her set of positions is anonymous to cán bộ" }),
    sections: Type.Array(Type.Object({ id: Uuid, position: Type.Integer(), heading: Type.String(), body: Type.String(), mine: Nullable(MyPosition) })),
  }),
]);
export type ConsultationDetail = Static<typeof ConsultationDetail>;

export const PositionWrite = Type.Object({
  sectionId: Uuid,
  stance: StanceSchema,
  text: Type.Optional(Text(L.commentMax)),
  voiceMediaId: Type.Optional(Nullable(Uuid)),
});
export type PositionWrite = Static<typeof PositionWrite>;
export const PositionsBody = Type.Object({
  anonymous: Type.Optional(Type.Boolean({ description: "Anonymous to cán bộ: her name never reaches them (the whole set)" })),
  positions: Type.Array(PositionWrite, { minItems: 1, maxItems: L.sectionsMax }),
});
export type PositionsBody = Static<typeof PositionsBody>;
