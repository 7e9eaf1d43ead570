import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { format } from "../../../server/src/i18n/index.js";
import { png } from "../media/fixtures.js";
import { createMediaContext, upload, type MediaTestContext } from "../media/helpers.js";
import { buildWorld, primaryAssignment, startPipeline, submitOk, waitUntil, type Login, type World } from "./world.js";

/** Everything that identifies the `identified` woman: none of it may reach a cán bộ when she is anonymous. */
const IDENTITY = ["Lò Thị Xuân Hương", "84912345678", "0912345678", "7315551234567890123", "3004567890123456789"];

describe("privacy of feedback", () => {
  let ctx: MediaTestContext;
  let w: World;
  let pipeline: ReturnType<typeof startPipeline>;
  /** Every cán bộ response body seen in this file, for the identity search at the end. */
  const staffBodies: string[] = [];

  beforeAll(async () => {
    ctx = await createMediaContext();
    w = await buildWorld(ctx);
    pipeline = startPipeline(ctx.deps);
  });
  afterAll(async () => {
    await pipeline?.workers.stop(5000);
    await ctx?.close();
  });

  const staffGet = async (who: Login, url: string) => {
    const res = await ctx.app.inject({ method: "GET", url, headers: who.headers });
    staffBodies.push(res.body);
    return res;
  };
  const staffPost = async (who: Login, url: string, payload: Record<string, unknown>) => {
    const res = await ctx.app.inject({ method: "POST", url, headers: who.headers, payload });
    staffBodies.push(res.body);
    return res;
  };
  const audits = (submissionId: string) =>
    ctx.deps.db.selectFrom("audit_log").select(["actor_id", "action", "detail", "at"]).where("entity_type", "=", "submission").where("entity_id", "=", submissionId).execute();

  let privateId: string;
  let privateAssignment: string;
  let photoId: string;

  it("a private item is readable by the assigned unit's cán bộ and the province only, and every read is audited", async () => {
    const up = await upload(ctx, w.identified.token, { bytes: png(), filename: "bang-chung.png", contentType: "image/png" });
    expect(up.statusCode).toBe(201);
    photoId = up.json().id;
    const { id } = await submitOk(ctx, w.identified, {
      kind: "report",
      category: "bao_luc",
      body: "Hàng xóm của tôi bị chồng đánh nhiều lần, tôi xin giấu tên.",
      anonymous: true,
      mediaIds: [photoId],
    });
    privateId = id;
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, id));
    privateAssignment = a.id;
    expect(a.unit_id).toBe(w.units.xaA.id);

    // her phone may be in the wrong hands: about a private report she is told in the app only, never on Zalo
    const hers = await ctx.deps.db
      .selectFrom("deliveries as d")
      .innerJoin("submission_events as e", "e.id", "d.event_id")
      .select(["d.channel"])
      .where("e.submission_id", "=", id)
      .where("d.recipient_id", "=", w.identified.memberId)
      .execute();
    expect(hers.map((d) => d.channel)).toEqual(["in_app"]);
    const staffNote = await ctx.deps.db
      .selectFrom("deliveries as d")
      .select(["d.type", "d.params"])
      .where("d.source_module", "=", "feedback")
      .where("d.source_id", "=", id)
      .where("d.recipient_id", "=", w.staff.xaA.memberId)
      .executeTakeFirstOrThrow();
    // a private category is not named on a cán bộ's lock screen either
    expect(staffNote.type).toBe("feedback.staff.newAssignmentPrivate");
    expect(format("vi", staffNote.type, staffNote.params as Record<string, unknown>)).not.toMatch(/bạo lực/i);
    expect(JSON.stringify(staffNote.params)).not.toMatch(/bạo lực/i);

    const url = `/api/assignments/${a.id}`;
    const matrix: Array<[string, Login, number]> = [
      ["assigned xã", w.staff.xaA, 200],
      ["province", w.staff.tinh, 200],
      ["her own chi hội (below the assigned unit)", w.staff.chiA1, 403],
      ["sibling chi hội", w.staff.chiA2, 403],
      ["another commune", w.staff.xaB, 403],
      ["outsider chi hội", w.staff.chiB1, 403],
      ["a plain member", w.woman, 403],
    ];
    for (const [label, who, status] of matrix) {
      const res = await staffGet(who, url);
      expect(res.statusCode, label).toBe(status);
      if (status === 200) expect(res.json().submission.body, label).toContain("bị chồng đánh");
      else expect(res.body, label).not.toContain("bị chồng đánh");
    }
    const rows = await audits(id);
    expect(rows.map((r) => r.actor_id).sort()).toEqual([w.staff.xaA.memberId, w.staff.tinh.memberId].sort());
    expect(rows.every((r) => r.action === "submission.read" && (r.detail as { assignmentId?: string }).assignmentId === a.id)).toBe(true);

    // the inbox: listed for the assigned unit and the province, without its text; absent elsewhere
    for (const [who, listed] of [
      [w.staff.xaA, true],
      [w.staff.tinh, true],
      [w.staff.chiA1, false],
      [w.staff.xaB, false],
    ] as const) {
      const inbox = await staffGet(who, "/api/inbox?status=all");
      expect(inbox.statusCode).toBe(200);
      const item = inbox.json().items.find((i: { submissionId: string }) => i.submissionId === id);
      expect(Boolean(item)).toBe(listed);
      if (item) expect(item.excerpt).toBeNull();
    }
    expect((await audits(id)).length).toBe(2); // listing is not reading
  });

  it("its photo opens for the assigned cán bộ (audited) and nobody else in between", async () => {
    const before = (await audits(privateId)).length;
    expect((await ctx.app.inject({ method: "GET", url: `/api/media/${photoId}`, headers: w.staff.xaA.headers })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: "GET", url: `/api/media/${photoId}`, headers: w.staff.chiA1.headers })).statusCode).not.toBe(200);
    expect((await ctx.app.inject({ method: "GET", url: `/api/media/${photoId}`, headers: w.staff.xaB.headers })).statusCode).not.toBe(200);
    expect((await ctx.app.inject({ method: "GET", url: `/api/media/${photoId}`, headers: w.identified.headers })).statusCode).toBe(200);
    const after = await audits(privateId);
    expect(after.length).toBe(before + 1);
    expect(after.some((r) => (r.detail as { via?: string }).via === "media" && r.actor_id === w.staff.xaA.memberId)).toBe(true);
  });

  it("handed to a chi hội, it leaves the xã in between: chi hội and province read it, the xã gets 403", async () => {
    const r = await staffPost(w.staff.xaA, `/api/assignments/${privateAssignment}/reroute`, { unitId: w.units.chiA1.id, note: "Chi hội nắm rõ gia đình này." });
    expect(r.statusCode).toBe(200);
    const at = await ctx.deps.db.selectFrom("assignments").select(["id"]).where("submission_id", "=", privateId).where("unit_id", "=", w.units.chiA1.id).executeTakeFirstOrThrow();
    const url = `/api/assignments/${at.id}`;
    const matrix: Array<[string, Login, number]> = [
      ["assigned chi hội", w.staff.chiA1, 200],
      ["province", w.staff.tinh, 200],
      ["xã in between", w.staff.xaA, 403],
      ["sibling chi hội", w.staff.chiA2, 403],
      ["outsider", w.staff.xaB, 403],
    ];
    const before = (await audits(privateId)).length;
    for (const [label, who, status] of matrix) expect((await staffGet(who, url)).statusCode, label).toBe(status);
    expect((await staffGet(w.staff.xaA, `/api/assignments/${privateAssignment}`)).statusCode).toBe(403);
    expect((await audits(privateId)).length).toBe(before + 2);
    const xaInbox = await staffGet(w.staff.xaA, "/api/inbox?status=all");
    expect(xaInbox.json().items.some((i: { submissionId: string }) => i.submissionId === privateId)).toBe(false);
    // acting is refused the same way
    expect((await staffPost(w.staff.xaA, `/api/assignments/${at.id}/ack`, {})).statusCode).toBe(403);
    expect((await staffPost(w.staff.chiA1, `/api/assignments/${at.id}/ack`, {})).statusCode).toBe(200);
  });

  it("an ordinary item is visible through the subtree, not to siblings or other communes, and reads are not audited", async () => {
    const { id } = await submitOk(ctx, w.identified, { kind: "feedback", category: "gop_y_hoi", body: "Đề nghị chi hội mở lớp dạy nấu ăn.", anonymous: true });
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, id));
    expect(a.unit_id).toBe(w.units.chiA1.id);
    const matrix: Array<[string, Login, number]> = [
      ["assigned chi hội", w.staff.chiA1, 200],
      ["its xã", w.staff.xaA, 200],
      ["province", w.staff.tinh, 200],
      ["sibling chi hội", w.staff.chiA2, 403],
      ["another commune", w.staff.xaB, 403],
    ];
    for (const [label, who, status] of matrix) expect((await staffGet(who, `/api/assignments/${a.id}`)).statusCode, label).toBe(status);
    expect(await audits(id)).toHaveLength(0);
    const reply = await staffPost(w.staff.chiA1, `/api/assignments/${a.id}/reply`, { message: "Chi hội sẽ mở lớp vào tháng sau." });
    expect(reply.statusCode).toBe(200);
  });

  it("an anonymous woman's name, phone and Zalo ids appear in no cán bộ response and no cán bộ notification", async () => {
    // her notifications to cán bộ, and the cán bộ's own lists
    for (const who of Object.values(w.staff)) {
      await staffGet(who, "/api/notifications");
      await staffGet(who, "/api/inbox?status=all");
    }
    await waitUntil("outbound notifications settle", async () => (await ctx.deps.db.selectFrom("deliveries").select("id").where("status", "=", "pending").execute()).length === 0);
    // every message a cán bộ was sent, as stored (type + parameters) and as written out for her
    const staffNotes = await ctx.deps.db.selectFrom("deliveries").select(["type", "params"]).where("link", "like", "/can-bo/%").execute();
    expect(staffNotes.length).toBeGreaterThan(0);
    const written = staffNotes.map((n) => `${JSON.stringify(n.params)}\n${format("vi", n.type, n.params as Record<string, unknown>)}`);
    const haystack = [...staffBodies, ...written].join("\n");
    expect(haystack.length).toBeGreaterThan(1000);
    for (const needle of IDENTITY) expect(haystack, needle).not.toContain(needle);
    expect(haystack).toContain("Người gửi"); // her own timeline entries are there, under a neutral label
  });

  it("the same search does find her when she chose to give her name (so the check above can fail)", async () => {
    const { id } = await submitOk(ctx, w.identified, { kind: "feedback", category: "gop_y_hoi", body: "Tôi muốn tham gia câu lạc bộ." });
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, id));
    // an ordinary item does reach her on Zalo (so the in-app-only check above can fail)
    const outbound = await ctx.deps.db
      .selectFrom("deliveries as d")
      .select("d.channel")
      .where("d.source_module", "=", "feedback")
      .where("d.source_id", "=", id)
      .where("d.recipient_id", "=", w.identified.memberId)
      .where("d.channel", "!=", "in_app")
      .execute();
    expect(outbound.map((d) => d.channel)).toContain("oa_cs"); // (+ "template" once the sender has fallen back)
    const res = await staffGet(w.staff.chiA1, `/api/assignments/${a.id}`);
    expect(res.json().author).toEqual({ name: "Lò Thị Xuân Hương", phone: "84912345678" });
    expect(res.body).toContain("Lò Thị Xuân Hương");
    staffBodies.pop(); // not part of the anonymous haystack
  });
});
