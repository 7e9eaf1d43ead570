import { Type, type Static } from "@sinclair/typebox";
import { PREDICTION_KINDS, RANKING_RULES } from "../domain/contest-ranking.js";
import { CONTEST_KINDS, CONTEST_LIMITS as L, CONTEST_STATUSES } from "../domain/contests.js";
import { Nullable, Timestamp, Uuid } from "./common.js";

/**
 * Thi (issue 11): practice quizzes (Ôn tập) and online contests in rounds (Đợt). Questions come from each round's bank;
 * an attempt is started, timed and scored by the server, and its answers travel to the phone only after it is submitted
 * (practice answers one question at a time). Ranking follows the contest's published rule (domain/contest-ranking.ts).
 */

/** Stable codes for what can go wrong in Thi (clients branch on these). */
export const ContestErrorCode = {
  /** The round is closed (its time passed or the organisers closed it). */
  CONTEST_ROUND_CLOSED: "CONTEST_ROUND_CLOSED",
  /** The round has not opened yet. */
  CONTEST_ROUND_NOT_OPEN: "CONTEST_ROUND_NOT_OPEN",
  /** She already has an attempt in progress in this round: resume it (GET /api/attempts/:id). */
  CONTEST_ATTEMPT_OPEN: "CONTEST_ATTEMPT_OPEN",
  /** She used every attempt the round allows. */
  CONTEST_ATTEMPTS_USED: "CONTEST_ATTEMPTS_USED",
  /** Submitted after the deadline plus the grace. */
  CONTEST_ATTEMPT_LATE: "CONTEST_ATTEMPT_LATE",
  /** The attempt was already submitted (or expired). */
  CONTEST_ATTEMPT_DONE: "CONTEST_ATTEMPT_DONE",
  /** Not an attempt of hers (or none at all). */
  CONTEST_ATTEMPT_NOT_FOUND: "CONTEST_ATTEMPT_NOT_FOUND",
  /** An answer to a question that is not in the attempt, twice the same question, or a choice that does not exist. */
  CONTEST_ANSWERS_INVALID: "CONTEST_ANSWERS_INVALID",
  /** Contest settings that do not hold together (times, counts, tiers). */
  CONTEST_SETTINGS_INVALID: "CONTEST_SETTINGS_INVALID",
  /** A round's bank holds fewer questions than an attempt draws. */
  CONTEST_BANK_TOO_SMALL: "CONTEST_BANK_TOO_SMALL",
  /** The file is not an Excel (.xlsx) or CSV file we can read. */
  CONTEST_IMPORT_UNREADABLE: "CONTEST_IMPORT_UNREADABLE",
  /** Only a draft contest's settings and banks change. */
  CONTEST_NOT_EDITABLE: "CONTEST_NOT_EDITABLE",
  /** Winners are picked once the round is closed. */
  CONTEST_ROUND_OPEN: "CONTEST_ROUND_OPEN",
  /** Only a winner confirms her identity. */
  CONTEST_NOT_WINNER: "CONTEST_NOT_WINNER",
  /** Someone has already started an attempt in the round: its questions, their number and the time limit stay as they are. */
  CONTEST_ROUND_HAS_ATTEMPTS: "CONTEST_ROUND_HAS_ATTEMPTS",
  /** A question image that is not a picture she uploaded. */
  CONTEST_IMAGE_INVALID: "CONTEST_IMAGE_INVALID",
} as const;
export type ContestErrorCode = (typeof ContestErrorCode)[keyof typeof ContestErrorCode];

export const RankingRuleSchema = Type.Union(
  RANKING_RULES.map((r) => Type.Literal(r)),
  { description: "correct_time_prediction = đúng nhiều → thời gian ngắn → dự đoán sát → nộp sớm; correct_prediction_time = đúng nhiều → dự đoán sát → thời gian ngắn → nộp sớm" },
);
export const PredictionKindSchema = Type.Union(
  PREDICTION_KINDS.map((k) => Type.Literal(k)),
  { description: "perfect_count = how many entries answer everything right; entries = how many entries the round gets" },
);
export const ContestKindSchema = Type.Union(CONTEST_KINDS.map((k) => Type.Literal(k)), { description: "contest = Cuộc thi; practice = Ôn tập" });
export const ContestStatusSchema = Type.Union(CONTEST_STATUSES.map((s) => Type.Literal(s)));
export const RoundPhaseSchema = Type.Union([Type.Literal("upcoming"), Type.Literal("open"), Type.Literal("closed")]);

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
export const PrizeTierSchema = Type.Object({ label: Text(60, 1), count: Type.Integer({ minimum: 1, maximum: L.prizeCountMax }) });
export const PredictionSchema = Type.Object({ kind: PredictionKindSchema, prompt: Text(L.promptMax, 1) });
export type Prediction = Static<typeof PredictionSchema>;

export const RoundWrite = Type.Object({
  title: Text(L.titleMax, 1),
  opensAt: Timestamp,
  closesAt: Timestamp,
  questionCount: Type.Integer({ minimum: 1, maximum: L.questionsPerAttemptMax }),
  timeLimitSeconds: Type.Integer({ minimum: L.timeLimitMinSeconds, maximum: L.timeLimitMaxSeconds }),
  maxAttempts: Type.Integer({ minimum: 1, maximum: L.attemptsMax }),
  prediction: Type.Optional(Nullable(PredictionSchema)),
});
export type RoundWrite = Static<typeof RoundWrite>;

export const ContestWriteBody = Type.Object({
  kind: ContestKindSchema,
  unitId: Uuid,
  title: Text(L.titleMax, 1),
  description: Type.Optional(Text(L.textMax)),
  rules: Type.Optional(Text(L.textMax)),
  ranking: Type.Optional(RankingRuleSchema),
  prizeTiers: Type.Optional(Type.Array(PrizeTierSchema, { maxItems: L.prizeTiersMax })),
  rounds: Type.Array(RoundWrite, { minItems: 1, maxItems: L.roundsMax }),
});
export type ContestWriteBody = Static<typeof ContestWriteBody>;

/** A change to a contest after it was created: only the fields sent change (audited). The ranking rule and kind stay. */
export const ContestEditBody = Type.Object(
  {
    title: Type.Optional(Text(L.titleMax, 1)),
    description: Type.Optional(Text(L.textMax)),
    rules: Type.Optional(Text(L.textMax)),
    prizeTiers: Type.Optional(Type.Array(PrizeTierSchema, { maxItems: L.prizeTiersMax })),
  },
  { additionalProperties: false },
);
export type ContestEditBody = Static<typeof ContestEditBody>;

/**
 * A change to a round: title, times and attempts allowed at any time before it is closed; the number of questions an
 * attempt draws, the time limit and the prediction question only while nobody has started an attempt in it.
 */
export const RoundEditBody = Type.Object(
  {
    title: Type.Optional(Text(L.titleMax, 1)),
    opensAt: Type.Optional(Timestamp),
    closesAt: Type.Optional(Timestamp),
    maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: L.attemptsMax })),
    questionCount: Type.Optional(Type.Integer({ minimum: 1, maximum: L.questionsPerAttemptMax })),
    timeLimitSeconds: Type.Optional(Type.Integer({ minimum: L.timeLimitMinSeconds, maximum: L.timeLimitMaxSeconds })),
    prediction: Type.Optional(Nullable(PredictionSchema)),
  },
  { additionalProperties: false },
);
export type RoundEditBody = Static<typeof RoundEditBody>;

/** One question of a bank, written by hand (changed only while nobody has started an attempt in its round). */
export const QuestionWrite = Type.Object({
  prompt: Text(L.promptMax, 1),
  choices: Type.Array(Text(L.choiceMax, 1), { minItems: L.choicesMin, maxItems: L.choicesMax }),
  /** The right choices' numbers (0 = A). */
  answer: Type.Array(Type.Integer({ minimum: 0, maximum: L.choicesMax - 1 }), { minItems: 1, maxItems: L.choicesMax }),
  explanation: Type.Optional(Text(L.textMax)),
  /** A picture uploaded through POST /api/media (JPEG/PNG/WebP), or null for none. */
  imageMediaId: Type.Optional(Nullable(Uuid)),
});
export type QuestionWrite = Static<typeof QuestionWrite>;

export const RoundParams = Type.Object({ id: Uuid, roundId: Uuid });
export type RoundParams = Static<typeof RoundParams>;
export const QuestionParams = Type.Object({ id: Uuid, roundId: Uuid, questionId: Uuid });
export type QuestionParams = Static<typeof QuestionParams>;
export const RoundQuery = Type.Object({ roundId: Uuid });
export type RoundQuery = Static<typeof RoundQuery>;

const Best = Type.Object({ correct: Type.Integer(), total: Type.Integer(), durationMs: Type.Integer() });
export const RoundView = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  title: Type.String(),
  opensAt: Timestamp,
  closesAt: Timestamp,
  phase: RoundPhaseSchema,
  questionCount: Type.Integer(),
  timeLimitSeconds: Type.Integer(),
  maxAttempts: Type.Integer(),
  prediction: Nullable(PredictionSchema),
  /** Her own standing in the round. */
  mine: Type.Object({ attemptsUsed: Type.Integer(), openAttemptId: Nullable(Uuid), best: Nullable(Best) }),
});
export type RoundView = Static<typeof RoundView>;

export const ContestSummary = Type.Object({
  id: Uuid,
  kind: ContestKindSchema,
  title: Type.String(),
  description: Type.String(),
  unitName: Type.String(),
  ranking: RankingRuleSchema,
  status: ContestStatusSchema,
  rounds: Type.Array(RoundView),
});
export type ContestSummary = Static<typeof ContestSummary>;
export const ContestList = Type.Object({ items: Type.Array(ContestSummary) });
export type ContestList = Static<typeof ContestList>;
export const ContestDetail = Type.Composite([ContestSummary, Type.Object({ rules: Type.String(), prizeTiers: Type.Array(PrizeTierSchema) })]);
export type ContestDetail = Static<typeof ContestDetail>;

export const QuestionView = Type.Object({
  id: Uuid,
  prompt: Type.String(),
  multiple: Type.Boolean({ description: "More than one choice is right: she ticks every right one" }),
  imageMediaId: Nullable(Uuid),
  /** In this attempt's shuffled order; `index` is the choice's own number, which answers name. */
  choices: Type.Array(Type.Object({ index: Type.Integer(), text: Type.String() })),
});
export type QuestionView = Static<typeof QuestionView>;

export const AttemptStatusSchema = Type.Union([Type.Literal("open"), Type.Literal("submitted"), Type.Literal("expired")]);
export const AttemptView = Type.Object({
  id: Uuid,
  contestId: Uuid,
  roundId: Uuid,
  number: Type.Integer({ description: "Her 1st, 2nd, … attempt in the round" }),
  status: AttemptStatusSchema,
  startedAt: Timestamp,
  deadline: Timestamp,
  serverNow: Timestamp,
  graceSeconds: Type.Integer(),
  questions: Type.Array(QuestionView),
  prediction: Nullable(PredictionSchema),
});
export type AttemptView = Static<typeof AttemptView>;

export const StartAttemptBody = Type.Object({ roundId: Uuid });
export type StartAttemptBody = Static<typeof StartAttemptBody>;

export const AnswerSchema = Type.Object({
  questionId: Uuid,
  choices: Type.Array(Type.Integer({ minimum: 0, maximum: L.choicesMax }), { maxItems: L.choicesMax }),
});
export const SubmitAttemptBody = Type.Object({
  answers: Type.Array(AnswerSchema, { maxItems: L.questionsPerAttemptMax }),
  prediction: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: L.predictionMax }))),
});
export type SubmitAttemptBody = Static<typeof SubmitAttemptBody>;

export const RankInfo = Type.Object({ rank: Type.Integer(), of: Type.Integer() });
export const AttemptResult = Type.Object({
  id: Uuid,
  roundId: Uuid,
  correct: Type.Integer(),
  total: Type.Integer(),
  durationMs: Type.Integer(),
  submittedAt: Timestamp,
  /** This attempt is now her best in the round (the one that counts). */
  best: Type.Boolean(),
  rank: RankInfo,
});
export type AttemptResult = Static<typeof AttemptResult>;

export const ReviewItem = Type.Object({
  questionId: Uuid,
  prompt: Type.String(),
  choices: Type.Array(Type.String()),
  answer: Type.Array(Type.Integer()),
  picked: Type.Array(Type.Integer()),
  right: Type.Boolean(),
  explanation: Type.String(),
});
export type ReviewItem = Static<typeof ReviewItem>;

export const MyRoundResult = Type.Object({
  roundId: Uuid,
  phase: RoundPhaseSchema,
  rule: RankingRuleSchema,
  attempts: Type.Array(
    Type.Object({ id: Uuid, number: Type.Integer(), status: AttemptStatusSchema, correct: Nullable(Type.Integer()), total: Type.Integer(), durationMs: Nullable(Type.Integer()), submittedAt: Nullable(Timestamp) }),
  ),
  best: Nullable(Type.Composite([Best, Type.Object({ prediction: Nullable(Type.Integer()) })])),
  ranks: Type.Object({ all: Nullable(RankInfo), xa: Nullable(RankInfo), chiHoi: Nullable(RankInfo) }),
  /** The real figure predictions are measured against, once the round is closed. */
  predictionActual: Nullable(Type.Integer()),
  /** After the round closes: her best attempt question by question, with the right answer and its explanation. */
  review: Nullable(Type.Array(ReviewItem)),
});
export type MyRoundResult = Static<typeof MyRoundResult>;

export const LeaderboardScope = Type.Union([Type.Literal("all"), Type.Literal("xa"), Type.Literal("chi_hoi"), Type.Literal("units")], {
  description: "all = the whole contest; xa / chi_hoi = within her commune / chi hội (or unitId); units = collective, by commune",
});
export const LeaderboardQuery = Type.Object({ roundId: Uuid, scope: Type.Optional(LeaderboardScope), unitId: Type.Optional(Uuid) });
export type LeaderboardQuery = Static<typeof LeaderboardQuery>;
export const LeaderRow = Type.Object({
  rank: Type.Integer(),
  name: Type.String(),
  unitName: Type.String(),
  correct: Type.Integer(),
  durationMs: Type.Integer(),
  prediction: Nullable(Type.Integer()),
  me: Type.Boolean(),
});
export type LeaderRow = Static<typeof LeaderRow>;
export const UnitRow = Type.Object({
  rank: Type.Integer(),
  unitId: Uuid,
  unitName: Type.String(),
  participants: Type.Integer(),
  members: Type.Integer(),
  rate: Type.Number({ description: "participants ÷ members" }),
  entries: Type.Integer({ description: "Submitted attempts" }),
  mine: Type.Boolean(),
});
export type UnitRow = Static<typeof UnitRow>;
export const Leaderboard = Type.Object({
  roundId: Uuid,
  scope: LeaderboardScope,
  rule: RankingRuleSchema,
  total: Type.Integer(),
  top: Type.Array(LeaderRow),
  me: Nullable(LeaderRow),
  units: Type.Array(UnitRow),
});
export type Leaderboard = Static<typeof Leaderboard>;

export const WinnerRow = Type.Object({
  tier: Type.Integer(),
  label: Type.String(),
  rank: Type.Integer(),
  name: Type.String(),
  unitName: Type.String(),
  phoneMasked: Nullable(Type.String()),
  correct: Type.Integer(),
  durationMs: Type.Integer(),
  confirmed: Type.Boolean(),
  me: Type.Boolean(),
});
export type WinnerRow = Static<typeof WinnerRow>;
export const WinnerList = Type.Object({ roundId: Uuid, picked: Type.Boolean(), items: Type.Array(WinnerRow) });
export type WinnerList = Static<typeof WinnerList>;
export const WinnerConfirmBody = Type.Object({
  roundId: Uuid,
  fullName: Text(120, 1),
  phone: Text(40, 1),
  idNumber: Text(20, 9),
  address: Text(300, 1),
});
export type WinnerConfirmBody = Static<typeof WinnerConfirmBody>;

// Ôn tập
export const QuizSummary = Type.Object({ id: Uuid, title: Type.String(), description: Type.String(), unitName: Type.String(), questionCount: Type.Integer(), bankSize: Type.Integer() });
export const QuizList = Type.Object({ items: Type.Array(QuizSummary) });
export type QuizList = Static<typeof QuizList>;
export const QuizSession = Type.Object({ id: Uuid, title: Type.String(), questions: Type.Array(QuestionView) });
export type QuizSession = Static<typeof QuizSession>;
export const QuizCheckBody = AnswerSchema;
export type QuizCheckBody = Static<typeof QuizCheckBody>;
export const QuizCheckResult = Type.Object({ right: Type.Boolean(), answer: Type.Array(Type.Integer()), explanation: Type.String() });
export type QuizCheckResult = Static<typeof QuizCheckResult>;

// Cán bộ
export const AdminRound = Type.Composite([
  Type.Omit(RoundView, ["mine"]),
  Type.Object({ bankSize: Type.Integer(), entries: Type.Integer(), closedAt: Nullable(Timestamp), predictionActual: Nullable(Type.Integer()), winnersPickedAt: Nullable(Timestamp) }),
]);
export type AdminRound = Static<typeof AdminRound>;
export const AdminContest = Type.Object({
  id: Uuid,
  kind: ContestKindSchema,
  unitId: Uuid,
  unitName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  rules: Type.String(),
  ranking: RankingRuleSchema,
  prizeTiers: Type.Array(PrizeTierSchema),
  status: ContestStatusSchema,
  rounds: Type.Array(AdminRound),
  updatedAt: Timestamp,
});
export type AdminContest = Static<typeof AdminContest>;
export const AdminContestList = Type.Object({ items: Type.Array(Type.Omit(AdminContest, ["rounds", "rules", "prizeTiers", "description"])) });
export type AdminContestList = Static<typeof AdminContestList>;

export const ImportBody = Type.Object({
  fileName: Text(200, 1),
  contentBase64: Type.String({ minLength: 1, maxLength: Math.ceil((L.importMaxBytes * 4) / 3) + 4 }),
  /** Import the good rows and leave out the bad ones (otherwise one bad row stops the whole file). */
  skipBad: Type.Optional(Type.Boolean()),
});
export type ImportBody = Static<typeof ImportBody>;
export const ImportResult = Type.Object({
  imported: Type.Integer(),
  skipped: Type.Integer(),
  /** True when bad rows stopped the import: nothing was added. */
  rejected: Type.Boolean(),
  errors: Type.Array(Type.Object({ line: Type.Integer(), message: Type.String() })),
  bankSize: Type.Integer(),
});
export type ImportResult = Static<typeof ImportResult>;
export const AdminQuestion = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  prompt: Type.String(),
  choices: Type.Array(Type.String()),
  answer: Type.Array(Type.Integer()),
  explanation: Type.String(),
  imageMediaId: Nullable(Uuid),
});
export type AdminQuestion = Static<typeof AdminQuestion>;
export const AdminQuestionList = Type.Object({ items: Type.Array(AdminQuestion), attempts: Type.Integer({ description: "Attempts started in the round: while 0, questions may be changed" }) });
export type AdminQuestionList = Static<typeof AdminQuestionList>;
export const AdminWinnerRow = Type.Composite([
  Type.Omit(WinnerRow, ["me", "phoneMasked"]),
  Type.Object({ memberId: Uuid, phone: Nullable(Type.String()), confirmation: Nullable(Type.Object({ fullName: Type.String(), phone: Type.String(), idNumber: Type.String(), address: Type.String(), at: Timestamp })) }),
]);
export const AdminWinnerList = Type.Object({ roundId: Uuid, items: Type.Array(AdminWinnerRow) });
export type AdminWinnerList = Static<typeof AdminWinnerList>;
