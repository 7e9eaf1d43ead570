import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin, grant, smallTree } from "../../helpers/fixtures.js";
import { queueBackends } from "../../helpers/services.js";

describe.each(await queueBackends())("queue board (%s queue)", (backend) => {
  let ctx: TestContext;
  let tree: Awaited<ReturnType<typeof smallTree>>;
  beforeAll(async () => {
    ctx = await createTestContext({ backend });
    tree = await smallTree(ctx.deps.db);
  });
  afterAll(() => ctx?.close());

  const ticket = async (headers: Record<string, string>) => ctx.app.inject({ method: "POST", url: "/api/admin/ops/queue-board", headers });
  const enter = async (url: string) => {
    const res = await ctx.app.inject({ method: "GET", url });
    const cookie = String(res.headers["set-cookie"] ?? "");
    return { res, cookie, pair: cookie.split(";")[0] ?? "" };
  };

  it("is refused to a member, a cán bộ and a commune admin", async () => {
    const member = await devLogin(ctx.app, "Thào Thị Mỷ");
    const canBo = await devLogin(ctx.app, "Lù Thị Hoa");
    await grant(ctx.deps.db, canBo.memberId, tree.tinh.id, "can_bo");
    const xaAdmin = await devLogin(ctx.app, "Vàng Thị Dung");
    await grant(ctx.deps.db, xaAdmin.memberId, tree.xaA.id, "admin");
    for (const who of [member, canBo, xaAdmin]) {
      const res = await ticket(who.headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe("FORBIDDEN");
    }
    expect((await ticket({})).statusCode).toBe(401);
  });

  it("opens for a province admin through a one-time ticket, audited, and lists the queues", async () => {
    const admin = await devLogin(ctx.app, "Hoàng Thị Lan");
    await grant(ctx.deps.db, admin.memberId, tree.tinh.id, "admin");
    expect((await ctx.app.inject({ method: "GET", url: "/admin/queues/api/queues" })).statusCode).toBe(403);

    const res = await ticket(admin.headers);
    expect(res.statusCode).toBe(200);
    const { url } = res.json<{ url: string }>();
    const audited = await ctx.deps.db.selectFrom("audit_log").select("action").where("actor_id", "=", admin.memberId).execute();
    expect(audited.map((a) => a.action)).toContain("ops.queue_board.ticket");

    const first = await enter(url);
    expect(first.res.statusCode).toBe(302);
    expect(first.cookie).toMatch(/HttpOnly/i);
    expect(first.cookie).toMatch(/Path=\/admin\/queues/);
    expect(first.cookie).toMatch(/SameSite=Strict/i);
    // the ticket works once
    const again = await enter(url);
    expect(again.res.statusCode).toBe(403);
    expect(again.res.json().message).toMatch(/hết hạn|đã dùng/);

    const page = await ctx.app.inject({ method: "GET", url: "/admin/queues/", headers: { cookie: first.pair } });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    const api = await ctx.app.inject({ method: "GET", url: "/admin/queues/api/queues", headers: { cookie: first.pair } });
    expect(api.statusCode, api.body).toBe(200);
    const names = api.json<{ queues: Array<{ name: string }> }>().queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(["feedback.route", "notify.send"]));

    // a forged cookie, and the same cookie once she is no longer a province admin
    expect((await ctx.app.inject({ method: "GET", url: "/admin/queues/api/queues", headers: { cookie: "hoiso_board=forged" } })).statusCode).toBe(403);
    await ctx.deps.db.deleteFrom("roles").where("member_id", "=", admin.memberId).execute();
    expect((await ctx.app.inject({ method: "GET", url: "/admin/queues/api/queues", headers: { cookie: first.pair } })).statusCode).toBe(403);
  });

  it("refuses an expired ticket", async () => {
    const admin = await devLogin(ctx.app, "Sùng Thị Pà");
    await grant(ctx.deps.db, admin.memberId, tree.tinh.id, "admin");
    const { url } = (await ticket(admin.headers)).json<{ url: string }>();
    await ctx.deps.db.updateTable("ops_board_passes").set({ expires_at: new Date(Date.now() - 1000) }).where("member_id", "=", admin.memberId).execute();
    expect((await enter(url)).res.statusCode).toBe(403);
  });
});
