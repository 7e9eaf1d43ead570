import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../helpers/context.js";
import { devLogin } from "../../helpers/fixtures.js";
import { escalateAssignment } from "../../../server/src/modules/feedback/pipeline.js";
import { buildWorld, primaryAssignment, startPipeline, submitOk, waitUntil, type Login, type World } from "./world.js";

describe("an item's life: the woman's side and the cán bộ's actions", () => {
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

  const get = (who: Login, url: string) => ctx.app.inject({ method: "GET", url, headers: who.headers });
  const post = (who: Login, url: string, payload: Record<string, unknown> = {}) => ctx.app.inject({ method: "POST", url, headers: who.headers, payload });
  const routed = (id: string) => waitUntil(`routing of ${id}`, () => primaryAssignment(ctx.deps, id));
  const timeline = async (id: string) => (await get(w.woman, `/api/submissions/${id}`)).json().timeline as Array<{ type: string; message: string; public: boolean }>;
  const hasNotification = async (who: Login, submissionId: string, re: RegExp) =>
    (await get(who, "/api/notifications")).json().items.some((n: { source: { id: string }; text: string }) => n.source.id === submissionId && re.test(n.text));
  const setSetting = (key: string, value: unknown) =>
    ctx.deps.db.updateTable("feedback_settings").set({ value: JSON.stringify(value) }).where("key", "=", key).execute();

  it("she finds her items in her list, by id and by tracking code typed loosely; nobody else does", async () => {
    const { id, trackingCode } = await submitOk(ctx, w.woman, { kind: "feedback", category: "thu_tuc", body: "Làm giấy khai sinh cho con mất nhiều thời gian." });
    await routed(id);
    const mine = (await get(w.woman, "/api/submissions/mine")).json().items;
    expect(mine[0]).toMatchObject({ id, trackingCode, status: "forwarded", categoryName: "Thủ tục hành chính – dịch vụ công", originUnitName: "Chi hội thôn Làng Mới" });
    const view = (await get(w.woman, `/api/submissions/${id}`)).json();
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual(["received", "forwarded"]);
    expect(view.handlingUnits).toEqual([{ unitId: w.units.xaA.id, unitName: "Xã Bảo Thắng" }]);
    const loose = trackingCode.toLowerCase().replace("-", " ");
    expect((await get(w.woman, `/api/submissions/track/${encodeURIComponent(loose)}`)).json().id).toBe(id);
    expect((await get(w.identified, `/api/submissions/track/${trackingCode}`)).statusCode).toBe(404);
    expect((await get(w.identified, `/api/submissions/${id}`)).statusCode).toBe(404);
    const typo = trackingCode.slice(0, -1) + (trackingCode.endsWith("2") ? "3" : "2");
    expect((await get(w.woman, `/api/submissions/track/${typo}`)).statusCode).toBe(404);
  });

  it("ack, public reply, outside forward, resolve: each on her timeline and in her notifications", async () => {
    const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category: "y_te", body: "Trạm y tế xã thiếu thuốc hạ sốt cho trẻ em." });
    const a = await routed(id);
    const base = `/api/assignments/${a.id}`;
    const ack = await post(w.staff.xaA, `${base}/ack`);
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ submissionStatus: "acknowledged", assignment: { status: "acknowledged" } });
    expect((await post(w.staff.xaA, `${base}/ack`)).statusCode).toBe(200); // again: no second event
    expect((await post(w.staff.xaA, `${base}/reply`, { message: "Hội đã báo trạm y tế, tuần sau có thuốc.", public: true })).json().submissionStatus).toBe("replied");
    expect((await post(w.staff.xaA, `${base}/forward`, { agency: "Trạm y tế xã Bảo Thắng", note: "Đề nghị bổ sung thuốc hạ sốt." })).statusCode).toBe(200);
    const bad = await post(w.staff.xaA, `${base}/forward`, { note: "thiếu nơi nhận" });
    expect([bad.statusCode, bad.json().code]).toEqual([400, "FORWARD_TARGET_REQUIRED"]);
    const done = await post(w.staff.xaA, `${base}/resolve`, { message: "Trạm y tế đã có đủ thuốc." });
    expect(done.json()).toMatchObject({ submissionStatus: "resolved", assignment: { status: "resolved" } });

    const t = await timeline(id);
    expect(t.map((e) => e.type)).toEqual(["received", "forwarded", "acknowledged", "replied", "forwarded_external", "resolved"]);
    expect(t.find((e) => e.type === "replied")).toMatchObject({ message: "Hội đã báo trạm y tế, tuần sau có thuốc.", public: true });
    expect(await hasNotification(w.woman, id, /đã tiếp nhận/)).toBe(true);
    expect(await hasNotification(w.woman, id, /trả lời .*tuần sau có thuốc/)).toBe(true);
    expect(await hasNotification(w.woman, id, /Trạm y tế xã Bảo Thắng/)).toBe(true);
    expect(await hasNotification(w.woman, id, /đã được giải quyết: Trạm y tế đã có đủ thuốc/)).toBe(true);
    // the staff view shows the internal note; hers does not
    const detail = (await get(w.staff.xaA, base)).json();
    expect(detail.timeline.find((e: { type: string }) => e.type === "forwarded_external").note).toBe("Đề nghị bổ sung thuốc hạ sốt.");
    expect(JSON.stringify(await timeline(id))).not.toContain("Đề nghị bổ sung thuốc hạ sốt.");
  });

  it("forward to another unit shares it; reroute hands it over without dropping it", async () => {
    const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category: "an_sinh", body: "Gia đình bà Thào chưa được hỗ trợ sau lũ." });
    const a = await routed(id);
    const fwd = await post(w.staff.xaA, `/api/assignments/${a.id}/forward`, { unitId: w.units.chiA2.id, note: "Nhờ chi hội xác minh." });
    expect(fwd.statusCode).toBe(200);
    expect(fwd.json().assignment.status).toBe("acknowledged"); // the xã still holds it, and passing it on stopped its clock
    const shared = await ctx.deps.db.selectFrom("assignments").select(["unit_id", "reason", "closed"]).where("submission_id", "=", id).orderBy("created_at").execute();
    expect(shared).toEqual([
      { unit_id: w.units.xaA.id, reason: "primary", closed: false },
      { unit_id: w.units.chiA2.id, reason: "forward", closed: false },
    ]);
    expect(await hasNotification(w.staff.chiA2, id, /chuyển đến Chi hội thôn Cốc Sâm/)).toBe(true);

    const rr = await post(w.staff.xaA, `/api/assignments/${a.id}/reroute`, { unitId: w.units.xaB.id, note: "Gia đình ở phường Sa Pa." });
    expect(rr.statusCode).toBe(200);
    expect(rr.json().assignment.status).toBe("closed");
    const after = await ctx.deps.db.selectFrom("assignments").select(["unit_id", "reason", "closed"]).where("submission_id", "=", id).orderBy("created_at").execute();
    expect(after).toEqual([
      { unit_id: w.units.xaA.id, reason: "primary", closed: true },
      { unit_id: w.units.chiA2.id, reason: "forward", closed: false },
      { unit_id: w.units.xaB.id, reason: "reroute", closed: false },
    ]);
    expect(await hasNotification(w.staff.xaB, id, /thuộc trách nhiệm/)).toBe(true);
    expect(await hasNotification(w.woman, id, /thuộc trách nhiệm của Phường Sa Pa/)).toBe(true);
    const again = await post(w.staff.xaA, `/api/assignments/${a.id}/reply`, { message: "…" });
    expect([again.statusCode, again.json().code]).toEqual([409, "ASSIGNMENT_CLOSED"]);
    // an escalation due for the handed-over assignment does nothing: it is closed, and the item is not escalated
    await ctx.deps.db.updateTable("assignments").set({ due_at: new Date(Date.now() - 60_000) }).where("id", "=", a.id).execute();
    expect(await escalateAssignment(ctx.deps, a.id)).toBe("no-op");
    const afterEscalation = await ctx.deps.db.selectFrom("assignments").select(["unit_id", "reason", "closed"]).where("submission_id", "=", id).orderBy("created_at").execute();
    expect(afterEscalation).toEqual(after);
  });

  it("inbox filters: status, category, overdue (overdue first)", async () => {
    const late = await submitOk(ctx, w.woman, { kind: "feedback", category: "dat_dai", body: "Đường đất lầy lội." });
    const fresh = await submitOk(ctx, w.woman, { kind: "feedback", category: "viec_lam", body: "Cần việc làm." });
    const la = await routed(late.id);
    await routed(fresh.id);
    await ctx.deps.db.updateTable("assignments").set({ due_at: new Date(Date.now() - 60_000), acknowledged_at: new Date() }).where("id", "=", la.id).execute();
    const all = (await get(w.staff.xaA, "/api/inbox")).json();
    expect(all.items[0].assignmentId).toBe(la.id);
    expect(all.items[0].overdue).toBe(true);
    const overdue = (await get(w.staff.xaA, "/api/inbox?overdue=true")).json().items;
    expect(overdue.map((i: { assignmentId: string }) => i.assignmentId)).toEqual([la.id]);
    const cat = (await get(w.staff.xaA, "/api/inbox?category=viec_lam")).json().items;
    expect(cat.length).toBeGreaterThan(0);
    expect(cat.every((i: { category: string }) => i.category === "viec_lam")).toBe(true);
    // its own resolved item, so this test does not lean on an earlier one
    await post(w.staff.xaA, `/api/assignments/${la.id}/resolve`, { message: "Đã rải đá đường vào thôn." });
    const resolved = (await get(w.staff.xaA, "/api/inbox?status=resolved")).json().items;
    expect(resolved.every((i: { status: string }) => i.status === "resolved")).toBe(true);
    expect(resolved.map((i: { assignmentId: string }) => i.assignmentId)).toContain(la.id);
    expect((await get(w.woman, "/api/inbox")).statusCode).toBe(403);
  });

  it("follow-up: asked some days after resolution; 'no' reopens at the same unit, 'yes' closes", async () => {
    await setSetting("follow_up_days", 1 / 86_400); // one second
    const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category: "viec_lam", body: "Công ty nợ lương công nhân nữ." });
    const a = await routed(id);
    await post(w.staff.xaA, `/api/assignments/${a.id}/resolve`, { message: "Công ty đã trả lương." });
    await waitUntil("the follow-up question", async () => (await timeline(id)).some((e) => e.type === "follow_up_asked"), 15_000, 100);
    expect(await hasNotification(w.woman, id, /Vấn đề của chị đã được giải quyết chưa\?/)).toBe(true);
    expect((await get(w.woman, `/api/submissions/${id}`)).json().followUpOpen).toBe(true);

    const no = await post(w.woman, `/api/submissions/${id}/follow-up`, { resolved: false });
    expect(no.json()).toEqual({ status: "forwarded" });
    const reopened = await ctx.deps.db.selectFrom("assignments").selectAll().where("id", "=", a.id).executeTakeFirstOrThrow();
    expect([reopened.unit_id, reopened.resolved_at, reopened.closed]).toEqual([w.units.xaA.id, null, false]);
    expect(reopened.due_at.getTime()).toBeGreaterThan(Date.now() + 100 * 3_600_000);
    expect(await hasNotification(w.staff.xaA, id, /chưa được giải quyết/)).toBe(true);
    const twice = await post(w.woman, `/api/submissions/${id}/follow-up`, { resolved: false });
    expect([twice.statusCode, twice.json().code]).toEqual([409, "FOLLOW_UP_NOT_OPEN"]);
    expect((await post(w.identified, `/api/submissions/${id}/follow-up`, { resolved: true })).statusCode).toBe(404);

    await post(w.staff.xaA, `/api/assignments/${a.id}/resolve`, { message: "Đã làm việc lại với công ty, đã trả đủ." });
    await waitUntil("the second follow-up question", async () => (await timeline(id)).filter((e) => e.type === "follow_up_asked").length === 2, 15_000, 100);
    expect((await post(w.woman, `/api/submissions/${id}/follow-up`, { resolved: true })).json()).toEqual({ status: "closed" });
    expect((await timeline(id)).map((e) => e.type)).toEqual([
      "received",
      "forwarded",
      "resolved",
      "follow_up_asked",
      "reopened",
      "resolved",
      "follow_up_asked",
      "closed",
    ]);
    await setSetting("follow_up_days", 7);
  }, 40_000);

  it("similar open items in her commune, typed with or without diacritics; never private, finished or elsewhere", async () => {
    const open = await submitOk(ctx, w.woman, { kind: "feedback", category: "dat_dai", body: "Nước sạch ở thôn Làng Mới bị nhiễm bẩn." });
    const privateOne = await submitOk(ctx, w.woman, { kind: "report", category: "bao_luc", body: "Nước sạch… và bị đánh." });
    const elsewhere = await submitOk(ctx, w.womanB, { kind: "feedback", category: "dat_dai", body: "Nước sạch ở tổ dân phố 3 bị nhiễm bẩn.", unitId: w.units.chiB1.id });
    const finished = await submitOk(ctx, w.woman, { kind: "feedback", category: "dat_dai", body: "Nước sạch thôn Cốc Sâm bị cắt.", unitId: w.units.chiA2.id });
    const fa = await routed(finished.id);
    await post(w.staff.xaA, `/api/assignments/${fa.id}/resolve`, { message: "Đã có nước." });
    for (const q of ["nước sạch", "nuoc sach", "NUOC SACH bi nhiem"]) {
      const res = await get(w.identified, `/api/submissions/similar?q=${encodeURIComponent(q)}&unitId=${w.units.chiA2.id}`);
      expect(res.statusCode).toBe(200);
      const ids = res.json().items.map((i: { id: string }) => i.id);
      expect(ids, q).toContain(open.id);
      expect(ids).not.toContain(privateOne.id);
      expect(ids).not.toContain(elsewhere.id);
      expect(ids).not.toContain(finished.id);
    }
    const unrelated = await get(w.identified, `/api/submissions/similar?q=${encodeURIComponent("vay vốn chăn nuôi")}&unitId=${w.units.chiA2.id}`);
    expect(unrelated.json().items.map((i: { id: string }) => i.id)).not.toContain(open.id);
    expect(JSON.stringify((await get(w.identified, `/api/submissions/similar?q=nuoc&unitId=${w.units.xaA.id}`)).json())).not.toContain("Sùng Thị Mai");
  });

  it("petitions: co-signed once each by women of the commune, lifted level by level at the thresholds, closed at the deadline", async () => {
    await setSetting("petition_thresholds", { to: 2, chi_hoi: 2, xa: 3, tinh: 100 });
    const { id } = await submitOk(ctx, w.woman, { kind: "petition", category: "gop_y_hoi", body: "Kiến nghị xây nhà sinh hoạt cộng đồng cho thôn." });
    expect((await routed(id)).unit_id).toBe(w.units.chiA1.id);
    const neighbour = await devLogin(ctx.app, "Hờ Thị Súa");
    const other = await devLogin(ctx.app, "Vàng Thị Dí");
    const far = await devLogin(ctx.app, "Hoàng Thị Lan");
    const members = ctx.deps.db.updateTable("members");
    await members.set({ unit_id: w.units.chiA2.id, membership_status: "confirmed" }).where("id", "in", [neighbour.memberId, other.memberId]).execute();
    await members.set({ unit_id: w.units.chiB1.id, membership_status: "confirmed" }).where("id", "=", far.memberId).execute();

    const own = await post(w.woman, `/api/petitions/${id}/sign`);
    expect([own.statusCode, own.json().code]).toEqual([409, "PETITION_ALREADY_SIGNED"]); // the author signed by sending it
    const farAway = await post(far, `/api/petitions/${id}/sign`);
    expect([farAway.statusCode, farAway.json().code]).toEqual([403, "PETITION_OUT_OF_SCOPE"]);
    expect((await post(neighbour, `/api/petitions/${id}/sign`)).json()).toEqual({ signatureCount: 2, state: "open", level: "xa" });
    expect((await post(neighbour, `/api/petitions/${id}/sign`)).statusCode).toBe(409);
    expect((await post(other, `/api/petitions/${id}/sign`)).json()).toEqual({ signatureCount: 3, state: "open", level: "tinh" });
    // once at the province, the whole province may sign
    expect((await post(far, `/api/petitions/${id}/sign`)).json().signatureCount).toBe(4);
    const chain = await ctx.deps.db.selectFrom("assignments").select(["unit_id", "reason"]).where("submission_id", "=", id).orderBy("created_at").execute();
    expect(chain).toEqual([
      { unit_id: w.units.chiA1.id, reason: "primary" },
      { unit_id: w.units.xaA.id, reason: "petition" },
      { unit_id: w.units.tinh.id, reason: "petition" },
    ]);
    expect(await hasNotification(w.staff.tinh, id, /đủ 3 chữ ký/)).toBe(true);
    const publicView = (await get(neighbour, `/api/submissions/${id}`)).json();
    expect(publicView).toMatchObject({ mine: false, petition: { signatureCount: 4, signedByMe: true } });
    expect(publicView.timeline.every((e: { public: boolean }) => e.public)).toBe(true);

    await setSetting("petition_days", 1.5 / 86_400);
    const short = await submitOk(ctx, w.woman, { kind: "petition", category: "gop_y_hoi", body: "Kiến nghị mở lớp xóa mù chữ." });
    await routed(short.id);
    await waitUntil(
      "the deadline",
      async () => (await ctx.deps.db.selectFrom("submissions").select("petition_state").where("id", "=", short.id).executeTakeFirstOrThrow()).petition_state !== "open",
      15_000,
      100,
    );
    const closed = (await get(w.woman, `/api/submissions/${short.id}`)).json();
    expect(closed.petition.state).toBe("not_reached");
    expect(closed.timeline.at(-1).type).toBe("petition_closed");
    const late = await post(neighbour, `/api/petitions/${short.id}/sign`);
    expect([late.statusCode, late.json().code]).toEqual([409, "PETITION_CLOSED"]);
    const notPetition = await submitOk(ctx, w.woman, { kind: "feedback", category: "khac", body: "Không phải kiến nghị." });
    expect((await post(neighbour, `/api/petitions/${notPetition.id}/sign`)).json().code).toBe("NOT_A_PETITION");
    await setSetting("petition_days", 30);
  }, 40_000);

  it("notifications can be marked read, by their recipient only", async () => {
    const newcomer = await devLogin(ctx.app, "Mùa Thị Páo");
    await ctx.deps.db.updateTable("members").set({ unit_id: w.units.chiA1.id }).where("id", "=", newcomer.memberId).execute();
    const { id } = await submitOk(ctx, newcomer, { kind: "feedback", category: "khac", body: "Xin hỏi lịch sinh hoạt." });
    await routed(id);
    const list = (await get(newcomer, "/api/notifications")).json();
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ source: { module: "feedback", id, link: `/phan-anh/theo-doi/${id}` }, readAt: null });
    expect((await post(w.identified, `/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(404);
    expect((await post(newcomer, `/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(200);
    const after = (await get(newcomer, "/api/notifications")).json();
    expect(after.unread).toBe(0);
    expect(after.items[0].readAt).not.toBeNull();
  });

  it("the form's destination is the unit routing really picks: category default, a rule for her subtree, a private matter", async () => {
    const dest = async (category: string, unitId: string, sensitive = false) =>
      (await get(w.woman, `/api/submissions/destination?category=${category}&unitId=${unitId}&sensitive=${sensitive}`)).json();
    // From her chi hội, an administrative matter goes to the xã, not to the chi hội she picked.
    expect(await dest("thu_tuc", w.units.chiA1.id)).toEqual({ unitId: w.units.xaA.id, unitName: "Xã Bảo Thắng", level: "xa" });
    expect(await dest("gop_y_hoi", w.units.toA1a.id)).toMatchObject({ unitId: w.units.chiA1.id, level: "chi_hoi" });
    expect(await dest("gop_y_hoi", w.units.chiA1.id, true)).toMatchObject({ unitId: w.units.xaA.id });
    await ctx.deps.db
      .insertInto("routing_rules")
      .values({ category_code: "thu_tuc", origin_unit_id: w.units.chiA2.id, target_level: "chi_hoi", sla_hours: null })
      .execute();
    expect(await dest("thu_tuc", w.units.chiA2.id)).toMatchObject({ unitId: w.units.chiA2.id, unitName: "Chi hội thôn Cốc Sâm" });
    for (const [category, unitId] of [
      ["thu_tuc", w.units.chiA1.id],
      ["thu_tuc", w.units.chiA2.id],
    ] as const) {
      const shown = await dest(category, unitId);
      const { id } = await submitOk(ctx, w.woman, { kind: "feedback", category, body: "Làm lại sổ hộ khẩu phải đi lại nhiều lần.", unitId });
      expect((await routed(id)).unit_id).toBe(shown.unitId);
    }
    const bad = await get(w.woman, `/api/submissions/destination?category=khong_co&unitId=${w.units.chiA1.id}`);
    expect([bad.statusCode, bad.json().code]).toEqual([400, "CATEGORY_NOT_FOUND"]);
    expect((await get(w.woman, `/api/submissions/destination?category=thu_tuc&unitId=${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it("petitions she co-signed: listed under Đã ký, found by their code, marked signed among similar items", async () => {
    const { id, trackingCode } = await submitOk(ctx, w.woman, { kind: "petition", category: "gop_y_hoi", body: "Kiến nghị làm đèn đường ra bến xe thôn Làng Mới." });
    await routed(id);
    const signer = await devLogin(ctx.app, "Giàng Thị Pà");
    await ctx.deps.db.updateTable("members").set({ unit_id: w.units.chiA2.id, membership_status: "confirmed" }).where("id", "=", signer.memberId).execute();
    const before = await get(signer, `/api/submissions/similar?q=${encodeURIComponent("đèn đường bến xe")}&unitId=${w.units.chiA2.id}`);
    expect(before.json().items.find((i: { id: string }) => i.id === id)).toMatchObject({ signedByMe: false, petitionOpen: true });
    expect((await get(signer, "/api/submissions/signed")).json().items).toEqual([]);
    expect((await get(signer, `/api/submissions/track/${trackingCode}`)).statusCode).toBe(404);

    expect((await post(signer, `/api/petitions/${id}/sign`)).statusCode).toBe(200);
    const signed = (await get(signer, "/api/submissions/signed")).json().items;
    expect(signed).toEqual([
      expect.objectContaining({ id, trackingCode, kind: "petition", originUnitName: "Chi hội thôn Làng Mới", signatureCount: 2, petitionState: "open" }),
    ]);
    expect(JSON.stringify(signed)).not.toContain("Sùng Thị Mai");
    const tracked = await get(signer, `/api/submissions/track/${trackingCode.toLowerCase()}`);
    expect(tracked.json()).toMatchObject({ id, mine: false, petition: { signedByMe: true } });
    const after = await get(signer, `/api/submissions/similar?q=${encodeURIComponent("den duong ben xe")}&unitId=${w.units.chiA2.id}`);
    expect(after.json().items.find((i: { id: string }) => i.id === id)).toMatchObject({ signedByMe: true });
    // her own petition stays in her own list, not under Đã ký
    expect((await get(w.woman, "/api/submissions/signed")).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it("rerouted and forwarded items leave the sender's Cần xử lý; its item page says who has it; one row per item", async () => {
    const open = async (who: Login) => (await get(who, "/api/inbox?category=an_sinh&limit=200")).json().items as Array<Record<string, unknown>>;
    const rowsOf = (items: Array<Record<string, unknown>>, id: string) => items.filter((i) => i.submissionId === id);

    // Rerouted down into her own subtree: still in the xã's scope, but no longer waiting on the xã.
    const down = await submitOk(ctx, w.woman, { kind: "feedback", category: "an_sinh", body: "Nhà chị Lù bị dột, cần hỗ trợ sửa mái." });
    const downA = await routed(down.id);
    expect(rowsOf(await open(w.staff.xaA), down.id)).toEqual([expect.objectContaining({ originUnitName: "Chi hội thôn Làng Mới", handedOn: false })]);
    expect((await post(w.staff.xaA, `/api/assignments/${downA.id}/reroute`, { unitId: w.units.chiA2.id, note: "Gia đình ở thôn Cốc Sâm." })).statusCode).toBe(200);
    expect(rowsOf(await open(w.staff.xaA), down.id)).toEqual([]);
    expect(rowsOf(await open(w.staff.chiA2), down.id)).toHaveLength(1);
    const all = (await get(w.staff.xaA, "/api/inbox?status=all&category=an_sinh&limit=200")).json().items;
    expect(rowsOf(all, down.id)).toEqual([expect.objectContaining({ assignmentId: downA.id, status: "closed" })]);
    const page = (await get(w.staff.xaA, `/api/assignments/${downA.id}`)).json();
    expect(page.handover).toEqual({ kind: "reroute", to: ["Chi hội thôn Cốc Sâm"] });

    // Forwarded to another commune's unit: the xã's assignment stays (it follows up) but waits on them.
    const across = await submitOk(ctx, w.woman, { kind: "feedback", category: "an_sinh", body: "Bà Thào ở phường Sa Pa chưa nhận trợ cấp." });
    const acrossA = await routed(across.id);
    await post(w.staff.xaA, `/api/assignments/${acrossA.id}/forward`, { unitId: w.units.xaB.id, note: "Nhờ phường xác minh." });
    expect(rowsOf(await open(w.staff.xaA), across.id)).toEqual([]);
    expect(rowsOf((await get(w.staff.xaA, "/api/inbox?status=all&category=an_sinh&limit=200")).json().items, across.id)).toEqual([
      expect.objectContaining({ assignmentId: acrossA.id, handedOn: true, overdue: false }),
    ]);
    expect((await get(w.staff.xaA, `/api/assignments/${acrossA.id}`)).json().handover).toEqual({ kind: "forward", to: ["Phường Sa Pa"] });
    expect(rowsOf(await open(w.staff.xaB), across.id)).toEqual([expect.objectContaining({ unitName: "Phường Sa Pa", handedOn: false })]);

    // Assigned at the xã and escalated to the province: the province admin sees it once, through her own unit.
    const up = await submitOk(ctx, w.woman, { kind: "feedback", category: "an_sinh", body: "Chưa có gạo cứu đói cho thôn sau lũ." });
    const upA = await routed(up.id);
    await ctx.deps.db.updateTable("assignments").set({ due_at: new Date(Date.now() - 60_000) }).where("id", "=", upA.id).execute();
    await post(w.staff.xaA, `/api/assignments/${upA.id}/forward`, { unitId: w.units.tinh.id, note: "Xin hỗ trợ gạo." });
    // having passed it on, the xã is not escalated for it when its deadline has gone by
    expect(await escalateAssignment(ctx.deps, upA.id)).toBe("no-op");
    const adminRows = rowsOf(await open(w.admin), up.id);
    expect(adminRows).toHaveLength(1);
    expect(adminRows[0]).toMatchObject({ unitName: "Hội LHPN tỉnh Lào Cai" });
    const adminAll = (await get(w.admin, "/api/inbox?status=all&limit=200")).json();
    const ids = adminAll.items.map((i: { submissionId: string }) => i.submissionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(adminAll.total).toBe(ids.length);
  });

  it("the cán bộ's timeline speaks about the woman, not to her", async () => {
    const { id } = await submitOk(ctx, w.woman, { kind: "report", category: "khac", body: "Có người lạ hay đến hỏi chuyện trẻ em ở thôn." });
    const a = await routed(id);
    await post(w.staff.xaA, `/api/assignments/${a.id}/reply`, { message: "Hội đã báo công an xã." });
    const staffLine = (await get(w.staff.xaA, `/api/assignments/${a.id}`)).json().timeline.map((e: { message: string }) => e.message);
    expect(staffLine[0]).toBe("Người gửi gửi tin báo từ Chi hội thôn Làng Mới.");
    expect(staffLine[1]).toBe("Hội Số tự chuyển đến Chi hội thôn Làng Mới theo lĩnh vực và quy tắc phân công.");
    expect(staffLine.at(-1)).toBe("Trả lời người gửi: Hội đã báo công an xã.");
    expect(staffLine.join(" ")).not.toMatch(/(^|\s)chị[\s.,]/i);
    // hers is unchanged
    expect((await timeline(id))[0]?.message).toBe("Hội đã nhận nội dung chị gửi.");
  });

  it("ran without job errors", () => {
    expect(pipeline.errors).toEqual([]);
  });
});
