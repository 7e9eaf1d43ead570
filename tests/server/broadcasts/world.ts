import crypto from "node:crypto";
import type { AdminBroadcast, BroadcastWriteBody } from "@hoiso/shared";
import { sql } from "kysely";
import type { ZaloSimulator } from "../../../scripts/zalo-sim/server.js";
import type { AppDeps } from "../../../server/src/deps.js";
import { OaTokenStore } from "../../../server/src/zalo/oa-tokens.js";
import { createTestContext, type ContextOptions, type TestContext } from "../../helpers/context.js";
import { addUnit, devLogin, grant, smallTree } from "../../helpers/fixtures.js";

export type Headers = { authorization: string };

/**
 * A province; xã A with chi hội A1 and A2; xã B with chi hội B1. A province admin, a cán bộ of xã A (and one of xã B),
 * members in A1 (reachable on the OA), A2 and B1: who sends announcements and who gets them.
 */
export async function broadcastWorld(sim: ZaloSimulator, opts: ContextOptions = {}) {
  const ctx: TestContext = await createTestContext({ zaloUrl: sim.url, ...opts });
  const db = ctx.deps.db;
  const tree = await smallTree(db);
  const chiHoiA1 = tree.chiHoiA;
  const chiHoiA2 = await addUnit(db, tree.xaA, "chi_hoi", "Chi hội thôn Phú Hải");
  const chiHoiB1 = await addUnit(db, tree.xaB, "chi_hoi", "Chi hội tổ 5 Sa Pa");
  const admin = await devLogin(ctx.app, "Quản trị tỉnh");
  await grant(db, admin.memberId, tree.tinh.id, "admin");
  const canBoA = await devLogin(ctx.app, "Cán bộ xã A");
  await grant(db, canBoA.memberId, tree.xaA.id, "can_bo");
  await db.updateTable("members").set({ unit_id: tree.xaA.id }).where("id", "=", canBoA.memberId).execute();
  const canBoB = await devLogin(ctx.app, "Cán bộ xã B");
  await grant(db, canBoB.memberId, tree.xaB.id, "can_bo");
  const memberA1 = await devLogin(ctx.app, "Lò Thị Mai");
  const memberA2 = await devLogin(ctx.app, "Vàng Thị Dợ");
  const memberB1 = await devLogin(ctx.app, "Tẩn Thị Mẩy");
  await db.updateTable("members").set({ unit_id: chiHoiA1.id, membership_status: "confirmed" }).where("id", "=", memberA1.memberId).execute();
  await db.updateTable("members").set({ unit_id: chiHoiA2.id }).where("id", "=", memberA2.memberId).execute();
  await db.updateTable("members").set({ unit_id: chiHoiB1.id }).where("id", "=", memberB1.memberId).execute();
  for (const m of [memberA1, memberA2, memberB1]) await reachable(ctx.deps, sim, m.memberId);
  // the OA token pair every process shares (as after an admin connected the OA)
  await new OaTokenStore(ctx.deps).accessToken();

  const compose = (over: Partial<BroadcastWriteBody> = {}): BroadcastWriteBody => ({
    unitId: tree.xaA.id,
    title: "Họp chi hội tháng 12",
    body: "Mời chị em dự họp chi hội lúc 8 giờ sáng Chủ nhật tại nhà văn hóa thôn.",
    channels: ["oa"],
    ...over,
  });
  const send = async (by: Headers, body: BroadcastWriteBody) => {
    const res = await ctx.app.inject({ method: "POST", url: "/api/admin/broadcasts", headers: by, payload: body });
    if (res.statusCode !== 201) throw new Error(`send failed: ${res.statusCode} ${res.body}`);
    return res.json<AdminBroadcast>();
  };
  const detail = async (by: Headers, id: string) => (await ctx.app.inject({ method: "GET", url: `/api/admin/broadcasts/${id}`, headers: by })).json<AdminBroadcast>();
  return { ctx, tree, chiHoiA1, chiHoiA2, chiHoiB1, admin, canBoA, canBoB, memberA1, memberA2, memberB1, compose, send, detail };
}

/** Links a member to a new simulated Zalo user who follows the OA and wrote to it just now. */
export async function reachable(deps: AppDeps, sim: ZaloSimulator, memberId: string): Promise<string> {
  const u = sim.createUser({ name: "Hội viên" });
  sim.interact(u.oaUserId);
  await deps.db.updateTable("members").set({ zalo_oa_user_id: u.oaUserId, phone: u.phone }).where("id", "=", memberId).execute();
  await deps.db.insertInto("oa_interactions").values({ oa_user_id: u.oaUserId, last_interaction_at: new Date(), following: true }).execute();
  return u.oaUserId;
}

/**
 * `n` members in `unitId`, inserted set-based, each a simulated Zalo user following the OA inside the window; returns
 * their OA ids.
 */
export async function manyMembers(deps: AppDeps, sim: ZaloSimulator, unitId: string, n: number): Promise<string[]> {
  const oaIds = Array.from({ length: n }, () => sim.createUser({ name: "Hội viên" }).oaUserId);
  for (const id of oaIds) sim.interact(id);
  const tag = crypto.randomBytes(4).toString("hex");
  for (let i = 0; i < n; i += 10_000) {
    const part = oaIds.slice(i, i + 10_000);
    await sql`
      INSERT INTO members (name, unit_id, zalo_oa_user_id, membership_status)
      SELECT 'Hội viên ' || ${tag} || '-' || o.ord, ${unitId}::uuid, o.id, 'confirmed' FROM unnest(${part}::text[]) WITH ORDINALITY AS o(id, ord)`.execute(deps.db);
    await sql`
      INSERT INTO oa_interactions (oa_user_id, last_interaction_at, following)
      SELECT o.id, now(), true FROM unnest(${part}::text[]) AS o(id)`.execute(deps.db);
  }
  return oaIds;
}

export async function waitUntil<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Deliveries of an announcement by channel and status. */
export async function tally(deps: AppDeps, broadcastId: string): Promise<Record<string, number>> {
  const rows = await deps.db
    .selectFrom("deliveries")
    .select(["channel", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("source_module", "=", "broadcasts")
    .where("source_id", "=", broadcastId)
    .groupBy(["channel", "status"])
    .execute();
  return Object.fromEntries(rows.map((r) => [`${r.channel}:${r.status}`, Number(r.n)]));
}
