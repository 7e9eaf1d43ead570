import type { Migration } from "../migrate.js";

/**
 * Góp ý dự thảo (issue 16). A consultation belongs to one unit (the cán bộ's subtree is who it is put to); its sections
 * are rows; a woman's set of positions is one `consultation_participants` row (PK consultation + member: the "one set
 * per member" rule, and the lock two concurrent submits of hers queue on) plus one `consultation_positions` row per
 * section she spoke on (unique section + member: an upsert changes it while open).
 *
 * Anonymity: `member_id` is kept on both so the one-set rule holds and the outcome reaches her, and is never returned
 * by an admin route or written to the report; `anonymous` decides whether her name may be shown at all.
 * `unit_id` is her own unit when she first took part: the report counts units that took part.
 */
export const m110: Migration = {
  version: 110,
  name: "consultations",
  sql: /* sql */ `
CREATE TABLE consultations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES units(id),
  author_id uuid REFERENCES members(id),
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  participation text NOT NULL CHECK (participation IN ('members', 'link')),
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
  closed_at timestamptz,
  outcome text,
  outcome_sent_to text,
  outcome_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_at > opens_at)
);
CREATE INDEX consultations_unit_idx ON consultations (unit_id, updated_at DESC);
CREATE INDEX consultations_due_idx ON consultations (closes_at) WHERE status = 'published';

CREATE TABLE consultation_sections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  position int NOT NULL,
  heading text NOT NULL,
  body text NOT NULL DEFAULT '',
  synthesis text NOT NULL DEFAULT '',
  UNIQUE (consultation_id, position)
);

CREATE TABLE consultation_participants (
  consultation_id uuid NOT NULL REFERENCES consultations(id),
  member_id uuid NOT NULL REFERENCES members(id),
  anonymous boolean NOT NULL DEFAULT false,
  unit_id uuid REFERENCES units(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consultation_id, member_id)
);

CREATE TABLE consultation_positions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultation_id uuid NOT NULL REFERENCES consultations(id),
  section_id uuid NOT NULL REFERENCES consultation_sections(id),
  member_id uuid NOT NULL,
  stance text NOT NULL CHECK (stance IN ('agree', 'disagree', 'propose')),
  text text NOT NULL DEFAULT '',
  voice_media_id uuid REFERENCES media(id),
  duplicate_of uuid REFERENCES consultation_positions(id) ON DELETE SET NULL,
  themes text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (section_id, member_id),
  FOREIGN KEY (consultation_id, member_id) REFERENCES consultation_participants (consultation_id, member_id)
);
CREATE INDEX consultation_positions_section_idx ON consultation_positions (section_id, stance);
CREATE INDEX consultation_positions_voice_idx ON consultation_positions (voice_media_id) WHERE voice_media_id IS NOT NULL;
`,
};
