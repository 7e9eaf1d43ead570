import { Type, type Static } from "@sinclair/typebox";
import { POLL_BREAKDOWNS, POLL_LIMITS as L, POLL_QUESTION_KINDS } from "../domain/polls.js";
import { PROFILE_TAGS } from "../domain/profile-tags.js";
import { Nullable, Timestamp, Uuid } from "./common.js";

/**
 * Khảo sát nhanh (issue 16): a cán bộ sends a poll of 1–5 questions to a segment of her subtree; a member answers once;
 * the cán bộ follows aggregated results (small groups hidden) and exports them to Excel. Answers are stored without
 * the member's id: who answered and what was answered are kept in separate tables.
 */

export const PollErrorCode = {
  /** A question, option or answer that does not fit its kind. */
  POLL_INVALID: "POLL_INVALID",
  /** A chosen unit outside the sending unit's subtree (her scope is checked first: 403). */
  POLL_TARGET_OUT_OF_SCOPE: "POLL_TARGET_OUT_OF_SCOPE",
  /** Close time before open time, or already past. */
  POLL_TIME_INVALID: "POLL_TIME_INVALID",
  /** She has already answered this poll. */
  POLL_ALREADY_ANSWERED: "POLL_ALREADY_ANSWERED",
  /** The poll has closed (or was closed by the cán bộ). */
  POLL_CLOSED: "POLL_CLOSED",
  /** The poll has not opened yet. */
  POLL_NOT_OPEN: "POLL_NOT_OPEN",
} as const;
export type PollErrorCode = (typeof PollErrorCode)[keyof typeof PollErrorCode];

const lit = <T extends string>(xs: readonly T[], description?: string) => Type.Union(xs.map((x) => Type.Literal(x)), description ? { description } : {});

export const PollQuestionKind = lit(POLL_QUESTION_KINDS, "single / multiple choice, scale 1–5, short text");
export const PollBreakdown = lit(POLL_BREAKDOWNS);
export const PollStatus = lit(["scheduled", "open", "closed"] as const);
export type PollStatus = Static<typeof PollStatus>;

export const PollQuestion = Type.Object({
  kind: PollQuestionKind,
  text: Type.String({ maxLength: L.questionTextMax }),
  /** Choices of a single/multiple question (2–8); absent for scale and text. */
  options: Type.Optional(Type.Array(Type.String({ maxLength: L.optionTextMax }), { maxItems: L.optionsMax })),
});
export type PollQuestion = Static<typeof PollQuestion>;

export const PollWriteBody = Type.Object({
  /** The sending unit: one under her roles. */
  unitId: Uuid,
  /** Units inside the sending unit's subtree; none = the whole subtree. */
  targetUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: L.targetsMax })),
  /** Profile tags (e.g. "tuoi:duoi_30"): for each group named, she holds one of them; none = everyone of the units. */
  targetTags: Type.Optional(Type.Array(lit(PROFILE_TAGS as unknown as string[]), { maxItems: PROFILE_TAGS.length })),
  title: Type.String({ maxLength: L.titleMax }),
  intro: Type.Optional(Type.String({ maxLength: L.introMax })),
  questions: Type.Array(PollQuestion, { minItems: L.questionsMin, maxItems: L.questionsMax }),
  /** Absent: now. */
  opensAt: Type.Optional(Timestamp),
  closesAt: Timestamp,
  /** Also send an announcement (Thông báo) to the poll's units. */
  announce: Type.Optional(Type.Boolean()),
});
export type PollWriteBody = Static<typeof PollWriteBody>;

export const AdminPoll = Type.Object({
  id: Uuid,
  title: Type.String(),
  intro: Type.String(),
  unit: Type.Object({ id: Uuid, name: Type.String() }),
  targetUnitIds: Type.Array(Uuid),
  targetTags: Type.Array(Type.String()),
  questions: Type.Array(PollQuestion),
  opensAt: Timestamp,
  closesAt: Timestamp,
  status: PollStatus,
  /** Members the poll reached when it was sent. */
  audienceSize: Type.Integer(),
  respondents: Type.Integer(),
  broadcastId: Nullable(Uuid),
  createdAt: Timestamp,
});
export type AdminPoll = Static<typeof AdminPoll>;

export const AdminPollList = Type.Object({ items: Type.Array(AdminPoll) });
export type AdminPollList = Static<typeof AdminPollList>;

export const PollGroup = Type.Object({
  /** A unit id, a profile tag, "_unknown" (did not say) or "_small" (small groups merged). */
  key: Type.String(),
  label: Type.String(),
  respondents: Type.Integer(),
  /** Per option (scale: points 1–5), how many of the group chose it. */
  counts: Type.Array(Type.Integer()),
});
export type PollGroup = Static<typeof PollGroup>;

export const PollQuestionResult = Type.Object({
  index: Type.Integer(),
  kind: PollQuestionKind,
  text: Type.String(),
  /** Option labels (scale: "1"–"5"); empty for text. */
  options: Type.Array(Type.String()),
  /** Everyone's counts per option. */
  counts: Type.Array(Type.Integer()),
  /** How many answered this question. */
  answered: Type.Integer(),
  /** Scale: the mean, or null without answers. */
  average: Nullable(Type.Number()),
  /** Text: the answers, without author or time, in no meaningful order. */
  texts: Type.Array(Type.String()),
  breakdowns: Type.Object({ unit: Type.Array(PollGroup), age: Type.Array(PollGroup), ethnic: Type.Array(PollGroup) }),
});
export type PollQuestionResult = Static<typeof PollQuestionResult>;

export const PollResults = Type.Object({
  poll: AdminPoll,
  respondents: Type.Integer(),
  /** Groups under this many respondents are merged into "nhóm nhỏ" or hidden. */
  smallGroupMin: Type.Integer(),
  questions: Type.Array(PollQuestionResult),
});
export type PollResults = Static<typeof PollResults>;

export const MemberPoll = Type.Object({
  id: Uuid,
  title: Type.String(),
  intro: Type.String(),
  unitName: Type.String(),
  questions: Type.Array(PollQuestion),
  opensAt: Timestamp,
  closesAt: Timestamp,
  status: PollStatus,
  answered: Type.Boolean(),
});
export type MemberPoll = Static<typeof MemberPoll>;

export const MemberPollList = Type.Object({ items: Type.Array(MemberPoll) });
export type MemberPollList = Static<typeof MemberPollList>;

export const PollAnswer = Type.Object({
  /** single / scale (1–5): the chosen option index or point. */
  choice: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
  /** multiple: the chosen option indexes. */
  choices: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 10 }), { maxItems: L.optionsMax })),
  /** text: her answer (may be empty). */
  text: Type.Optional(Type.String({ maxLength: L.textAnswerMax })),
});
export type PollAnswer = Static<typeof PollAnswer>;

export const PollAnswerBody = Type.Object({
  /** One per question, in order. */
  answers: Type.Array(PollAnswer, { minItems: L.questionsMin, maxItems: L.questionsMax }),
});
export type PollAnswerBody = Static<typeof PollAnswerBody>;
