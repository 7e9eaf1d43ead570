import type { AdminPoll, PollWriteBody } from "@hoiso/shared";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { addUnit, devLogin, grant, smallTree } from "../../helpers/fixtures.js";

export type Headers = { authorization: string };

/**
 * A province with two communes; xã A has three chi hội (A, A2, A3). A province admin, a cán bộ of xã A, and members
 * created on demand with a unit and profile tags.
 */
export async function pollWorld() {
  const ctx: TestContext = await createTestContext();
  const db = ctx.deps.db;
  const tree = await smallTree(db);
  const chiHoiA2 = await addUnit(db, tree.xaA, "chi_hoi", "Chi hội thôn Cốc Ly");
  const chiHoiA3 = await addUnit(db, tree.xaA, "chi_hoi", "Chi hội thôn Nậm Khánh");
  const chiHoiB = await addUnit(db, tree.xaB, "chi_hoi", "Chi hội thôn Ý Linh Hồ");
  const admin = await devLogin(ctx.app, "Quản trị tỉnh");
  await grant(db, admin.memberId, tree.tinh.id, "admin");
  const canBoA = await devLogin(ctx.app, "Cán bộ xã A");
  await grant(db, canBoA.memberId, tree.xaA.id, "can_bo");
  let n = 0;
  const member = async (unitId: string, tags: string[] = [], name = `Hội viên ${++n}`) => {
    const m = await devLogin(ctx.app, name);
    await db.updateTable("members").set({ unit_id: unitId, profile_tags: tags }).where("id", "=", m.memberId).execute();
    return m;
  };
  const inject = (method: "GET" | "POST", url: string, by: Headers, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: by, ...(payload === undefined ? {} : { payload: payload as object }) });

  const body = (over: Partial<PollWriteBody> = {}): PollWriteBody => ({
    unitId: tree.xaA.id,
    title: "Chị em cần Hội hỗ trợ gì trong năm tới?",
    intro: "Khảo sát ngắn, không kèm tên chị.",
    questions: [
      { kind: "single", text: "Chị thích sinh hoạt chi hội vào lúc nào?", options: ["Buổi sáng", "Buổi chiều", "Buổi tối"] },
      { kind: "multiple", text: "Chị muốn được tập huấn về?", options: ["Vay vốn", "Chăm sóc con", "Trồng trọt"] },
      { kind: "scale", text: "Chị hài lòng với hoạt động của Hội ở mức nào?" },
      { kind: "text", text: "Chị có ý kiến gì thêm?" },
    ],
    closesAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
    ...over,
  });

  async function poll(over: Partial<PollWriteBody> = {}, by: Headers = canBoA.headers): Promise<AdminPoll> {
    const res = await inject("POST", "/api/admin/polls", by, body(over));
    if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
    return res.json<AdminPoll>();
  }

  return { ctx, db, tree: { ...tree, chiHoiA2, chiHoiA3, chiHoiB }, admin, canBoA, member, inject, body, poll };
}
