import type { Migration } from "../migrate.js";

/** The union tree, members, roles, sessions and the audit log. */
export const m001: Migration = {
  version: 1,
  name: "core",
  sql: /* sql */ `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id uuid REFERENCES units(id),
  level text NOT NULL CHECK (level IN ('tinh','xa','chi_hoi','to')),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text,
  -- '/<root id>/.../<own id>/': a subtree is every row whose path starts with the root's path
  path text NOT NULL UNIQUE,
  former_names text[] NOT NULL DEFAULT '{}',
  -- folded (no diacritics, lower case) name + former names, for search as women type
  search_text text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  merged_into uuid REFERENCES units(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_parent_idx ON units(parent_id);
CREATE INDEX units_path_idx ON units(path text_pattern_ops);
CREATE INDEX units_search_trgm ON units USING gin (search_text gin_trgm_ops);

CREATE TABLE unit_history (
  id bigserial PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES units(id),
  action text NOT NULL CHECK (action IN ('create','rename','deactivate','merge','absorb')),
  old_name text,
  new_name text,
  detail jsonb NOT NULL DEFAULT '{}',
  actor_id uuid,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_history_unit_idx ON unit_history(unit_id, at);

CREATE TABLE members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zalo_app_user_id text UNIQUE,
  zalo_oa_user_id text UNIQUE,
  name text NOT NULL,
  avatar text,
  phone text,
  unit_id uuid REFERENCES units(id),
  membership_status text NOT NULL DEFAULT 'none' CHECK (membership_status IN ('none','pending','confirmed')),
  membership_requested_at timestamptz,
  membership_confirmed_by uuid REFERENCES members(id),
  membership_confirmed_at timestamptz,
  ethnicity text,
  language text,
  consents jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz
);
CREATE INDEX members_unit_idx ON members(unit_id, membership_status);

CREATE TABLE roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL REFERENCES members(id),
  unit_id uuid NOT NULL REFERENCES units(id),
  role text NOT NULL CHECK (role IN ('can_bo','admin')),
  scopes text[] NOT NULL DEFAULT '{}',
  granted_by uuid REFERENCES members(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_id, unit_id, role)
);
CREATE INDEX roles_unit_idx ON roles(unit_id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  member_id uuid NOT NULL REFERENCES members(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_member_idx ON sessions(member_id);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  actor_id uuid REFERENCES members(id),
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  detail jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity_idx ON audit_log(entity_type, entity_id);

-- Zalo OA tokens: one row, replaced atomically on refresh (refresh tokens are single-use).
CREATE TABLE zalo_oa_tokens (
  oa_id text PRIMARY KEY,
  access_token text NOT NULL,
  refresh_token text NOT NULL,
  access_expires_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
};
