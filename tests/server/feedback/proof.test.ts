import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepMedia } from "../../../server/src/modules/media/jobs.js";
import { png } from "../media/fixtures.js";
import { createMediaContext, upload, type MediaTestContext } from "../media/helpers.js";
import { buildWorld, primaryAssignment, startPipeline, submitOk, waitUntil, type World } from "./world.js";

/** A small, complete PDF (header, one empty page, trailer). */
function pdf(extra = ""): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R ${extra}>> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    "latin1",
  );
}

/** Answers with proof (issue 13): photos and PDFs on a reply or a resolution, shown to her, kept by the sweeper. */
describe("answers with proof", () => {
  let ctx: MediaTestContext;
  let w: World;
  let pipeline: ReturnType<typeof startPipeline>;
  beforeAll(async () => {
    ctx = await createMediaContext();
    w = await buildWorld(ctx);
    pipeline = startPipeline(ctx.deps);
  });
  afterAll(async () => {
    await pipeline?.workers.stop(5000);
    await ctx?.close();
  });

  it("PDFs are recognised by their bytes; a PDF with scripts or without its end is refused", async () => {
    const ok = await upload(ctx, w.staff.xaA.token, { bytes: pdf(), filename: "quyet-dinh.jpg", contentType: "image/jpeg" });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: "document", mime: "application/pdf" });
    const script = await upload(ctx, w.staff.xaA.token, { bytes: pdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >> "), filename: "a.pdf", contentType: "application/pdf" });
    expect(script.statusCode).toBeGreaterThanOrEqual(400);
    const cut = pdf().subarray(0, 120);
    const truncated = await upload(ctx, w.staff.xaA.token, { bytes: Buffer.concat([cut, Buffer.alloc(40, 0x20)]), filename: "b.pdf", contentType: "application/pdf" });
    expect(truncated.statusCode).toBeGreaterThanOrEqual(400);
    // a woman's item takes photos, not PDFs
    const hers = await upload(ctx, w.woman.token, { bytes: pdf(), filename: "c.pdf", contentType: "application/pdf" });
    const refused = await ctx.app.inject({ method: "POST", url: "/api/submissions", headers: w.woman.headers, payload: { kind: "feedback", category: "khac", body: "Đơn", mediaIds: [hers.json().id] } });
    expect(refused.statusCode).toBe(400);
  });

  it("a resolution carries a photo and a PDF; she sees and opens them, another woman cannot; the sweeper keeps them", async () => {
    const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category: "viec_lam", body: "Công ty chưa đóng bảo hiểm cho tôi." });
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, id));
    const photo = (await upload(ctx, w.staff.xaA.token, { bytes: png(), filename: "bien-ban.png", contentType: "image/png" })).json().id as string;
    const doc = (await upload(ctx, w.staff.xaA.token, { bytes: pdf(), filename: "cong-van.pdf", contentType: "application/pdf" })).json().id as string;
    // someone else's upload cannot be attached
    const notHers = (await upload(ctx, w.staff.xaB.token, { bytes: png(), filename: "x.png", contentType: "image/png" })).json().id as string;
    const stolen = await ctx.app.inject({ method: "POST", url: `/api/assignments/${a.id}/resolve`, headers: w.staff.xaA.headers, payload: { message: "Xong", mediaIds: [notHers] } });
    expect(stolen.statusCode).toBe(400);
    expect((await primaryAssignment(ctx.deps, id))?.resolved_at).toBeNull();

    const res = await ctx.app.inject({
      method: "POST",
      url: `/api/assignments/${a.id}/resolve`,
      headers: w.staff.xaA.headers,
      payload: { message: "Công ty đã đóng bảo hiểm, kèm biên bản làm việc.", mediaIds: [photo, doc] },
    });
    expect(res.statusCode).toBe(200);
    const view = (await ctx.app.inject({ method: "GET", url: `/api/submissions/${id}`, headers: w.woman.headers })).json();
    const resolved = view.timeline.find((e: { type: string }) => e.type === "resolved");
    expect(resolved.proof).toEqual([
      { id: photo, kind: "image" },
      { id: doc, kind: "document" },
    ]);
    const hersOpen = await ctx.app.inject({ method: "GET", url: `/api/media/${doc}`, headers: w.woman.headers });
    expect(hersOpen.statusCode).toBe(200);
    expect(hersOpen.headers["content-type"]).toMatch(/application\/pdf/);
    const otherOpen = await ctx.app.inject({ method: "GET", url: `/api/media/${doc}`, headers: w.identified.headers });
    expect(otherOpen.statusCode).toBe(404);
    const staffView = (await ctx.app.inject({ method: "GET", url: `/api/assignments/${a.id}`, headers: w.staff.tinh.headers })).json();
    expect(staffView.timeline.find((e: { type: string }) => e.type === "resolved").proof).toHaveLength(2);

    await sweepMedia(ctx.deps, new Date(Date.now() + 365 * 86_400_000));
    const left = await ctx.deps.db.selectFrom("media").select("id").where("id", "in", [photo, doc, notHers]).execute();
    expect(left.map((r) => r.id).sort()).toEqual([photo, doc].sort());
  });
});
