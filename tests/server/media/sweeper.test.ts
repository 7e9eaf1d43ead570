import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepMedia } from "../../../server/src/modules/media/jobs.js";
import { addUnit } from "../../helpers/fixtures.js";
import { png } from "./fixtures.js";
import { createMediaContext, login, mediaRowCount, storedFiles, upload, type MediaTestContext } from "./helpers.js";

describe("abandoned uploads are cleaned up", () => {
  let ctx: MediaTestContext;
  let token: string;
  beforeAll(async () => {
    ctx = await createMediaContext();
    token = await login(ctx, "Sùng Thị Chở");
  });
  afterAll(() => ctx?.close());

  const put = async () => {
    const res = await upload(ctx, token, { filename: "anh.png", contentType: "image/png", bytes: png() });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  };

  it("deletes media no submission has used for an hour, with their files, and keeps the rest", async () => {
    expect(ctx.deps.config.limits.orphanUploadMinutes).toBe(60);
    const tinh = await addUnit(ctx.deps.db, null, "tinh", "Hội LHPN tỉnh Lào Cai");
    const xa = await addUnit(ctx.deps.db, tinh, "xa", "Xã Bản Lầu");
    const res = await ctx.app.inject({ method: "PUT", url: "/api/me/unit", headers: { authorization: `Bearer ${token}` }, payload: { unitId: xa.id } });
    expect(res.statusCode).toBe(200);
    const abandoned = await put();
    const attached = await put();
    const fresh = await put();
    const sent = await ctx.app.inject({
      method: "POST",
      url: "/api/submissions",
      headers: { authorization: `Bearer ${token}` },
      payload: { kind: "feedback", category: "khac", body: "Đường vào bản bị sạt lở.", mediaIds: [attached] },
    });
    expect(sent.statusCode).toBe(201);
    const old = new Date(Date.now() - 61 * 60_000);
    await ctx.deps.db.updateTable("media").set({ created_at: old }).where("id", "in", [abandoned, attached]).execute();
    const stray = path.join(ctx.mediaDir, "tmp", "crashed.part");
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.writeFileSync(stray, "half");
    fs.utimesSync(stray, old, old);

    expect(await mediaRowCount(ctx)).toBe(3);
    const swept = await sweepMedia(ctx.deps);
    expect(swept).toEqual({ media: 1, temp: 1 });
    const left = await ctx.deps.db.selectFrom("media").select("id").execute();
    expect(left.map((m) => m.id).sort()).toEqual([attached, fresh].sort());
    const files = storedFiles(ctx.mediaDir).map((f) => path.basename(f));
    expect(files.sort()).toEqual([attached, fresh].sort());
    // a second round finds nothing more to do
    expect(await sweepMedia(ctx.deps)).toEqual({ media: 0, temp: 0 });
  });
});
