import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../../server/src/db/migrate.js";
import { databaseBefore } from "../../helpers/db.js";
import { format } from "../../../server/src/i18n/index.js";
import { staffEventText } from "../../../server/src/modules/feedback/timeline.js";

/**
 * Migration 040 on a database that already holds notifications and timeline entries written as finished Vietnamese:
 * every old row becomes a source + message type + parameters that reads exactly as it did, for the woman and for
 * the cán bộ, and old settings move to notify's own table.
 */
describe("migration 040: old notifications and timeline entries read as before", () => {
  let db: Awaited<ReturnType<typeof databaseBefore>> | undefined;
  let pool: pg.Pool;
  const ids = { unit: crypto.randomUUID(), author: crypto.randomUUID(), staff: crypto.randomUUID(), sub: crypto.randomUUID(), asg: crypto.randomUUID() };

  beforeAll(async () => {
    db = await databaseBefore(40);
    pool = db.pool;
    // the state before: finished sentences, deliveries tied to a timeline event, settings in feedback's table
    // (ids are UUIDs made here, safe to write into the statement; a multi-statement query takes no parameters)
    await pool.query(`
      INSERT INTO units (id, level, code, name, path) VALUES ('${ids.unit}', 'xa', 'XA1', 'Xã Bảo Thắng', '/${ids.unit}/');
      INSERT INTO members (id, name, unit_id) VALUES ('${ids.author}', 'Chị A', '${ids.unit}'), ('${ids.staff}', 'Cán bộ B', '${ids.unit}');
      INSERT INTO submissions (id, tracking_code, kind, category_code, body, search_text, origin_unit_id, author_id)
        VALUES ('${ids.sub}', 'PA-2345678', 'feedback', 'viec_lam', 'Cần học nghề.', 'can hoc nghe', '${ids.unit}', '${ids.author}');
      INSERT INTO assignments (id, submission_id, unit_id, reason, sla_hours, due_at) VALUES ('${ids.asg}', '${ids.sub}', '${ids.unit}', 'primary', 120, now());
      UPDATE feedback_settings SET value = '{"status_update": "tpl-9"}' WHERE key = 'template_ids';
      UPDATE feedback_settings SET value = '4' WHERE key = 'notify_rate_per_sec';`);
    const ev = (type: string, message: string, actor: string | null) =>
      pool.query<{ id: string }>(
        "INSERT INTO submission_events (submission_id, type, actor_id, unit_id, assignment_id, message) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        [ids.sub, type, actor, ids.unit, ids.asg, message],
      );
    await ev("received", "Hội đã nhận nội dung chị gửi.", ids.author);
    const routed = await ev("forwarded", "Đã chuyển đến Xã Bảo Thắng.", null);
    await ev("acknowledged", "Xã Bảo Thắng đã tiếp nhận và đang xử lý.", ids.staff);
    await ev("replied", "Tuần sau có lớp học nghề.", ids.staff);
    const eventId = routed.rows[0]?.id;
    await pool.query(
      `INSERT INTO deliveries (event_id, recipient_id, audience, channel, status, text) VALUES
         ($1, $2, 'author', 'in_app', 'sent', 'Phản ánh PA-2345678 của chị đã được chuyển đến Xã Bảo Thắng.'),
         ($1, $3, 'can_bo', 'in_app', 'sent', 'Có phản ánh PA-2345678 mới cần Xã Bảo Thắng xử lý.')`,
      [eventId, ids.author, ids.staff],
    );
    await migrate(pool);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("deliveries get a feedback source, the link each recipient opens, and their sentence as legacy.text", async () => {
    const rows = (await pool.query("SELECT recipient_id, source_module, source_id, link, type, params FROM deliveries ORDER BY link")).rows;
    expect(rows).toEqual([
      { recipient_id: ids.staff, source_module: "feedback", source_id: ids.sub, link: `/can-bo/hop-viec/${ids.asg}`, type: "legacy.text", params: { text: "Có phản ánh PA-2345678 mới cần Xã Bảo Thắng xử lý." } },
      { recipient_id: ids.author, source_module: "feedback", source_id: ids.sub, link: `/phan-anh/theo-doi/${ids.sub}`, type: "legacy.text", params: { text: "Phản ánh PA-2345678 của chị đã được chuyển đến Xã Bảo Thắng." } },
    ]);
    expect(rows.map((r: { type: string; params: Record<string, unknown> }) => format("vi", r.type, r.params))).toEqual([
      "Có phản ánh PA-2345678 mới cần Xã Bảo Thắng xử lý.",
      "Phản ánh PA-2345678 của chị đã được chuyển đến Xã Bảo Thắng.",
    ]);
  });

  it("timeline entries keep their words for her, and the cán bộ still reads them in the third person", async () => {
    const rows = (await pool.query<{ message_type: string; params: Record<string, unknown> }>("SELECT message_type, params FROM submission_events ORDER BY id")).rows;
    expect(rows.map((e) => format("vi", e.message_type, e.params))).toEqual([
      "Hội đã nhận nội dung chị gửi.",
      "Đã chuyển đến Xã Bảo Thắng.",
      "Xã Bảo Thắng đã tiếp nhận và đang xử lý.",
      "Tuần sau có lớp học nghề.",
    ]);
    expect(rows.map((e) => staffEventText("vi", e, { kind: "feedback", origin: "Xã Bảo Thắng" }))).toEqual([
      "Người gửi gửi phản ánh từ Xã Bảo Thắng.",
      "Hội Số tự chuyển đến Xã Bảo Thắng theo lĩnh vực và quy tắc phân công.",
      "Xã Bảo Thắng đã tiếp nhận và đang xử lý.",
      "Trả lời người gửi: Tuần sau có lớp học nghề.",
    ]);
    // the timeline stays append-only once the backfill is done
    await expect(pool.query("UPDATE submission_events SET params = '{}'")).rejects.toThrow(/append-only/);
  });

  it("the sending settings move to notify_settings, the admin's values kept", async () => {
    const notify = Object.fromEntries((await pool.query<{ key: string; value: unknown }>("SELECT key, value FROM notify_settings")).rows.map((r) => [r.key, r.value]));
    expect(notify).toEqual({ template_id: "tpl-9", notify_rate_per_sec: 4, cs_window_hours: 48, reconcile_after_seconds: 3 });
    const left = (await pool.query<{ key: string }>("SELECT key FROM feedback_settings ORDER BY key")).rows.map((r) => r.key);
    expect(left).toEqual(["follow_up_days", "petition_days", "petition_thresholds", "reconcile_after_seconds"]);
  });
});
