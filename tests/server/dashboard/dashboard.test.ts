import crypto from "node:crypto";
import type { Dashboard, DashboardRow } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardWorld } from "./world.js";

type World = Awaited<ReturnType<typeof dashboardWorld>>;
let w: World;
let province: Dashboard;

beforeAll(async () => {
  w = await dashboardWorld();
  const res = await w.ctx.app.inject({ method: "GET", url: "/api/dashboard?from=2026-01-01&to=2026-06-30", headers: w.admin.headers });
  expect(res.statusCode, res.body).toBe(200);
  province = res.json<Dashboard>();
}, 60_000);
afterAll(async () => w?.ctx.close());

const rowOf = (d: Dashboard, unitId: string, kind: DashboardRow["kind"] = "child"): DashboardRow => {
  const r = d.rows.find((x) => x.unitId === unitId && x.kind === kind);
  if (!r) throw new Error(`no ${kind} row for ${unitId}`);
  return r;
};
const total = (d: Dashboard) => d.rows.find((r) => r.kind === "total")!;
const indicator = (r: DashboardRow, code: string) => r.indicators.find((i) => i.code === code)!;

describe("the province dashboard, worked out by hand (world.ts)", () => {
  it("lists the province, its surviving communes (C merged into B) and what is attached to the province itself", () => {
    expect(province.unit.id).toBe(w.units.T.id);
    expect(province.rows.map((r) => [r.kind, r.name])).toEqual([
      ["total", "Hội LHPN tỉnh Lào Cai"],
      ["child", "Phường Sa Pa"],
      ["child", "Xã Bảo Thắng"],
      ["direct", "Hội LHPN tỉnh Lào Cai"],
    ]);
  });

  it("members gathered: registered, confirmed by the end of the period, against the women counted (merged C's count joins B)", () => {
    expect(rowOf(province, w.units.A.id).members).toEqual({ registered: 3, confirmed: 2, women: 20, rate: 10, active30: 1 });
    expect(rowOf(province, w.units.B.id).members).toEqual({ registered: 3, confirmed: 3, women: 12, rate: 25, active30: 1 });
    expect(total(province).members).toEqual({ registered: 6, confirmed: 5, women: 32, rate: 15.6, active30: 2 });
    expect(indicator(total(province), "members")).toMatchObject({ value: 15.6, target: 90, met: false });
  });

  it("studied: only resolutions published by the end of the period; confirmed members and cán bộ who studied by then", () => {
    expect(province.resolutions.map((r) => r.id)).toEqual([w.R1]);
    expect(rowOf(province, w.units.A.id).studied).toEqual([{ articleId: w.R1, canBo: 2, canBoStudied: 1, canBoRate: 50, members: 2, membersStudied: 1, membersRate: 50 }]);
    expect(rowOf(province, w.units.B.id).studied).toEqual([{ articleId: w.R1, canBo: 1, canBoStudied: 0, canBoRate: 0, members: 3, membersStudied: 1, membersRate: 33.3 }]);
    expect(total(province).studied).toEqual([{ articleId: w.R1, canBo: 4, canBoStudied: 1, canBoRate: 25, members: 5, membersStudied: 2, membersRate: 40 }]);
    expect(total(province).indicators.filter((i) => i.code.startsWith("studied")).map((i) => [i.code, i.target, i.met])).toEqual([
      ["studiedCanBo", 100, false],
      ["studiedMembers", 90, false],
    ]);
  });

  it("chi hội using IT: 3 of 4 is 75%, which is not more than 75%", () => {
    expect(rowOf(province, w.units.A.id).it).toEqual({ branches: 2, active: 1, rate: 50 });
    expect(rowOf(province, w.units.B.id).it).toEqual({ branches: 2, active: 2, rate: 100 });
    expect(total(province).it).toEqual({ branches: 4, active: 3, rate: 75 });
    expect(indicator(total(province), "branchesIt")).toMatchObject({ value: 75, target: 75, strict: true, met: false });
    expect(indicator(rowOf(province, w.units.B.id), "branchesIt").met).toBe(true);
  });

  it("contests: distinct participants of contests (not practice) in the period", () => {
    expect(rowOf(province, w.units.A.id).contests).toEqual({ participants: 1, rate: 33.3 });
    expect(rowOf(province, w.units.B.id).contests).toEqual({ participants: 1, rate: 33.3 });
    expect(total(province).contests).toEqual({ participants: 2, rate: 33.3 });
  });

  it("feedback: channels, resolved, on time, median first answer, escalations, ratings, petitions, urgent (C's closed item counts for B)", () => {
    expect(rowOf(province, w.units.A.id).feedback).toEqual({
      received: 2, byChannel: { mini_app: 1, oa_chat: 0, on_behalf: 1 }, resolved: 2, due: 2, onTime: 1, onTimeRate: 50, medianFirstAnswerHours: 6,
      escalations: 1, ratings: { hai_long: 1, binh_thuong: 0, chua_hai_long: 1 }, petitionsLifted: 0, urgent: 0, medianFirstContactMinutes: null,
      communes: 1, communesWithTrusted: 1,
    });
    expect(rowOf(province, w.units.B.id).feedback).toEqual({
      received: 3, byChannel: { mini_app: 2, oa_chat: 1, on_behalf: 0 }, resolved: 1, due: 2, onTime: 1, onTimeRate: 50, medianFirstAnswerHours: 4,
      escalations: 0, ratings: { hai_long: 0, binh_thuong: 0, chua_hai_long: 0 }, petitionsLifted: 1, urgent: 1, medianFirstContactMinutes: 30,
      communes: 1, communesWithTrusted: 1,
    });
    expect(total(province).feedback).toEqual({
      received: 5, byChannel: { mini_app: 3, oa_chat: 1, on_behalf: 1 }, resolved: 3, due: 4, onTime: 2, onTimeRate: 50, medianFirstAnswerHours: 4,
      escalations: 1, ratings: { hai_long: 1, binh_thuong: 0, chua_hai_long: 1 }, petitionsLifted: 1, urgent: 1, medianFirstContactMinutes: 30,
      communes: 2, communesWithTrusted: 2,
    });
  });

  it("by category: a private category is a count only", () => {
    const mine = province.categories.filter((c) => c.code.startsWith("dash_"));
    expect(mine).toEqual([
      { code: "dash_x", name: "Đời sống", private: false, received: 4, resolved: 3, onTime: 2 },
      { code: "dash_p", name: "Bạo lực gia đình", private: true, received: 1, resolved: null, onTime: null },
    ]);
  });

  it("announcements: sent ones only, merged C's for B; each member once per announcement whatever the channels", () => {
    expect(rowOf(province, w.units.A.id).announcements).toEqual({ sent: 1, recipients: 3, delivered: 2, readers: 1, readRate: 33.3 });
    expect(rowOf(province, w.units.B.id).announcements).toEqual({ sent: 1, recipients: 1, delivered: 1, readers: 0, readRate: 0 });
    expect(rowOf(province, w.units.T.id, "direct").announcements).toEqual({ sent: 1, recipients: 1, delivered: 1, readers: 1, readRate: 100 });
    expect(total(province).announcements).toEqual({ sent: 3, recipients: 5, delivered: 4, readers: 2, readRate: 40 });
  });

  it("the monthly trend", () => {
    expect(province.trend).toEqual([
      { month: "2026-01", confirmed: 2, membersRate: 6.3, studied: 0, received: 1, resolved: 2, participants: 0, announcements: 0 },
      { month: "2026-02", confirmed: 3, membersRate: 9.4, studied: 1, received: 1, resolved: 1, participants: 0, announcements: 1 },
      { month: "2026-03", confirmed: 3, membersRate: 9.4, studied: 1, received: 1, resolved: 1, participants: 1, announcements: 1 },
      { month: "2026-04", confirmed: 4, membersRate: 12.5, studied: 0, received: 1, resolved: 0, participants: 1, announcements: 1 },
      { month: "2026-05", confirmed: 5, membersRate: 15.6, studied: 0, received: 1, resolved: 0, participants: 0, announcements: 0 },
      { month: "2026-06", confirmed: 5, membersRate: 15.6, studied: 0, received: 0, resolved: 0, participants: 0, announcements: 0 },
    ]);
  });

  it("the 2025 target for members is 85%", async () => {
    const res = await w.ctx.app.inject({ method: "GET", url: "/api/dashboard?from=2025-01-01&to=2025-12-31", headers: w.admin.headers });
    expect(res.statusCode).toBe(200);
    expect(indicator(total(res.json<Dashboard>()), "members").target).toBe(85);
  });
});

describe("drilling down and her subtree", () => {
  it("a commune cán bộ lands on her commune: its chi hội and what is attached to the commune itself", async () => {
    const res = await w.ctx.app.inject({ method: "GET", url: "/api/dashboard?from=2026-01-01&to=2026-06-30", headers: w.canBoA.headers });
    expect(res.statusCode).toBe(200);
    const d = res.json<Dashboard>();
    expect(d.unit).toMatchObject({ id: w.units.A.id, parentInScope: false });
    expect(d.rows.map((r) => [r.kind, r.name])).toEqual([
      ["total", "Xã Bảo Thắng"],
      ["child", "Chi hội thôn Cốc Ly"],
      ["child", "Chi hội thôn Làng Mới"],
      ["direct", "Xã Bảo Thắng"],
    ]);
    // the commune's total is the province's row for it
    const fromProvince = rowOf(province, w.units.A.id);
    expect({ ...total(d), kind: "child", hasChildren: true }).toEqual(fromProvince);
    expect(rowOf(d, w.units.A1.id).members).toEqual({ registered: 3, confirmed: 2, women: 10, rate: 20, active30: 1 });
  });

  it("drills into a chi hội of her commune", async () => {
    const res = await w.ctx.app.inject({ method: "GET", url: `/api/dashboard?unitId=${w.units.A1.id}&from=2026-01-01&to=2026-06-30`, headers: w.canBoA.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json<Dashboard>().unit).toMatchObject({ id: w.units.A1.id, parentInScope: true });
    expect(total(res.json<Dashboard>()).feedback.received).toBe(1);
  });

  it("refuses another commune (403), an unknown unit (404), a member without a role (403) and no session (401)", async () => {
    const other = await w.ctx.app.inject({ method: "GET", url: `/api/dashboard?unitId=${w.units.B.id}`, headers: w.canBoA.headers });
    expect(other.statusCode).toBe(403);
    const exp = await w.ctx.app.inject({ method: "GET", url: `/api/dashboard/export?unitId=${w.units.B.id}`, headers: w.canBoA.headers });
    expect(exp.statusCode).toBe(403);
    const unknown = await w.ctx.app.inject({ method: "GET", url: "/api/dashboard?unitId=00000000-0000-4000-8000-000000000000", headers: w.admin.headers });
    expect(unknown.statusCode).toBe(404);
    const { devLogin } = await import("../../helpers/fixtures.js");
    const plain = await devLogin(w.ctx.app, "Hội viên thường");
    expect((await w.ctx.app.inject({ method: "GET", url: "/api/dashboard", headers: plain.headers })).statusCode).toBe(403);
    expect((await w.ctx.app.inject({ method: "GET", url: "/api/dashboard" })).statusCode).toBe(401);
  });

  it("refuses a period that ends before it starts", async () => {
    const res = await w.ctx.app.inject({ method: "GET", url: "/api/dashboard?from=2026-06-01&to=2026-01-01", headers: w.admin.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe("DASHBOARD_PERIOD_INVALID");
  });

  it("refuses bad periods and units, naming the field, on screen and for the export alike", async () => {
    const cases: Array<[string, string, string]> = [
      ["from=2026-02-30&to=2026-06-30", "from", "DASHBOARD_PERIOD_INVALID"], // a day February does not have
      ["from=2026-01-01&to=2026-06-31", "to", "DASHBOARD_PERIOD_INVALID"],
      ["from=2020-01-01&to=2026-06-30", "from", "DASHBOARD_PERIOD_INVALID"], // longer than three years
      ["from=2026-1-1&to=2026-06-30", "from", "VALIDATION"],
      ["from=2026-01-01&to=hôm nay", "to", "VALIDATION"],
      ["unitId=xa-bao-thang", "unitId", "VALIDATION"],
    ];
    for (const [q, field, code] of cases) {
      for (const path of ["/api/dashboard", "/api/dashboard/export"]) {
        const res = await w.ctx.app.inject({ method: "GET", url: `${path}?${q}`, headers: w.admin.headers });
        expect(res.statusCode, `${path}?${q}`).toBe(400);
        expect(res.json(), `${path}?${q}`).toMatchObject({ code, field });
        expect(res.json<{ message: string }>().message).toMatch(/[ạảãàáâậầấẩẫăắằẳẵặđếềểễệịỉìíọỏõòóôốồổỗộơớờởỡợụủũùúưứừửữựỳỵỷỹý]/i);
      }
    }
  });
});

describe("chi hội using IT: each kind of activity in the period counts", () => {
  // Chi hội thôn Cốc Ly (A2) has done nothing in the period: xã A has 1 of 2 chi hội using the app. Each case gives
  // A2 one thing to have done, refreshes, reads, and takes it back.
  const active = async () => {
    const res = await w.ctx.app.inject({ method: "GET", url: "/api/dashboard?from=2026-01-01&to=2026-06-30", headers: w.admin.headers });
    expect(res.statusCode).toBe(200);
    return rowOf(res.json<Dashboard>(), w.units.A.id).it;
  };
  const withActivity = async (make: () => Promise<() => Promise<unknown>>) => {
    const { refreshDashboard } = await import("../../../server/src/modules/dashboard/refresh.js");
    const undo = await make();
    try {
      await refreshDashboard(w.db);
      return await active();
    } finally {
      await undo();
      await refreshDashboard(w.db, { full: true });
    }
  };
  const at = (local: string) => new Date(`${local}T09:00:00+07:00`);

  it("none: 1 of 2", async () => {
    expect(await active()).toEqual({ branches: 2, active: 1, rate: 50 });
  });

  it("an announcement the chi hội sent", async () => {
    const figures = await withActivity(async () => {
      const id = crypto.randomUUID();
      await w.db
        .insertInto("broadcasts")
        .values({ id, unit_id: w.units.A2.id, author_id: w.adminA.memberId, title: "Họp chi hội", body: "Tối thứ Sáu", target_paths: [w.units.A2.path], who: "all", status: "done", send_at: at("2026-03-02") })
        .execute();
      return () => w.db.deleteFrom("broadcasts").where("id", "=", id).execute();
    });
    expect(figures).toEqual({ branches: 2, active: 2, rate: 100 });
  });

  it("an announcement it only drafted or cancelled does not count", async () => {
    const figures = await withActivity(async () => {
      const id = crypto.randomUUID();
      await w.db
        .insertInto("broadcasts")
        .values({ id, unit_id: w.units.A2.id, author_id: w.adminA.memberId, title: "Họp chi hội", body: "Tối thứ Sáu", target_paths: [w.units.A2.path], who: "all", status: "cancelled", send_at: at("2026-03-02") })
        .execute();
      return () => w.db.deleteFrom("broadcasts").where("id", "=", id).execute();
    });
    expect(figures).toEqual({ branches: 2, active: 1, rate: 50 });
  });

  it("an item it handled (sent from the commune, assigned to the chi hội, acknowledged there)", async () => {
    const figures = await withActivity(async () => {
      const id = crypto.randomUUID();
      await w.db
        .insertInto("submissions")
        .values({ id, tracking_code: "PA-DASH-IT", kind: "feedback", category_code: "dash_x", body: "Nội dung", search_text: "noi dung", origin_unit_id: w.units.A.id, author_id: w.members.m2, status: "forwarded", created_at: at("2026-03-01") })
        .execute();
      await w.db
        .insertInto("assignments")
        .values({ submission_id: id, unit_id: w.units.A2.id, reason: "primary", sla_hours: 72, due_at: at("2026-03-04"), created_at: at("2026-03-01"), acknowledged_at: at("2026-03-02") })
        .execute();
      return async () => {
        await w.db.deleteFrom("assignments").where("submission_id", "=", id).execute();
        await w.db.deleteFrom("dashboard_items").where("submission_id", "=", id).execute();
        await w.db.deleteFrom("submissions").where("id", "=", id).execute();
      };
    });
    expect(figures).toEqual({ branches: 2, active: 2, rate: 100 });
  });

  it("a contest entry of one of its members", async () => {
    const figures = await withActivity(async () => {
      const round = await w.db.selectFrom("contest_rounds as r").innerJoin("contests as c", "c.id", "r.contest_id").select("r.id").where("c.kind", "=", "contest").orderBy("r.position").executeTakeFirstOrThrow();
      const a = await w.db
        .insertInto("contest_attempts")
        .values({ round_id: round.id, member_id: w.members.m4, number: 1, status: "submitted", question_ids: [], choice_orders: "[]", started_at: at("2026-04-03"), deadline: at("2026-04-03"), submitted_at: at("2026-04-03"), correct: 1, duration_ms: 1000 })
        .returning("id")
        .executeTakeFirstOrThrow();
      await w.db.insertInto("contest_entries").values({ round_id: round.id, member_id: w.members.m4, attempt_id: a.id, correct: 1, duration_ms: 1000, submitted_at: at("2026-04-03"), k1: 0, k2: 0, k3: 0, k4: 0 }).execute();
      return async () => {
        await w.db.deleteFrom("contest_entries").where("attempt_id", "=", a.id).execute();
        await w.db.deleteFrom("contest_attempts").where("id", "=", a.id).execute();
      };
    });
    expect(figures).toEqual({ branches: 2, active: 2, rate: 100 });
  });

  it("what happened after the period does not count for it", async () => {
    const figures = await withActivity(async () => {
      const id = crypto.randomUUID();
      await w.db
        .insertInto("broadcasts")
        .values({ id, unit_id: w.units.A2.id, author_id: w.adminA.memberId, title: "Họp chi hội", body: "Tối thứ Sáu", target_paths: [w.units.A2.path], who: "all", status: "done", send_at: at("2026-07-01") })
        .execute();
      return () => w.db.deleteFrom("broadcasts").where("id", "=", id).execute();
    });
    expect(figures).toEqual({ branches: 2, active: 1, rate: 50 });
  });
});
