import type { Migration } from "../migrate.js";

/**
 * Feedback, reports and petitions: categories and routing rules (data, not code), submissions with their timeline,
 * assignments to units, petition signatures, the notification outbox and the pipeline's settings.
 */
export const m010: Migration = {
  version: 10,
  name: "feedback",
  sql: /* sql */ `
CREATE TABLE categories (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]{2,40}$'),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- the level that handles it by default; routing_rules may override per origin subtree
  handling_level text NOT NULL CHECK (handling_level IN ('tinh','xa','chi_hoi','to')),
  sla_hours double precision NOT NULL CHECK (sla_hours > 0),
  -- private: only the assigned unit's cán bộ and the province see it; every read is audited
  private boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  sort integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO categories (code, name, description, handling_level, sla_hours, private, sort) VALUES
  ('bao_luc', 'Bạo lực gia đình / xâm hại phụ nữ, trẻ em',
   'Bị đánh đập, đe dọa, xâm hại; trẻ em bị xâm hại. Chỉ cán bộ Hội được giao và Hội LHPN tỉnh được xem.', 'xa', 24, true, 10),
  ('viec_lam', 'Việc làm – lao động', 'Tìm việc, lương, hợp đồng lao động, đi làm xa.', 'xa', 120, false, 20),
  ('an_sinh', 'An sinh xã hội', 'Trợ cấp, hộ nghèo, chính sách cho người có công, người khuyết tật.', 'xa', 120, false, 30),
  ('y_te', 'Y tế – BHYT', 'Khám chữa bệnh, thẻ bảo hiểm y tế, chăm sóc sức khỏe bà mẹ, trẻ em.', 'xa', 120, false, 40),
  ('dat_dai', 'Đất đai – môi trường', 'Đất ở, đất sản xuất, ô nhiễm, rác thải, nước sạch.', 'xa', 168, false, 50),
  ('vay_von', 'Vay vốn – khởi nghiệp', 'Vay vốn ưu đãi, tổ tiết kiệm và vay vốn, hỗ trợ khởi nghiệp.', 'chi_hoi', 120, false, 60),
  ('thu_tuc', 'Thủ tục hành chính – dịch vụ công', 'Giấy tờ, dịch vụ công trực tuyến, chứng thực.', 'xa', 72, false, 70),
  ('gop_y_hoi', 'Góp ý hoạt động Hội', 'Ý kiến về sinh hoạt, hoạt động của Hội.', 'chi_hoi', 168, false, 80),
  ('khac', 'Khác', 'Những vấn đề khác.', 'chi_hoi', 168, false, 90);

CREATE TABLE routing_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_code text NOT NULL REFERENCES categories(code),
  -- null: the whole province; otherwise the rule applies to submissions from this unit's subtree
  origin_unit_id uuid REFERENCES units(id),
  target_level text NOT NULL CHECK (target_level IN ('tinh','xa','chi_hoi','to')),
  sla_hours double precision CHECK (sla_hours IS NULL OR sla_hours > 0),
  -- levels to escalate to, in order; empty: each parent in turn up to the province
  escalation_levels text[] NOT NULL DEFAULT '{}'
    CHECK (escalation_levels <@ ARRAY['tinh','xa','chi_hoi','to']::text[]),
  active boolean NOT NULL DEFAULT true,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX routing_rules_scope_uq ON routing_rules (category_code, coalesce(origin_unit_id, '00000000-0000-0000-0000-000000000000'::uuid));

CREATE TABLE submissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tracking_code text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('feedback','report','petition')),
  category_code text NOT NULL REFERENCES categories(code),
  body text NOT NULL CHECK (length(btrim(body)) > 0),
  -- folded text (no diacritics, lower case) for "similar items" search
  search_text text NOT NULL,
  origin_unit_id uuid NOT NULL REFERENCES units(id),
  author_id uuid NOT NULL REFERENCES members(id),
  anonymous boolean NOT NULL DEFAULT false,
  sensitive boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'received'
    CHECK (status IN ('received','forwarded','acknowledged','replied','resolved','closed')),
  -- set once the route job is in the queue; the reconciler re-adds rows where it stays null
  queued_at timestamptz,
  routed_at timestamptz,
  resolved_at timestamptz,
  resolved_assignment_id uuid,
  follow_up_asked_at timestamptz,
  follow_up_answer boolean,
  petition_state text CHECK (petition_state IN ('open','reached','not_reached')),
  petition_deadline timestamptz,
  petition_threshold integer,
  signature_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'petition') = (petition_state IS NOT NULL))
);
CREATE INDEX submissions_author_idx ON submissions (author_id, created_at DESC);
CREATE INDEX submissions_unqueued_idx ON submissions (created_at) WHERE queued_at IS NULL;
CREATE INDEX submissions_unrouted_idx ON submissions (queued_at) WHERE routed_at IS NULL;
CREATE INDEX submissions_origin_idx ON submissions (origin_unit_id, status);
-- No trigram index on search_text: "similar items" is always scoped to one commune's subtree (found through
-- submissions_origin_idx), so it scores a few hundred rows at most, while a GIN index would tax every intake.
CREATE INDEX submissions_followup_idx ON submissions (resolved_at) WHERE status = 'resolved' AND follow_up_asked_at IS NULL;
CREATE INDEX submissions_petition_open_idx ON submissions (petition_deadline) WHERE petition_state = 'open';

-- media ids come from the media module (its table is created by a later migration, so no foreign key here)
CREATE TABLE submission_media (
  submission_id uuid NOT NULL REFERENCES submissions(id),
  media_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('image','audio')),
  sort integer NOT NULL DEFAULT 0,
  PRIMARY KEY (submission_id, media_id)
);
CREATE INDEX submission_media_media_idx ON submission_media (media_id);

CREATE TABLE assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  submission_id uuid NOT NULL REFERENCES submissions(id),
  unit_id uuid NOT NULL REFERENCES units(id),
  reason text NOT NULL CHECK (reason IN ('primary','escalation','forward','reroute','petition')),
  from_assignment_id uuid REFERENCES assignments(id),
  sla_hours double precision NOT NULL,
  escalation_levels text[] NOT NULL DEFAULT '{}',
  due_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES members(id),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES members(id),
  -- handed over (rerouted), superseded by a resolution elsewhere, or moved by a unit merge
  closed boolean NOT NULL DEFAULT false,
  escalated_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- one assignment per unit per submission: re-running route/escalate cannot add a second one
  UNIQUE (submission_id, unit_id)
);
-- and exactly one primary assignment per submission, whatever the rules say on a second run
CREATE UNIQUE INDEX assignments_primary_uq ON assignments (submission_id) WHERE reason = 'primary';
CREATE INDEX assignments_unit_idx ON assignments (unit_id, created_at DESC);
CREATE INDEX assignments_overdue_idx ON assignments (due_at)
  WHERE NOT closed AND resolved_at IS NULL AND acknowledged_at IS NULL AND escalated_at IS NULL;
ALTER TABLE submissions ADD FOREIGN KEY (resolved_assignment_id) REFERENCES assignments(id);

CREATE TABLE submission_events (
  id bigserial PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions(id),
  type text NOT NULL,
  actor_id uuid REFERENCES members(id),
  unit_id uuid REFERENCES units(id),
  assignment_id uuid REFERENCES assignments(id),
  message text NOT NULL DEFAULT '',
  visible_to_author boolean NOT NULL DEFAULT true,
  public boolean NOT NULL DEFAULT false,
  detail jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submission_events_submission_idx ON submission_events (submission_id, id);
-- append-only: the timeline is evidence
CREATE FUNCTION submission_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'submission_events is append-only';
END $$;
CREATE TRIGGER submission_events_no_change BEFORE UPDATE OR DELETE ON submission_events
  FOR EACH ROW EXECUTE FUNCTION submission_events_append_only();

CREATE TABLE petition_signatures (
  submission_id uuid NOT NULL REFERENCES submissions(id),
  member_id uuid NOT NULL REFERENCES members(id),
  signed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (submission_id, member_id)
);

-- notification outbox: one row per event, recipient and channel; in_app rows are the member's notification list
CREATE TABLE deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id bigint NOT NULL REFERENCES submission_events(id),
  recipient_id uuid NOT NULL REFERENCES members(id),
  -- whom the text was written for: the author or a cán bộ (a cán bộ's text never names an anonymous author)
  audience text NOT NULL CHECK (audience IN ('author','can_bo')),
  channel text NOT NULL CHECK (channel IN ('in_app','oa_cs','template')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','fallback','skipped','failed')),
  text text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  provider_message_id text,
  queued_at timestamptz,
  sent_at timestamptz,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, recipient_id, channel)
);
CREATE INDEX deliveries_inbox_idx ON deliveries (recipient_id, created_at DESC) WHERE channel = 'in_app';
CREATE INDEX deliveries_unqueued_idx ON deliveries (created_at) WHERE status = 'pending' AND queued_at IS NULL;

CREATE TABLE feedback_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO feedback_settings (key, value) VALUES
  ('petition_thresholds', '{"to": 10, "chi_hoi": 20, "xa": 50, "tinh": 200}'),
  ('petition_days', '30'),
  ('follow_up_days', '7'),
  ('cs_window_hours', '48'),
  ('template_ids', '{"status_update": ""}'),
  ('notify_rate_per_sec', '10'),
  ('reconcile_after_seconds', '3');
`,
};
