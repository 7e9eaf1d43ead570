import type { AdminCommentList, AdminConsultation, AdminConsultationList, ConsultationDetail, ConsultationList } from "@hoiso/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDueConsultations } from "../../../server/src/modules/consultations/admin.js";
import { oggOpus } from "../media/fixtures.js";
import { upload } from "../media/helpers.js";
import { consultationWorld, docxText, type Headers } from "./world.js";

type World = Awaited<ReturnType<typeof consultationWorld>>;

describe("Góp ý dự thảo", () => {
  let w: World;
  beforeAll(async () => {
    w = await consultationWorld();
  });
  afterAll(async () => {
    await w?.ctx.close();
  });

  const comments = async (id: string, sectionId: string, by: Headers = w.canBoA.headers) => {
    const res = await w.inject("GET", `/api/admin/consultations/${id}/sections/${sectionId}/comments`, by);
    expect(res.statusCode).toBe(200);
    return { list: res.json<AdminCommentList>().items, raw: res.body };
  };

  it("cuts a pasted draft into sections; edits only a draft; publish shows it to the women of her subtree", async () => {
    const draft = await w.consultation({}, w.canBoA.headers, false);
    expect(draft.sections.map((s) => s.heading)).toEqual(["Phần mở đầu", "Điều 1. Phạm vi", "Điều 2. Sinh hoạt", "Quỹ chi hội"]);
    expect(draft.sections[3]!.body).toBe("Mỗi hội viên đóng 10.000 đồng một tháng.");
    const woman = await w.member("Lò Thị Xuân", w.tree.chiHoiA.id);
    expect((await w.inject("GET", `/api/consultations/${draft.id}`, woman.headers)).statusCode).toBe(404);
    const edited = await w.inject("PUT", `/api/admin/consultations/${draft.id}`, w.canBoA.headers, w.body({ draftText: undefined, sections: [{ heading: "Điều 1", body: "Một" }, { heading: "Điều 2", body: "Hai" }] }));
    expect(edited.statusCode).toBe(200);
    expect(edited.json<AdminConsultation>().sections.map((s) => s.heading)).toEqual(["Điều 1", "Điều 2"]);
    expect((await w.inject("POST", `/api/admin/consultations/${draft.id}/publish`, w.canBoA.headers)).statusCode).toBe(200);
    const late = await w.inject("PUT", `/api/admin/consultations/${draft.id}`, w.canBoA.headers, w.body());
    expect([late.statusCode, late.json().code]).toEqual([409, "CONSULTATION_WRONG_STATUS"]);
    const list = (await w.inject("GET", "/api/consultations", woman.headers)).json<ConsultationList>();
    expect(list.items.map((c) => c.id)).toContain(draft.id);
    const audit = await w.db.selectFrom("audit_log").select("action").where("entity_id", "=", draft.id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["consultation.create", "consultation.update", "consultation.publish"]);
  });

  it("counts per section match a hand count, a changed position counted once, duplicates marked", async () => {
    const c = await w.consultation();
    const [s1, s2, s3, s4] = c.sections.map((s) => s.id) as [string, string, string, string];
    const lan = await w.member("Lù Thị Lan", w.tree.chiHoiA.id);
    const mai = await w.member("Giàng Thị Mai", w.tree.chiHoiA.id);
    const hoa = await w.member("Sùng Thị Hoa", w.chiHoiA2.id);
    const thu = await w.member("Vàng Thị Thu", w.chiHoiA2.id);
    const ok = async (by: Headers, payload: Parameters<World["submit"]>[2]) => {
      const res = await w.submit(by, c.id, payload);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<ConsultationDetail>();
    };
    await ok(lan.headers, { positions: [{ sectionId: s2, stance: "agree" }, { sectionId: s3, stance: "propose", text: "Họp hai tháng một lần vì mùa vụ bận" }, { sectionId: s4, stance: "disagree", text: "Mức đóng cao quá" }] });
    await ok(mai.headers, { positions: [{ sectionId: s2, stance: "agree" }, { sectionId: s3, stance: "propose", text: "Họp vào tối thứ bảy" }, { sectionId: s4, stance: "agree" }] });
    await ok(hoa.headers, { positions: [{ sectionId: s2, stance: "disagree", text: "Nên áp dụng cả tổ phụ nữ" }, { sectionId: s4, stance: "propose", text: "Đóng 5.000 đồng" }] });
    await ok(thu.headers, { anonymous: true, positions: [{ sectionId: s3, stance: "disagree" }] });
    // she changes her mind: s3 becomes a proposal, and she adds s4; still one set
    const mine = await ok(thu.headers, { positions: [{ sectionId: s3, stance: "propose", text: "Giảm họp xuống hai tháng một lần" }, { sectionId: s4, stance: "propose", text: "Miễn đóng quỹ cho hộ nghèo" }] });
    expect(mine.anonymous).toBe(true);
    expect(mine.mine).toBe(2);
    expect(mine.sections.find((s) => s.id === s3)!.mine).toEqual({ stance: "propose", text: "Giảm họp xuống hai tháng một lần", voiceMediaId: null });

    const empty = await w.submit(lan.headers, c.id, { positions: [{ sectionId: s1, stance: "propose", text: "   " }] });
    expect([empty.statusCode, empty.json().code]).toEqual([400, "CONSULTATION_PROPOSAL_EMPTY"]);

    const view = await w.adminView(c.id);
    const counts = view.sections.map((s) => [s.counts.agree, s.counts.disagree, s.counts.propose]);
    expect(counts).toEqual([
      [0, 0, 0],
      [2, 1, 0],
      [0, 0, 3],
      [1, 1, 2],
    ]);
    expect([view.participants, view.units]).toEqual([4, 2]);

    const onS3 = (await comments(c.id, s3)).list;
    const lanS3 = onS3.find((x) => x.text.startsWith("Họp hai tháng"))!;
    const thuS3 = onS3.find((x) => x.text.startsWith("Giảm họp"))!;
    expect(lanS3.author).toEqual({ name: "Lù Thị Lan", unitName: "Chi hội thôn Làng Mới" });
    expect(thuS3.author).toBeNull();
    const mark = await w.inject("PUT", `/api/admin/consultations/${c.id}/comments/${thuS3.id}`, w.canBoA.headers, { duplicateOf: lanS3.id, themes: ["Thời gian họp"] });
    expect(mark.statusCode).toBe(200);
    const across = await w.inject("PUT", `/api/admin/consultations/${c.id}/comments/${lanS3.id}`, w.canBoA.headers, { duplicateOf: (await comments(c.id, s4)).list[0]!.id });
    expect([across.statusCode, across.json().code]).toEqual([400, "CONSULTATION_INVALID"]);
    const after = (await w.adminView(c.id)).sections[2]!.counts;
    expect(after).toMatchObject({ propose: 3, duplicates: 1 });
    expect((await comments(c.id, s3)).list.find((x) => x.id === thuS3.id)).toMatchObject({ duplicateOf: lanS3.id, themes: ["Thời gian họp"] });
  });

  it("an anonymous woman is in no admin answer and not in the report: no name, no member id", async () => {
    const c = await w.consultation({ title: "Dự thảo kế hoạch phòng chống bạo lực gia đình" });
    const [, s2, s3] = c.sections.map((s) => s.id) as [string, string, string];
    const named = await w.member("Hầu Thị Dung", w.tree.chiHoiA.id);
    const hidden = await w.member("Thào Thị Kín Đáo", w.chiHoiA2.id);
    expect((await w.submit(named.headers, c.id, { positions: [{ sectionId: s2, stance: "propose", text: "Thêm số điện thoại đường dây nóng" }] })).statusCode).toBe(200);
    expect((await w.submit(hidden.headers, c.id, { anonymous: true, positions: [{ sectionId: s2, stance: "propose", text: "Cần nơi tạm lánh bí mật cho chị em" }, { sectionId: s3, stance: "disagree", text: "Không nên hòa giải bắt buộc" }] })).statusCode).toBe(200);
    await w.inject("PUT", `/api/admin/consultations/${c.id}/sections/${s2}/synthesis`, w.canBoA.headers, { synthesis: "Chị em đề nghị có đường dây nóng và nơi tạm lánh." });

    const raws: string[] = [];
    raws.push((await w.inject("GET", "/api/admin/consultations", w.canBoA.headers)).body);
    raws.push((await w.inject("GET", `/api/admin/consultations/${c.id}`, w.canBoA.headers)).body);
    for (const s of c.sections) raws.push((await comments(c.id, s.id)).raw);
    raws.push((await w.inject("GET", `/api/admin/consultations/${c.id}`, w.admin.headers)).body);
    const report = await w.reportXml(c.id);
    expect(report.status).toBe(200);
    raws.push(report.xml);
    const all = raws.join("\n");
    // what she wrote is there (the check looks at the right answers) …
    expect(all).toContain("Cần nơi tạm lánh bí mật cho chị em");
    expect(all).toContain("Hầu Thị Dung");
    // … but nothing that names her
    expect(all).not.toContain("Thào Thị Kín Đáo");
    expect(all).not.toContain(hidden.memberId);
    expect(report.raw.includes(Buffer.from("Thào Thị Kín Đáo"))).toBe(false);
    expect(docxText(report.xml)).toContain("“Cần nơi tạm lánh bí mật cho chị em” (Ý kiến ẩn danh)");
  });

  it("one set per member under concurrent double-submits (a first submit racing itself too)", async () => {
    const c = await w.consultation();
    const [, s2, s3] = c.sections.map((s) => s.id) as [string, string, string];
    const her = await w.member("Ly Thị Vội", w.tree.chiHoiA.id);
    const stances = ["agree", "disagree", "propose"] as const;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        w.submit(her.headers, c.id, { anonymous: i % 2 === 0, positions: [{ sectionId: s2, stance: stances[i % 3]!, text: `lần ${i}` }, { sectionId: s3, stance: "agree" }] }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    const parts = await w.db.selectFrom("consultation_participants").selectAll().where("consultation_id", "=", c.id).where("member_id", "=", her.memberId).execute();
    expect(parts).toHaveLength(1);
    const positions = await w.db.selectFrom("consultation_positions").select(["section_id"]).where("consultation_id", "=", c.id).where("member_id", "=", her.memberId).execute();
    expect(positions.map((p) => p.section_id).sort()).toEqual([s2, s3].sort());
    const view = await w.adminView(c.id);
    const total = (i: number) => Object.values(view.sections[i]!.counts).slice(0, 3).reduce((a, b) => a + b, 0);
    expect([total(1), total(2), view.participants]).toEqual([1, 1, 1]);
  });

  it("closed refuses with a Vietnamese message: closed by the cán bộ, past its date, or not yet open", async () => {
    const c = await w.consultation();
    const her = await w.member("Tẩn Thị Muộn", w.tree.chiHoiA.id);
    const one = { positions: [{ sectionId: c.sections[1]!.id, stance: "agree" as const }] };
    expect((await w.submit(her.headers, c.id, one)).statusCode).toBe(200);
    expect((await w.inject("POST", `/api/admin/consultations/${c.id}/close`, w.canBoA.headers)).statusCode).toBe(200);
    const refused = await w.submit(her.headers, c.id, one);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "CONSULTATION_CLOSED", message: expect.stringContaining("đã kết thúc") });
    expect((await w.inject("POST", `/api/admin/consultations/${c.id}/close`, w.canBoA.headers)).statusCode).toBe(409);

    const due = await w.consultation();
    await w.db.updateTable("consultations").set({ opens_at: new Date(Date.now() - 7200_000), closes_at: new Date(Date.now() - 1000) }).where("id", "=", due.id).execute();
    expect((await w.submit(her.headers, due.id, { positions: [{ sectionId: due.sections[0]!.id, stance: "agree" }] })).json().code).toBe("CONSULTATION_CLOSED");
    expect(await closeDueConsultations(w.db)).toBeGreaterThanOrEqual(1);
    expect((await w.adminView(due.id)).status).toBe("closed");

    const later = await w.consultation({ opensAt: new Date(Date.now() + 86400_000).toISOString() });
    const early = await w.submit(her.headers, later.id, { positions: [{ sectionId: later.sections[0]!.id, stance: "agree" }] });
    expect([early.statusCode, early.json().code]).toEqual([409, "CONSULTATION_NOT_OPEN"]);
  });

  it("a cán bộ works in her subtree only; members-only drafts reach her subtree's women, link ones anyone signed in", async () => {
    const outside = await w.inject("POST", "/api/admin/consultations", w.canBoA.headers, w.body({ unitId: w.tree.xaB.id }));
    expect(outside.statusCode).toBe(403);
    const fromB = await w.consultation({ unitId: w.tree.xaB.id, title: "Dự thảo của xã B" }, w.canBoB.headers);
    expect((await w.inject("GET", `/api/admin/consultations/${fromB.id}`, w.canBoA.headers)).statusCode).toBe(404);
    expect((await w.inject("POST", `/api/admin/consultations/${fromB.id}/close`, w.canBoA.headers)).statusCode).toBe(404);
    expect((await w.inject("GET", "/api/admin/consultations", w.canBoA.headers)).json<AdminConsultationList>().items.map((i) => i.id)).not.toContain(fromB.id);
    expect((await w.inject("GET", `/api/admin/consultations/${fromB.id}`, w.admin.headers)).statusCode).toBe(200);
    const moved = await w.inject("PUT", `/api/admin/consultations/${(await w.consultation({}, w.canBoA.headers, false)).id}`, w.canBoA.headers, w.body({ unitId: w.tree.xaB.id }));
    expect(moved.statusCode).toBe(403);

    const womanA = await w.member("Phàn Thị Nhị", w.tree.chiHoiA.id);
    const membersOnly = await w.inject("POST", `/api/consultations/${fromB.id}/positions`, womanA.headers, { positions: [{ sectionId: fromB.sections[0]!.id, stance: "agree" }] });
    expect(membersOnly.statusCode).toBe(404);
    const link = await w.consultation({ unitId: w.tree.xaB.id, participation: "link", title: "Dự thảo mở theo đường dẫn" }, w.canBoB.headers);
    expect((await w.inject("GET", "/api/consultations", womanA.headers)).json<ConsultationList>().items.map((i) => i.id)).not.toContain(link.id);
    expect((await w.submit(womanA.headers, link.id, { positions: [{ sectionId: link.sections[0]!.id, stance: "agree" }] })).statusCode).toBe(200);
    expect((await w.inject("GET", "/api/consultations", womanA.headers)).json<ConsultationList>().items.map((i) => i.id)).toContain(link.id);
  });

  it("a voice note goes with a proposal; the cán bộ of the subtree may listen, another may not", async () => {
    const c = await w.consultation();
    const her = await w.member("Chảo Thị Giọng", w.tree.chiHoiA.id);
    const up = await upload(w.ctx, her.token, { bytes: oggOpus() });
    expect(up.statusCode).toBe(201);
    const voice = up.json<{ id: string }>().id;
    const res = await w.submit(her.headers, c.id, { anonymous: true, positions: [{ sectionId: c.sections[2]!.id, stance: "propose", voiceMediaId: voice }] });
    expect(res.statusCode, res.body).toBe(200);
    const listed = (await comments(c.id, c.sections[2]!.id)).list;
    expect(listed).toEqual([expect.objectContaining({ voiceMediaId: voice, author: null })]);
    expect((await w.inject("GET", `/api/media/${voice}`, w.canBoA.headers)).statusCode).toBe(200);
    expect((await w.inject("GET", `/api/media/${voice}`, w.canBoB.headers)).statusCode).not.toBe(200);
    expect((await w.adminView(c.id)).sections[2]!.counts).toMatchObject({ propose: 1, voice: 1 });
  });

  it("the report opens as a Word file and its counts match; the outcome tells every woman once", async () => {
    const c = await w.consultation({ title: "Dự thảo đề án hỗ trợ phụ nữ khởi nghiệp" });
    const [, s2, s3, s4] = c.sections.map((s) => s.id) as [string, string, string, string];
    const a = await w.member("Đặng Thị Một", w.tree.chiHoiA.id);
    const b = await w.member("Đặng Thị Hai", w.chiHoiA2.id);
    const d = await w.member("Đặng Thị Ba", w.chiHoiA2.id);
    await w.submit(a.headers, c.id, { positions: [{ sectionId: s2, stance: "agree" }, { sectionId: s3, stance: "propose", text: "Tăng vốn vay ưu đãi" }, { sectionId: s4, stance: "disagree", text: "Chưa rõ" }] });
    await w.submit(b.headers, c.id, { positions: [{ sectionId: s2, stance: "agree" }, { sectionId: s3, stance: "propose", text: "Có lớp dạy bán hàng qua mạng" }] });
    await w.submit(d.headers, c.id, { anonymous: true, positions: [{ sectionId: s2, stance: "disagree", text: "Thủ tục còn rườm rà" }, { sectionId: s4, stance: "agree" }] });
    await w.inject("PUT", `/api/admin/consultations/${c.id}/sections/${s3}/synthesis`, w.canBoA.headers, { synthesis: "Đề nghị tăng vốn vay và mở lớp bán hàng trực tuyến." });

    const early = await w.inject("POST", `/api/admin/consultations/${c.id}/outcome`, w.canBoA.headers, { sentTo: "UBND xã", text: "Đã tiếp thu." });
    expect([early.statusCode, early.json().code]).toEqual([409, "CONSULTATION_WRONG_STATUS"]);
    expect((await w.inject("POST", `/api/admin/consultations/${c.id}/close`, w.canBoA.headers)).statusCode).toBe(200);

    const report = await w.reportXml(c.id);
    expect(report.type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const text = docxText(report.xml);
    expect(text).toContain("Số chị em tham gia góp ý: 3");
    expect(text).toContain("Số đơn vị có chị em tham gia: 2");
    // each section's counts table: Đồng ý | Không đồng ý | Đề xuất sửa | trùng, then the figures
    const figures = [...text.matchAll(/Trong đó ý kiến trùng\n(\d+)\n(\d+)\n(\d+)\n(\d+)\n/g)].map((m) => m.slice(1, 5).map(Number));
    expect(figures).toEqual([
      [0, 0, 0, 0],
      [2, 1, 0, 0],
      [0, 0, 2, 0],
      [1, 1, 0, 0],
    ]);
    // an article keeps its own number, a heading without one gets its position
    expect(text).toContain("\nĐiều 1. Phạm vi\n");
    expect(text).toContain("\n4. Quỹ chi hội\n");
    expect(text).toContain("Đề nghị tăng vốn vay và mở lớp bán hàng trực tuyến.");
    expect(text).toContain("“Tăng vốn vay ưu đãi” (Chị Đặng Thị Một, Chi hội thôn Làng Mới)");
    expect(text).toContain("“Thủ tục còn rườm rà” (Ý kiến ẩn danh)");
    expect(text).not.toContain("Đặng Thị Ba");
    expect((await w.reportXml(c.id, w.canBoB.headers)).status).toBe(404);

    const posted = await w.inject("POST", `/api/admin/consultations/${c.id}/outcome`, w.canBoA.headers, { sentTo: "Ủy ban nhân dân xã Bảo Thắng", text: "Ủy ban đã tiếp thu đề nghị tăng vốn vay." });
    expect([posted.statusCode, posted.json()]).toEqual([200, { notified: 3 }]);
    const again = await w.inject("POST", `/api/admin/consultations/${c.id}/outcome`, w.canBoA.headers, { sentTo: "Ủy ban nhân dân xã Bảo Thắng", text: "Ủy ban đã tiếp thu đề nghị tăng vốn vay (bản sửa)." });
    expect(again.json()).toEqual({ notified: 0 });
    const told = await w.db.selectFrom("deliveries").select(["recipient_id", "type", "params", "link"]).where("source_module", "=", "consultations").where("source_id", "=", c.id).where("channel", "=", "in_app").execute();
    expect(told.map((t) => t.recipient_id).sort()).toEqual([a.memberId, b.memberId, d.memberId].sort());
    expect(told[0]).toMatchObject({ type: "consultations.outcome", link: `/gop-y/${c.id}`, params: { title: "Dự thảo đề án hỗ trợ phụ nữ khởi nghiệp", sentTo: "Ủy ban nhân dân xã Bảo Thắng" } });
    const mine = (await w.inject("GET", `/api/consultations/${c.id}`, d.headers)).json<ConsultationDetail>();
    expect(mine.outcome).toMatchObject({ sentTo: "Ủy ban nhân dân xã Bảo Thắng", text: "Ủy ban đã tiếp thu đề nghị tăng vốn vay (bản sửa)." });
  });
});
