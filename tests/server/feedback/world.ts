import type { AppDeps } from "../../../server/src/deps.js";
import { feedbackJobs } from "../../../server/src/modules/feedback/jobs.js";
import { notifyJobs } from "../../../server/src/modules/notify/jobs.js";
import { startWorkers, type RunningWorkers } from "../../../server/src/queue/registry.js";
import type { TestContext } from "../../helpers/context.js";
import { addUnit, devLogin, grant } from "../../helpers/fixtures.js";

export type Login = Awaited<ReturnType<typeof devLogin>>;

/**
 * A province with two communes: xã A (chi hội A1 with tổ A1a, chi hội A2) and xã B (chi hội B1); one cán bộ at each
 * unit, two confirmed members of chi hội A1, one of them with a phone and Zalo ids (to prove they never reach a cán
 * bộ), and one of chi hội B1.
 */
export async function buildWorld(ctx: TestContext) {
  const db = ctx.deps.db;
  const tinh = await addUnit(db, null, "tinh", "Hội LHPN tỉnh Lào Cai");
  const xaA = await addUnit(db, tinh, "xa", "Xã Bảo Thắng");
  const xaB = await addUnit(db, tinh, "xa", "Phường Sa Pa");
  const chiA1 = await addUnit(db, xaA, "chi_hoi", "Chi hội thôn Làng Mới");
  const chiA2 = await addUnit(db, xaA, "chi_hoi", "Chi hội thôn Cốc Sâm");
  const toA1a = await addUnit(db, chiA1, "to", "Tổ phụ nữ số 1");
  const chiB1 = await addUnit(db, xaB, "chi_hoi", "Chi hội tổ dân phố 3");
  const units = { tinh, xaA, xaB, chiA1, chiA2, toA1a, chiB1 };

  const staff = {
    tinh: await devLogin(ctx.app, "Cán bộ Tỉnh Hội"),
    xaA: await devLogin(ctx.app, "Cán bộ Xã Bảo Thắng"),
    xaB: await devLogin(ctx.app, "Cán bộ Phường Sa Pa"),
    chiA1: await devLogin(ctx.app, "Chi hội trưởng Làng Mới"),
    chiA2: await devLogin(ctx.app, "Chi hội trưởng Cốc Sâm"),
    chiB1: await devLogin(ctx.app, "Chi hội trưởng Tổ 3"),
  };
  await grant(db, staff.tinh.memberId, tinh.id, "can_bo");
  await grant(db, staff.xaA.memberId, xaA.id, "can_bo");
  await grant(db, staff.xaB.memberId, xaB.id, "can_bo");
  await grant(db, staff.chiA1.memberId, chiA1.id, "can_bo");
  await grant(db, staff.chiA2.memberId, chiA2.id, "can_bo");
  await grant(db, staff.chiB1.memberId, chiB1.id, "can_bo");
  const admin = await devLogin(ctx.app, "Quản trị Tỉnh Hội");
  await grant(db, admin.memberId, tinh.id, "admin");

  const woman = await devLogin(ctx.app, "Sùng Thị Mai");
  // A woman of the other commune: each may send only about her own xã.
  const womanB = await devLogin(ctx.app, "Giàng Thị Sở");
  await db.updateTable("members").set({ unit_id: chiB1.id, membership_status: "confirmed" }).where("id", "=", womanB.memberId).execute();
  const identified = await devLogin(ctx.app, "Lò Thị Xuân Hương");
  await db
    .updateTable("members")
    .set({ unit_id: chiA1.id, membership_status: "confirmed" })
    .where("id", "in", [woman.memberId, identified.memberId])
    .execute();
  await db
    .updateTable("members")
    .set({ phone: "84912345678", zalo_oa_user_id: "7315551234567890123", zalo_app_user_id: "3004567890123456789" })
    .where("id", "=", identified.memberId)
    .execute();
  return { units, staff, admin, woman, womanB, identified };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

export function submit(ctx: TestContext, who: Login, payload: Record<string, unknown>) {
  return ctx.app.inject({ method: "POST", url: "/api/submissions", headers: who.headers, payload });
}

export async function submitOk(ctx: TestContext, who: Login, payload: Record<string, unknown>): Promise<{ id: string; trackingCode: string }> {
  const res = await submit(ctx, who, payload);
  if (res.statusCode !== 201) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function waitUntil<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The pipeline's workers in this process (the child-process test starts its own). */
export function startPipeline(deps: AppDeps): { workers: RunningWorkers; errors: string[] } {
  const errors: string[] = [];
  const workers = startWorkers(deps, [feedbackJobs, notifyJobs], (err, where) => errors.push(`${where}: ${(err as Error).message}`));
  return { workers, errors };
}

export async function primaryAssignment(deps: AppDeps, submissionId: string) {
  return deps.db.selectFrom("assignments").selectAll().where("submission_id", "=", submissionId).where("reason", "=", "primary").executeTakeFirst();
}

export async function countRows(deps: AppDeps) {
  const n = async (t: "submissions" | "submission_events" | "submission_media" | "petition_signatures" | "assignments" | "deliveries") =>
    Number((await deps.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  return {
    submissions: await n("submissions"),
    events: await n("submission_events"),
    media: await n("submission_media"),
    signatures: await n("petition_signatures"),
    assignments: await n("assignments"),
    deliveries: await n("deliveries"),
  };
}
