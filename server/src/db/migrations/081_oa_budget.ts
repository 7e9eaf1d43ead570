import type { Migration } from "../migrate.js";

/**
 * One OA sending budget for the deployment (issue 14), shared by notifications (announcements included) and the OA
 * chat's replies: a token bucket in one row, refilled at notify_settings.notify_rate_per_sec and taken under its row
 * lock by every worker process, on either queue backend. A chat reply has precedence: when one cannot get its token
 * it sets `chat_until`, and until then bulk sends take nothing, so the next token goes to the woman waiting.
 *
 * The bucket holds at most a fifth of a second's worth (at least two): no second sees much more than the rate, and a
 * waiter whose timer fires a little late finds its tokens still there (the old 100 ms BullMQ windows undershot).
 * `oa_budget_take(n, chat)` answers how many sends may start now and, when fewer than asked, how many milliseconds
 * until the next one could.
 *
 * Also: broadcasts may be narrowed by profile tags (`target_tags`, the rule of shared/src/domain/profile-tags.ts), and
 * link to a contest besides an article or a guide.
 */
export const m081: Migration = {
  version: 81,
  name: "oa_budget",
  sql: /* sql */ `
CREATE TABLE oa_send_budget (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  tokens double precision NOT NULL DEFAULT 0,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  chat_until timestamptz
);
INSERT INTO oa_send_budget (id) VALUES (1);

CREATE FUNCTION oa_budget_take(want int, chat boolean, OUT granted int, OUT wait_ms int) LANGUAGE plpgsql AS $$
DECLARE
  r oa_send_budget;
  rate double precision;
  cap double precision;
  now_ts timestamptz := clock_timestamp();
  avail double precision;
BEGIN
  SELECT CASE WHEN jsonb_typeof(value::jsonb) = 'number' AND (value::jsonb #>> '{}')::float8 > 0 THEN (value::jsonb #>> '{}')::float8 END
    INTO rate FROM notify_settings WHERE key = 'notify_rate_per_sec';
  rate := coalesce(rate, 10);
  cap := greatest(2, rate / 5);
  SELECT * INTO r FROM oa_send_budget WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO oa_send_budget (id, tokens, at) VALUES (1, 0, now_ts) ON CONFLICT (id) DO NOTHING;
    SELECT * INTO r FROM oa_send_budget WHERE id = 1 FOR UPDATE;
  END IF;
  avail := least(cap, r.tokens + rate * greatest(0, extract(epoch FROM now_ts - r.at)));
  IF NOT chat AND r.chat_until > now_ts THEN
    granted := 0;
    wait_ms := greatest(1, ceil(extract(epoch FROM r.chat_until - now_ts) * 1000))::int;
  ELSE
    granted := least(want, floor(avail))::int;
    -- how long until a useful amount is there again (half the bucket, or what is still wanted): a waiter that wakes a
    -- little late loses nothing, the bucket still has room
    wait_ms := CASE WHEN granted >= want THEN 0
                    ELSE greatest(1, ceil((least(want - granted, greatest(1, cap / 2)) - (avail - granted)) * 1000 / rate))::int END;
  END IF;
  UPDATE oa_send_budget
     SET tokens = avail - granted, at = now_ts,
         chat_until = CASE WHEN chat AND granted < want THEN greatest(coalesce(chat_until, now_ts), now_ts + make_interval(secs => (wait_ms + 50) / 1000.0))
                           ELSE chat_until END
   WHERE id = 1;
END $$;

ALTER TABLE broadcasts ADD COLUMN target_tags text[] NOT NULL DEFAULT '{}';
ALTER TABLE broadcasts DROP CONSTRAINT IF EXISTS broadcasts_link_kind_check;
ALTER TABLE broadcasts ADD CONSTRAINT broadcasts_link_kind_check CHECK (link_kind IN ('article', 'guide', 'contest'));
`,
};
