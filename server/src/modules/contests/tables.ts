import type { ColumnType, Generated } from "kysely";

type Auto<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string | undefined, string>;
/** bigint: node-postgres reads it as a string (it may not fit a double); we write numbers. */
type Int8 = ColumnType<string, number | string, number | string>;

export type RankingRuleCode = "correct_time_prediction" | "correct_prediction_time";

export interface ContestsTable {
  id: Generated<string>;
  kind: "contest" | "practice";
  unit_id: string;
  audience: string[];
  title: string;
  description: Auto<string>;
  rules: Auto<string>;
  ranking: Auto<RankingRuleCode>;
  prize_tiers: Json<Array<{ label: string; count: number }>>;
  status: Auto<"draft" | "published" | "closed">;
  sample: Auto<boolean>;
  author_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContestRoundsTable {
  id: Generated<string>;
  contest_id: string;
  position: number;
  title: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  question_count: number;
  time_limit_seconds: number;
  max_attempts: number;
  prediction_kind: "perfect_count" | "entries" | null;
  prediction_prompt: string | null;
  closed_at: Date | null;
  prediction_actual: number | null;
  winners_picked_at: Date | null;
}

export interface ContestQuestionsTable {
  id: Generated<string>;
  round_id: string;
  position: number;
  prompt: string;
  choices: string[];
  answer: number[];
  explanation: Auto<string>;
  image_media_id: string | null;
}

export interface ContestAttemptsTable {
  id: Generated<string>;
  round_id: string;
  member_id: string;
  number: number;
  status: Auto<"open" | "submitted" | "expired">;
  question_ids: string[];
  choice_orders: Json<number[][]>;
  started_at: Timestamp;
  deadline: Timestamp;
  submitted_at: Date | null;
  answers: ColumnType<Record<string, number[]> | null, string | null | undefined, string | null>;
  correct: number | null;
  duration_ms: number | null;
  prediction: number | null;
}

export interface ContestEntriesTable {
  round_id: string;
  member_id: string;
  attempt_id: string;
  xa_id: string | null;
  chi_hoi_id: string | null;
  correct: number;
  duration_ms: number;
  prediction: number | null;
  submitted_at: Timestamp;
  k1: Int8;
  k2: Int8;
  k3: Int8;
  k4: Int8;
  /** Her rank in the whole round, stored when the round closed (migration 063); null while it is open. */
  final_rank: ColumnType<number | null, number | null | undefined, number | null>;
}

/** As stored: the number sealed (privacy/phones.ts); `phone` only in confirmations from before migration 130. */
export interface WinnerConfirmation {
  fullName: string;
  phone?: string;
  phoneSealed?: string;
  idNumber: string;
  address: string;
}

export interface ContestWinnersTable {
  round_id: string;
  member_id: string;
  tier: number;
  label: string;
  rank: number;
  confirmed_at: Date | null;
  confirmation: ColumnType<WinnerConfirmation | null, string | null | undefined, string | null>;
}

export interface ContestEntryCountsTable {
  round_id: string;
  shard: number;
  n: number;
}

export interface ContestRankBucketsTable {
  round_id: string;
  /** 0: (k1, coarse bucket of k2); 1: (k1, fine bucket of k2), migration 061. */
  level: number;
  k1: Int8;
  b: number;
  n: number;
}

export interface ContestTables {
  contest_rank_buckets: ContestRankBucketsTable;
  contest_entry_counts: ContestEntryCountsTable;
  contests: ContestsTable;
  contest_rounds: ContestRoundsTable;
  contest_questions: ContestQuestionsTable;
  contest_attempts: ContestAttemptsTable;
  contest_entries: ContestEntriesTable;
  contest_winners: ContestWinnersTable;
}
