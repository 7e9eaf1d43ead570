import type { Migration } from "../migrate.js";

/**
 * Notifications belong to no module: a delivery names its source (module, id, the Mini App link that opens it) and
 * carries a message type with parameters instead of finished Vietnamese, written out per the recipient's language
 * when listed or sent. Feedback still records which timeline event caused a delivery (event_id, now optional).
 * Uniqueness — "adding twice sends once" — is per source, dedupe key, recipient and channel.
 *
 * Timeline events get a message type and parameters too. Old rows are backfilled from their stored sentence so they
 * read exactly as before: the sentences whose wording a cán bộ reads differently get their real type; the rest
 * become legacy.text with the sentence as {{text}}. The append-only trigger is paused for that one backfill.
 *
 * The sending settings (rate, OA window, template, reconciler delay) move from feedback's settings to notify's own.
 */
export const m040: Migration = {
  version: 40,
  name: "notify_sources",
  sql: /* sql */ `
CREATE TABLE notify_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO notify_settings (key, value)
SELECT key, value FROM feedback_settings WHERE key IN ('cs_window_hours', 'notify_rate_per_sec', 'reconcile_after_seconds');
INSERT INTO notify_settings (key, value)
SELECT 'template_id', to_jsonb(coalesce(value ->> 'status_update', '')) FROM feedback_settings WHERE key = 'template_ids';
INSERT INTO notify_settings (key, value) VALUES
  ('cs_window_hours', '48'), ('notify_rate_per_sec', '10'), ('reconcile_after_seconds', '3'), ('template_id', '""')
ON CONFLICT (key) DO NOTHING;
DELETE FROM feedback_settings WHERE key IN ('cs_window_hours', 'notify_rate_per_sec', 'template_ids');

ALTER TABLE deliveries
  ADD COLUMN source_module text,
  ADD COLUMN source_id text,
  ADD COLUMN dedupe_key text,
  ADD COLUMN link text,
  ADD COLUMN type text,
  ADD COLUMN params jsonb NOT NULL DEFAULT '{}';
UPDATE deliveries d
   SET source_module = 'feedback',
       source_id = e.submission_id::text,
       dedupe_key = d.event_id::text,
       link = CASE WHEN d.audience = 'author' THEN '/phan-anh/theo-doi/' || e.submission_id
                   ELSE '/can-bo/hop-viec' || coalesce('/' || e.assignment_id, '') END,
       type = 'legacy.text',
       params = jsonb_build_object('text', d.text)
  FROM submission_events e
 WHERE e.id = d.event_id;
ALTER TABLE deliveries
  ALTER COLUMN source_module SET NOT NULL,
  ALTER COLUMN source_id SET NOT NULL,
  ALTER COLUMN dedupe_key SET NOT NULL,
  ALTER COLUMN link SET NOT NULL,
  ALTER COLUMN type SET NOT NULL,
  ALTER COLUMN event_id DROP NOT NULL,
  DROP CONSTRAINT deliveries_event_id_recipient_id_channel_key,
  DROP COLUMN text,
  DROP COLUMN audience;
CREATE UNIQUE INDEX deliveries_dedupe_uq ON deliveries (source_module, source_id, dedupe_key, recipient_id, channel);
CREATE INDEX deliveries_event_idx ON deliveries (event_id) WHERE event_id IS NOT NULL;

ALTER TABLE submission_events
  ADD COLUMN message_type text,
  ADD COLUMN params jsonb NOT NULL DEFAULT '{}';
ALTER TABLE submission_events DISABLE TRIGGER submission_events_no_change;
UPDATE submission_events
   SET message_type = CASE
         WHEN type = 'replied' THEN 'feedback.event.replied'
         WHEN type = 'resolved' THEN 'feedback.event.resolved'
         WHEN type = 'received' THEN 'feedback.event.received'
         WHEN type = 'follow_up_asked' THEN 'feedback.event.followUpAsked'
         WHEN type = 'forwarded' AND actor_id IS NULL AND message ~ '^Đã chuyển đến .*\\.$' THEN 'feedback.event.routed'
         ELSE 'legacy.text' END,
       params = CASE
         WHEN type IN ('received', 'follow_up_asked') THEN '{}'::jsonb
         WHEN type = 'forwarded' AND actor_id IS NULL AND message ~ '^Đã chuyển đến .*\\.$'
           THEN jsonb_build_object('unit', substring(message FROM '^Đã chuyển đến (.*)\\.$'))
         ELSE jsonb_build_object('text', message) END;
ALTER TABLE submission_events ENABLE TRIGGER submission_events_no_change;
ALTER TABLE submission_events ALTER COLUMN message_type SET NOT NULL;
`,
};
