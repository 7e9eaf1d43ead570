import { openPhone } from "../../../server/src/privacy/phones.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { buildWorld, countRows, primaryAssignment, startPipeline, submitOk, waitUntil, type Login, type World } from "./world.js";

/**
 * Items a cán bộ enters for a woman who gave them by phone, in person, on paper or at a meeting (issue 13): the same
 * intake, routing, deadlines and privacy as the Mini App's, her consent recorded, the channel kept for the dashboard.
 */
describe("items entered on her behalf", () => {
  let ctx: TestContext;
  let w: World;
  let pipeline: ReturnType<typeof startPipeline>;
  beforeAll(async () => {
    ctx = await createTestContext();
    w = await buildWorld(ctx);
    pipeline = startPipeline(ctx.deps);
  });
  afterAll(async () => {
    await pipeline?.workers.stop(5000);
    await ctx?.close();
  });

  const enter = (who: Login, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: "POST", url: "/api/on-behalf", headers: { ...who.headers, ...headers }, payload });
  const base = () => ({ kind: "feedback", category: "viec_lam", body: "Chị Hoa ở thôn Làng Mới chưa được trả lương ba tháng.", unitId: w.units.chiA1.id, consent: true });
  const detail = async (who: Login, assignmentId: string) => ctx.app.inject({ method: "GET", url: `/api/assignments/${assignmentId}`, headers: who.headers });

  it("routes like a Mini App item, keeps the channel, and gives the handler her name and phone", async () => {
    const res = await enter(w.staff.chiA1, { ...base(), channel: "dien_thoai", womanName: "Vàng Thị Hoa", womanPhone: "0987 654 321" });
    expect(res.statusCode).toBe(201);
    const slip = res.json();
    expect(slip.trackingCode).toMatch(/^[A-Z0-9-]+$/);
    expect(slip.channel).toBe("dien_thoai");
    expect(slip.unitName).toBe("Chi hội thôn Làng Mới");
    expect(slip.zaloNotice).toBe(false);
    // the same item sent from the Mini App for comparison: same unit, same deadline length
    const own = await submitOk(ctx, w.woman, { kind: "feedback", category: "viec_lam", body: "Tôi chưa được trả lương." });
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, slip.id));
    const b = await waitUntil("routing", () => primaryAssignment(ctx.deps, own.id));
    expect(a.unit_id).toBe(b.unit_id);
    expect(a.sla_hours).toBe(b.sla_hours);
    const s = await ctx.deps.db.selectFrom("submissions").select(["channel", "author_id"]).where("id", "=", slip.id).executeTakeFirstOrThrow();
    expect(s).toEqual({ channel: "dien_thoai", author_id: w.staff.chiA1.memberId });
    const ob = await ctx.deps.db.selectFrom("submission_on_behalf").selectAll().where("submission_id", "=", slip.id).executeTakeFirstOrThrow();
    expect(ob).toMatchObject({ woman_name: "Vàng Thị Hoa", woman_phone: null, consent: true, notify_consent: false, entered_by: w.staff.chiA1.memberId });
    expect(openPhone(ctx.config.phoneKeys, ob.woman_phone_enc!)).toBe("84987654321"); // sealed at rest (migration 130)
    // việc làm is handled by the xã
    expect(a.unit_id).toBe(w.units.xaA.id);
    const d = await detail(w.staff.xaA, a.id);
    expect(d.statusCode).toBe(200);
    expect(d.json().author).toEqual({ name: "Vàng Thị Hoa", phone: "84987654321" });
    expect(d.json().onBehalf).toMatchObject({ channel: "dien_thoai", enteredByName: "Chi hội trưởng Làng Mới", womanName: "Vàng Thị Hoa" });
    expect(d.json().submission.channel).toBe("dien_thoai");
    const audit = await ctx.deps.db.selectFrom("audit_log").select(["action", "detail"]).where("entity_id", "=", slip.id).where("action", "=", "submission.on_behalf").executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.detail)).not.toMatch(/Hoa|987654321/);
  });

  it("refuses without her consent, from a woman who is not a cán bộ, and outside the cán bộ's units — nothing written", async () => {
    const before = await countRows(ctx.deps);
    const noConsent = await enter(w.staff.chiA1, { ...base(), channel: "truc_tiep", consent: false });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().code).toBe("CONSENT_REQUIRED");
    const notStaff = await enter(w.woman, { ...base(), channel: "truc_tiep" });
    expect(notStaff.statusCode).toBe(403);
    expect(notStaff.json().code).toBe("STAFF_ONLY");
    const elsewhere = await enter(w.staff.chiA1, { ...base(), channel: "hop", unitId: w.units.chiB1.id });
    expect(elsewhere.statusCode).toBe(403);
    const sibling = await enter(w.staff.chiA1, { ...base(), channel: "hop", unitId: w.units.chiA2.id });
    expect(sibling.statusCode).toBe(403);
    const badPhone = await enter(w.staff.chiA1, { ...base(), channel: "giay", womanPhone: "12345" });
    expect(badPhone.json().code).toBe("PHONE_INVALID");
    const zaloNoPhone = await enter(w.staff.chiA1, { ...base(), channel: "giay", notifyConsent: true });
    expect(zaloNoPhone.json().code).toBe("PHONE_REQUIRED");
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it("an anonymous item never shows her name or phone to the handling cán bộ", async () => {
    const res = await enter(w.staff.chiA1, { ...base(), channel: "hop", womanName: "Thào Thị Dua", womanPhone: "0911222333", anonymous: true });
    expect(res.statusCode).toBe(201);
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, res.json().id));
    for (const who of [w.staff.xaA, w.staff.tinh]) {
      const d = await detail(who, a.id);
      expect(d.statusCode).toBe(200);
      expect(d.json().author).toBeNull();
      expect(d.json().onBehalf.womanName).toBeNull();
      expect(d.body).not.toMatch(/Thào Thị Dua|911222333/);
      const inbox = await ctx.app.inject({ method: "GET", url: "/api/inbox?status=all", headers: who.headers });
      expect(inbox.body).not.toMatch(/Thào Thị Dua|911222333/);
    }
  });

  it("a private item entered for her is seen only by the assigned unit and the province, every read audited, as in the Mini App", async () => {
    const res = await enter(w.staff.chiA1, { kind: "report", category: "bao_luc", body: "Chị Lan bị chồng đánh, nhờ chi hội báo giúp.", unitId: w.units.chiA1.id, channel: "truc_tiep", consent: true, womanName: "Lý Thị Lan" });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, id));
    expect(a.unit_id).toBe(w.units.xaA.id);
    const s = await ctx.deps.db.selectFrom("submissions").select("sensitive").where("id", "=", id).executeTakeFirstOrThrow();
    expect(s.sensitive).toBe(true);
    expect((await detail(w.staff.chiA2, a.id)).statusCode).toBe(403);
    expect((await detail(w.staff.xaB, a.id)).statusCode).toBe(403);
    const inboxA2 = await ctx.app.inject({ method: "GET", url: "/api/inbox?status=all", headers: w.staff.chiA2.headers });
    expect(inboxA2.json().items.map((i: { submissionId: string }) => i.submissionId)).not.toContain(id);
    const seen = await detail(w.staff.xaA, a.id);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().author.name).toBe("Lý Thị Lan");
    const inboxXa = await ctx.app.inject({ method: "GET", url: "/api/inbox?status=all", headers: w.staff.xaA.headers });
    const row = inboxXa.json().items.find((i: { submissionId: string }) => i.submissionId === id);
    expect(row).toMatchObject({ excerpt: null, sensitive: true, channel: "truc_tiep" });
    const reads = await ctx.deps.db.selectFrom("audit_log").select("actor_id").where("entity_id", "=", id).where("action", "=", "submission.read").execute();
    expect(reads.map((r) => r.actor_id)).toContain(w.staff.xaA.memberId);
  });

  it("tells her on Zalo only when she gave a phone and agreed; a private item only in the app, discreetly", async () => {
    // `identified` is on Hội Số with phone 84912345678 and Zalo ids
    const told = await enter(w.staff.chiA1, { ...base(), channel: "dien_thoai", womanPhone: "0912345678", notifyConsent: true });
    expect(told.json().zaloNotice).toBe(true);
    const hers = await ctx.deps.db
      .selectFrom("deliveries")
      .select(["channel", "type"])
      .where("source_id", "=", told.json().id)
      .where("recipient_id", "=", w.identified.memberId)
      .orderBy("channel")
      .execute();
    expect(hers.map((d) => d.channel).sort()).toEqual(["in_app", "oa_cs"]);
    expect(hers[0]?.type).toBe("feedback.author.onBehalfReceived");

    const notAsked = await enter(w.staff.chiA1, { ...base(), channel: "dien_thoai", womanPhone: "0912345678" });
    expect(notAsked.json().zaloNotice).toBe(false);
    const none = await ctx.deps.db.selectFrom("deliveries").select("id").where("source_id", "=", notAsked.json().id).where("recipient_id", "=", w.identified.memberId).execute();
    expect(none).toEqual([]);

    const privateOne = await enter(w.staff.chiA1, {
      kind: "report",
      category: "bao_luc",
      body: "Nhờ chi hội báo giúp việc trong nhà.",
      unitId: w.units.chiA1.id,
      channel: "dien_thoai",
      womanPhone: "0912345678",
      notifyConsent: true,
      consent: true,
    });
    const discreet = await ctx.deps.db
      .selectFrom("deliveries")
      .select(["channel", "params"])
      .where("source_id", "=", privateOne.json().id)
      .where("recipient_id", "=", w.identified.memberId)
      .execute();
    expect(discreet.map((d) => d.channel)).toEqual(["in_app"]);
    expect(JSON.stringify(discreet[0]?.params)).toMatch(/discreet/i);
  });

  it("a retry with the same idempotency key gives the same slip, and the dashboard can count by channel", async () => {
    const key = { "idempotency-key": "onbehalf-retry-0001" };
    const first = await enter(w.staff.chiA1, { ...base(), channel: "giay" }, key);
    const again = await enter(w.staff.chiA1, { ...base(), channel: "giay" }, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    const byChannel = await ctx.deps.db
      .selectFrom("submissions")
      .select(["channel", (eb) => eb.fn.countAll<string>().as("n")])
      .groupBy("channel")
      .execute();
    const counts = Object.fromEntries(byChannel.map((r) => [r.channel, Number(r.n)]));
    expect(counts.giay).toBe(1);
    expect(counts.mini_app).toBe(1);
    expect(counts.dien_thoai).toBeGreaterThanOrEqual(3);
  });

  it("with her consent on the slip the result can go on the public record, never with her name; never for what may not be published", async () => {
    // Items entered by the tests before may still be routed by the workers meanwhile: count once every item is placed.
    await waitUntil("earlier items routed", async () => {
      const unrouted = await ctx.deps.db
        .selectFrom("submissions as s")
        .select("s.id")
        .where((eb) => eb.not(eb.exists(eb.selectFrom("assignments as a").select("a.id").whereRef("a.submission_id", "=", "s.id"))))
        .executeTakeFirst();
      return unrouted ? null : true;
    });
    const before = await countRows(ctx.deps);
    for (const extra of [{ anonymous: true }, { sensitive: true }, { kind: "report", category: "bao_luc" }]) {
      const refused = await enter(w.staff.chiA1, { ...base(), channel: "hop", womanName: "Giàng Thị Pà", publishConsent: true, ...extra });
      expect(refused.statusCode, JSON.stringify(extra)).toBe(400);
      expect(refused.json()).toMatchObject({ code: "PUBLISH_NOT_ALLOWED", field: "publishConsent" });
    }
    expect(await countRows(ctx.deps)).toEqual(before);

    const body = "Chị Giàng Thị Pà (0977 111 222) báo tại buổi họp: đèn đường thôn Làng Mới hỏng cả tháng nay.";
    const res = await enter(w.staff.chiA1, { ...base(), body, channel: "hop", womanName: "Giàng Thị Pà", womanPhone: "0977111222", publishConsent: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().publishConsent).toBe(true);
    const id = res.json().id as string;
    const without = await enter(w.staff.chiA1, { ...base(), channel: "hop" });
    expect(without.json().publishConsent).toBe(false);
    expect(await ctx.deps.db.selectFrom("submission_publications").select("consent").where("submission_id", "=", without.json().id).execute()).toEqual([]);

    const a = await waitUntil("routing", () => primaryAssignment(ctx.deps, id));
    const answer = "Xã đã thay bóng đèn đường thôn Làng Mới.";
    const resolved = await ctx.app.inject({ method: "POST", url: `/api/assignments/${a.id}/resolve`, headers: w.staff.xaA.headers, payload: { message: answer } });
    expect(resolved.statusCode).toBe(200);
    const pending = await ctx.app.inject({ method: "GET", url: "/api/staff/publications", headers: w.staff.xaA.headers });
    expect(pending.json().items.map((i: { submissionId: string }) => i.submissionId)).toContain(id);
    const review = await ctx.app.inject({ method: "GET", url: `/api/staff/publications/${id}`, headers: w.staff.xaA.headers });
    expect(review.json()).toMatchObject({ consent: true, canPublish: true, blockedBy: null });
    const text = "Đèn đường thôn Làng Mới hỏng cả tháng nay.";
    const published = await ctx.app.inject({ method: "POST", url: `/api/staff/publications/${id}/publish`, headers: w.staff.xaA.headers, payload: { text, answer } });
    expect(published.statusCode).toBe(200);
    const item = await ctx.app.inject({ method: "GET", url: `/api/public-record/items/${published.json().publicId}` });
    expect(item.statusCode).toBe(200);
    expect(item.json()).toMatchObject({ text, answer });
    expect(item.body).not.toMatch(/Giàng Thị Pà|977111222|977 111 222|Chi hội trưởng/);
  });
});
