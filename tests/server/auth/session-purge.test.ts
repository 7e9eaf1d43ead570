import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPurge } from "../../../server/src/modules/auth/jobs.js";
import { serverModules } from "../../../server/src/modules/index.js";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin } from "../../helpers/fixtures.js";

describe("expired sessions are purged", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx?.close());

  const sessionCount = async (memberId: string) =>
    (await ctx.deps.db.selectFrom("sessions").select("token_hash").where("member_id", "=", memberId).execute()).length;

  it("runs as a periodic task of the workers", () => {
    expect(serverModules.flatMap((m) => m.periodic ?? [])).toContain(sessionPurge);
  });

  it("deletes an expired session row and keeps a live one", async () => {
    const gone = await devLogin(ctx.app, "Lý Thị Sử", "purge-expired");
    const live = await devLogin(ctx.app, "Tẩn Thị Mẩy", "purge-live");
    const expiredAt = new Date(Date.now() - 60_000);
    await ctx.deps.db.updateTable("sessions").set({ expires_at: expiredAt }).where("member_id", "=", gone.memberId).execute();
    expect(await sessionCount(gone.memberId)).toBe(1);

    expect(await sessionPurge.run(ctx.deps)).toBe(1);
    expect(await sessionCount(gone.memberId)).toBe(0);
    expect(await sessionCount(live.memberId)).toBe(1);
    expect((await ctx.app.inject({ method: "GET", url: "/api/me", headers: live.headers })).statusCode).toBe(200);
    expect(await sessionPurge.run(ctx.deps)).toBe(0);
  });
});
