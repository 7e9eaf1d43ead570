import type { ColumnType, Generated } from "kysely";
import type { ConsultationParticipation, ConsultationStance, ConsultationStatus } from "@hoiso/shared";

type Auto<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ConsultationsTable {
  id: Generated<string>;
  unit_id: string;
  author_id: string | null;
  title: string;
  summary: Auto<string>;
  participation: ConsultationParticipation;
  opens_at: Timestamp;
  closes_at: Timestamp;
  status: Auto<ConsultationStatus>;
  closed_at: Date | null;
  outcome: string | null;
  outcome_sent_to: string | null;
  outcome_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConsultationSectionsTable {
  id: Generated<string>;
  consultation_id: string;
  position: number;
  heading: string;
  body: Auto<string>;
  synthesis: Auto<string>;
}

export interface ConsultationParticipantsTable {
  consultation_id: string;
  member_id: string;
  anonymous: Auto<boolean>;
  unit_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConsultationPositionsTable {
  id: Generated<string>;
  consultation_id: string;
  section_id: string;
  member_id: string;
  stance: ConsultationStance;
  text: Auto<string>;
  voice_media_id: string | null;
  duplicate_of: string | null;
  themes: Auto<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConsultationTables {
  consultations: ConsultationsTable;
  consultation_sections: ConsultationSectionsTable;
  consultation_participants: ConsultationParticipantsTable;
  consultation_positions: ConsultationPositionsTable;
}
