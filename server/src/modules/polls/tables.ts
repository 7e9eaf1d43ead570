import type { ColumnType, Generated } from "kysely";

type Auto<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** One poll; its questions as written (validated by the API). */
export interface PollsTable {
  id: Generated<string>;
  unit_id: string;
  author_id: string;
  title: string;
  intro: Auto<string>;
  questions: ColumnType<unknown, string, string>;
  target_unit_ids: Auto<string[]>;
  target_paths: string[];
  target_tags: Auto<string[]>;
  opens_at: Timestamp;
  closes_at: Timestamp;
  audience_size: Auto<number>;
  broadcast_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Who answered (the one-answer rule); never joined to what she answered. */
export interface PollParticipantsTable {
  poll_id: string;
  member_id: string;
  answered_at: Timestamp;
}

/** A ballot: no member id, no time. */
export interface PollResponsesTable {
  id: Generated<string>;
  poll_id: string;
  unit_group: string;
  age_group: string | null;
  ethnic_group: string | null;
}

export interface PollAnswersTable {
  response_id: string;
  poll_id: string;
  question_idx: number;
  option_idx: number;
  unit_group: string;
  age_group: string | null;
  ethnic_group: string | null;
}

export interface PollTextsTable {
  id: Generated<string>;
  response_id: string;
  poll_id: string;
  question_idx: number;
  text: string;
}

/** Kept by triggers (migration 111): counts per question, option and group combination; '' = did not say. */
export interface PollTalliesTable {
  poll_id: string;
  question_idx: number;
  option_idx: number;
  unit_group: string;
  age_group: string;
  ethnic_group: string;
  n: number;
}

/** Kept by triggers: respondents per group combination. */
export interface PollGroupTalliesTable {
  poll_id: string;
  unit_group: string;
  age_group: string;
  ethnic_group: string;
  n: number;
}

export interface PollTables {
  poll_tallies: PollTalliesTable;
  poll_group_tallies: PollGroupTalliesTable;
  polls: PollsTable;
  poll_participants: PollParticipantsTable;
  poll_responses: PollResponsesTable;
  poll_answers: PollAnswersTable;
  poll_texts: PollTextsTable;
}
