import crypto from "node:crypto";
import { refreshDashboard } from "../../../server/src/modules/dashboard/refresh.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { addUnit, devLogin, grant, type TestUnit } from "../../helpers/fixtures.js";

/** Lào Cai time, as the union reads a date: "2026-02-01 08:00" is 01:00 UTC. */
export const at = (local: string): Date => new Date(`${local.replace(" ", "T")}${local.length <= 10 ? "T00:00" : ""}:00+07:00`);

/**
 * A small province seeded row by row, so that every dashboard figure can be worked out by hand (dashboard.test.ts has
 * the sums): xã A (chi hội A1, A2), xã B (chi hội B1) and xã C (chi hội C1), C merged into B after its work was done.
 * The period asked for is 2026-01-01 … 2026-06-30.
 */
export async function dashboardWorld() {
  const ctx: TestContext = await createTestContext();
  const db = ctx.deps.db;
  const T = await addUnit(db, null, "tinh", "Hội LHPN tỉnh Lào Cai");
  const A = await addUnit(db, T, "xa", "Xã Bảo Thắng");
  const B = await addUnit(db, T, "xa", "Phường Sa Pa");
  const C = await addUnit(db, T, "xa", "Xã Tả Phìn");
  const A1 = await addUnit(db, A, "chi_hoi", "Chi hội thôn Làng Mới");
  const A2 = await addUnit(db, A, "chi_hoi", "Chi hội thôn Cốc Ly");
  const B1 = await addUnit(db, B, "chi_hoi", "Chi hội tổ 1");
  const C1 = await addUnit(db, C, "chi_hoi", "Chi hội thôn Sả Séng");

  const admin = await devLogin(ctx.app, "Quản trị tỉnh");
  await grant(db, admin.memberId, T.id, "admin");
  const canBoA = await devLogin(ctx.app, "Cán bộ xã A");
  await grant(db, canBoA.memberId, A.id, "can_bo");
  const canBoB = await devLogin(ctx.app, "Cán bộ xã B");
  await grant(db, canBoB.memberId, B.id, "can_bo");
  const adminA = await devLogin(ctx.app, "Quản trị xã A");
  await grant(db, adminA.memberId, A.id, "admin");

  const member = async (name: string, unit: TestUnit, status: "pending" | "confirmed", created: string, confirmed: string | null, seen: string | null) => {
    const id = crypto.randomUUID();
    await db
      .insertInto("members")
      .values({ id, name, unit_id: unit.id, membership_status: status, created_at: at(created), membership_confirmed_at: confirmed ? at(confirmed) : null, last_seen_at: seen ? at(seen) : null })
      .execute();
    return id;
  };
  const m1 = await member("Lò Thị Mai", A1, "confirmed", "2026-01-20", "2026-02-10", "2026-06-20");
  const m2 = await member("Vàng Thị Dợ", A1, "confirmed", "2025-11-01", "2025-12-01", "2026-03-01");
  const m3 = await member("Sùng Thị Pà", A1, "pending", "2026-03-01", null, null);
  const m4 = await member("Giàng Thị Chư", A2, "confirmed", "2026-07-15", "2026-08-01", null);
  const m5 = await member("Tẩn Thị Mẩy", B1, "confirmed", "2025-12-01", "2026-01-05", "2026-06-25");
  const m6 = await member("Lý Thị Sử", C1, "confirmed", "2026-03-01", "2026-04-01", null);
  const m7 = await member("Hoàng Thị Lan", C, "confirmed", "2026-04-01", "2026-05-01", null);

  for (const [unit, women] of [[A1, 10], [A2, 10], [B, 8], [C, 4]] as const) {
    await db.insertInto("unit_women_counts").values({ unit_id: unit.id, year: 2026, women }).execute();
  }

  // Resolutions: R1 in the period, R2 published after it; N1 is news (not a resolution).
  const article = async (kind: string, title: string, published: string) => {
    const id = crypto.randomUUID();
    await db.insertInto("articles").values({ id, kind, unit_id: T.id, audience: [T.id], status: "published", publish_at: at(published) }).execute();
    await db.insertInto("article_variants").values({ article_id: id, language: "vi", title, body: title, html: `<p>${title}</p>`, excerpt: title, audio_media_id: null }).execute();
    return id;
  };
  const R1 = await article("nghi_quyet", "Nghị quyết Đại hội Phụ nữ tỉnh lần thứ XVI", "2026-01-10");
  await article("nghi_quyet", "Nghị quyết mới", "2026-08-01");
  const N1 = await article("tin_hoat_dong", "Tin hoạt động", "2026-01-10");
  const studied = async (articleId: string, memberId: string, when: string) =>
    db.insertInto("article_reads").values({ article_id: articleId, member_id: memberId, opened_at: at(when), studied_at: at(when) }).execute();
  await studied(R1, m1, "2026-03-01");
  await studied(R1, m5, "2026-02-01");
  await studied(R1, m6, "2026-07-10");
  await studied(R1, m3, "2026-03-02");
  await studied(R1, canBoA.memberId, "2026-01-20");
  await studied(N1, m2, "2026-03-01");

  // A contest (two rounds) and a practice quiz.
  const contest = async (kind: "contest" | "practice") => {
    const id = crypto.randomUUID();
    await db.insertInto("contests").values({ id, kind, unit_id: T.id, audience: [T.id], title: `Thi ${kind}`, prize_tiers: "[]", status: "published" }).execute();
    const rounds: string[] = [];
    for (const position of [1, 2]) {
      const r = await db
        .insertInto("contest_rounds")
        .values({ contest_id: id, position, title: `Đợt ${position}`, opens_at: at("2026-01-01"), closes_at: at("2026-12-31"), question_count: 1, time_limit_seconds: 60, max_attempts: 1 })
        .returning("id")
        .executeTakeFirstOrThrow();
      rounds.push(r.id);
    }
    return rounds;
  };
  const [c1, c2] = await contest("contest");
  const [p1] = await contest("practice");
  const entry = async (roundId: string, memberId: string, when: string) => {
    const a = await db
      .insertInto("contest_attempts")
      .values({ round_id: roundId, member_id: memberId, number: 1, status: "submitted", question_ids: [], choice_orders: "[]", started_at: at(when), deadline: at(when), submitted_at: at(when), correct: 1, duration_ms: 1000 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("contest_entries").values({ round_id: roundId, member_id: memberId, attempt_id: a.id, correct: 1, duration_ms: 1000, submitted_at: at(when), k1: 0, k2: 0, k3: 0, k4: 0 }).execute();
  };
  await entry(c1!, m1, "2026-03-05");
  await entry(c1!, m5, "2026-04-01");
  await entry(c2!, m5, "2026-04-02");
  await entry(p1!, m2, "2026-03-05");

  // Feedback. Categories of our own: X public, P private.
  await db.insertInto("categories").values([
    { code: "dash_x", name: "Đời sống", handling_level: "xa", sla_hours: 72, sort: 900 },
    { code: "dash_p", name: "Bạo lực gia đình", handling_level: "xa", sla_hours: 72, private: true, sort: 901 },
  ]).execute();
  let seq = 0;
  const item = async (o: { origin: TestUnit; category: string; created: string; due: string; resolved?: string; channel?: "mini_app" | "dien_thoai"; urgent?: boolean; ackAfterMin?: number }) => {
    const id = crypto.randomUUID();
    seq += 1;
    await db
      .insertInto("submissions")
      .values({
        id, tracking_code: `PA-DASH-${seq}`, kind: "feedback", category_code: o.category, body: "Nội dung", search_text: "noi dung", origin_unit_id: o.origin.id,
        author_id: m1, channel: o.channel ?? "mini_app", urgent: o.urgent ?? false, status: o.resolved ? "resolved" : "forwarded",
        resolved_at: o.resolved ? at(o.resolved) : null, created_at: at(o.created),
      })
      .execute();
    await db
      .insertInto("assignments")
      .values({
        submission_id: id, unit_id: o.origin.id, reason: "primary", sla_hours: 72, due_at: at(o.due), created_at: at(o.created),
        acknowledged_at: o.ackAfterMin === undefined ? null : new Date(at(o.created).getTime() + o.ackAfterMin * 60_000),
        resolved_at: o.resolved ? at(o.resolved) : null,
      })
      .execute();
    return id;
  };
  const event = (submissionId: string, type: string, when: Date) =>
    db.insertInto("submission_events").values({ submission_id: submissionId, type, message_type: `feedback.${type}`, created_at: when }).execute();
  const hoursAfter = (local: string, h: number) => new Date(at(local).getTime() + h * 3600_000);

  const s1 = await item({ origin: A1, category: "dash_x", created: "2026-02-01 08:00", due: "2026-02-04", resolved: "2026-02-03" });
  await event(s1, "acknowledged", hoursAfter("2026-02-01 08:00", 2));
  await event(s1, "resolved", at("2026-02-03"));
  await db.insertInto("submission_ratings").values({ submission_id: s1, unit_id: A1.id, rating: "hai_long", rated_at: at("2026-02-05") }).execute();

  const s2 = await item({ origin: A, category: "dash_x", created: "2026-03-01 08:00", due: "2026-03-04", resolved: "2026-03-10", channel: "dien_thoai" });
  await event(s2, "replied", hoursAfter("2026-03-01 08:00", 10));
  await event(s2, "escalated", at("2026-03-04"));
  await db.insertInto("submission_ratings").values({ submission_id: s2, unit_id: A.id, rating: "chua_hai_long", rated_at: at("2026-03-12") }).execute();

  const s3 = await item({ origin: B1, category: "dash_p", created: "2026-04-01 08:00", due: "2026-04-04", urgent: true, ackAfterMin: 30 });
  await db.insertInto("submission_keys").values({ member_id: m1, key: "oa-chat.evt-1", submission_id: s3 }).execute();

  const s4 = await item({ origin: C, category: "dash_x", created: "2026-01-15 08:00", due: "2026-01-18", resolved: "2026-01-16" });
  await event(s4, "acknowledged", hoursAfter("2026-01-15 08:00", 4));
  await event(s4, "petition_lifted", at("2026-01-15 20:00"));

  await item({ origin: A1, category: "dash_x", created: "2025-12-20 08:00", due: "2025-12-23", resolved: "2026-01-02" });
  await item({ origin: C1, category: "dash_x", created: "2026-05-01 08:00", due: "2026-12-31" });

  // Trusted addresses: one in chi hội A1, one in xã C (which becomes B's).
  for (const unit of [A1, C]) await db.insertInto("trusted_addresses").values({ unit_id: unit.id, kind: "y_te", name: `Trạm y tế ${unit.name}` }).execute();

  // Announcements: A's (to m1 on two channels, m2, m3 failed), the province's (m5), a cancelled one of B's, and C's.
  const broadcast = async (unit: TestUnit, when: string, status: "done" | "cancelled", to: Array<[string, "in_app" | "oa_cs", "sent" | "failed", boolean]>) => {
    const id = crypto.randomUUID();
    await db
      .insertInto("broadcasts")
      .values({ id, unit_id: unit.id, author_id: admin.memberId, title: "Thông báo", body: "Nội dung", target_paths: [unit.path], who: "all", status, send_at: at(when) })
      .execute();
    for (const [recipient, channel, st, read] of to) {
      await db
        .insertInto("deliveries")
        .values({ source_module: "broadcasts", source_id: id, dedupe_key: "b", link: "/", recipient_id: recipient, channel, status: st, type: "broadcasts.message", read_at: read ? at(when) : null })
        .execute();
    }
  };
  await broadcast(A, "2026-03-01", "done", [[m1, "in_app", "sent", true], [m1, "oa_cs", "sent", false], [m2, "in_app", "sent", false], [m3, "in_app", "failed", false]]);
  await broadcast(T, "2026-02-01", "done", [[m5, "in_app", "sent", true]]);
  await broadcast(B, "2026-02-01", "cancelled", [[m5, "in_app", "sent", false]]);
  // C's own announcement stays C's after the merge (announcements are not moved): it counts for B, C's survivor.
  await broadcast(C, "2026-04-01", "done", [[m7, "in_app", "sent", false]]);

  // C is merged into B through the real merge: its members, chi hội and open work move; its history stays on C.
  const merged = await ctx.app.inject({ method: "POST", url: `/api/admin/units/${C.id}/merge`, headers: admin.headers, payload: { intoId: B.id } });
  if (merged.statusCode !== 200) throw new Error(`merge failed: ${merged.statusCode} ${merged.body}`);

  // the figures are read from the refreshed summaries: refresh them, as the queue job does every few minutes
  await refreshDashboard(db);

  return { ctx, db, units: { T, A, B, C, A1, A2, B1, C1 }, admin, canBoA, canBoB, adminA, members: { m1, m2, m3, m4, m5, m6, m7 }, R1 };
}
