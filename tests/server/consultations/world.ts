import type { AdminConsultation, ConsultationWriteBody, PositionsBody } from "@hoiso/shared";
import JSZip from "jszip";
import { addUnit, devLogin, grant, smallTree } from "../../helpers/fixtures.js";
import { createMediaContext, type MediaTestContext } from "../media/helpers.js";

export type Headers = { authorization: string };

/**
 * A province with two communes: xã A (chi hội A, A2) and xã B (chi hội B); a province admin, a cán bộ of xã A, a cán
 * bộ of xã B, and women in each chi hội: who puts a draft to whom, and who may answer.
 */
export async function consultationWorld() {
  const ctx: MediaTestContext = await createMediaContext();
  const db = ctx.deps.db;
  const tree = await smallTree(db);
  const chiHoiA2 = await addUnit(db, tree.xaA, "chi_hoi", "Chi hội thôn Cốc Ly");
  const chiHoiB = await addUnit(db, tree.xaB, "chi_hoi", "Chi hội thôn Ý Linh Hồ");
  const admin = await devLogin(ctx.app, "Quản trị tỉnh");
  await grant(db, admin.memberId, tree.tinh.id, "admin");
  const canBoA = await devLogin(ctx.app, "Cán bộ xã A");
  await grant(db, canBoA.memberId, tree.xaA.id, "can_bo");
  const canBoB = await devLogin(ctx.app, "Cán bộ xã B");
  await grant(db, canBoB.memberId, tree.xaB.id, "can_bo");
  const member = async (name: string, unitId: string | null) => {
    const m = await devLogin(ctx.app, name);
    await db.updateTable("members").set({ unit_id: unitId }).where("id", "=", m.memberId).execute();
    return { ...m, name };
  };

  const inject = (method: "GET" | "POST" | "PUT", url: string, by: Headers, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: by, ...(payload === undefined ? {} : { payload: payload as object }) });

  const body = (over: Partial<ConsultationWriteBody> = {}): ConsultationWriteBody => ({
    unitId: tree.xaA.id,
    title: "Dự thảo Quy chế hoạt động của Chi hội phụ nữ thôn",
    summary: "Quy định việc họp, sinh hoạt và quỹ của chi hội. Chị em góp ý từng điều.",
    draftText: "Quy chế này áp dụng cho các chi hội.\n\nĐiều 1. Phạm vi\nQuy chế áp dụng cho chi hội thôn.\n\nĐiều 2. Sinh hoạt\nChi hội họp mỗi tháng một lần.\n\n## Quỹ chi hội\nMỗi hội viên đóng 10.000 đồng một tháng.",
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
    participation: "members",
    ...over,
  });

  /** Creates (as `by`) and, unless told otherwise, publishes. */
  async function consultation(over: Partial<ConsultationWriteBody> = {}, by: Headers = canBoA.headers, publish = true): Promise<AdminConsultation> {
    const res = await inject("POST", "/api/admin/consultations", by, body(over));
    if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
    const c = res.json<AdminConsultation>();
    if (publish) {
      const p = await inject("POST", `/api/admin/consultations/${c.id}/publish`, by);
      if (p.statusCode !== 200) throw new Error(`publish failed: ${p.statusCode} ${p.body}`);
    }
    return c;
  }

  const submit = (by: Headers, id: string, payload: PositionsBody) => inject("POST", `/api/consultations/${id}/positions`, by, payload);
  const admin_ = async (id: string, by: Headers = canBoA.headers) => (await inject("GET", `/api/admin/consultations/${id}`, by)).json<AdminConsultation>();

  /** The report's body text (word/document.xml), read with jszip, a maintained zip reader. */
  async function reportXml(id: string, by: Headers = canBoA.headers): Promise<{ status: number; type: string | undefined; xml: string; raw: Buffer }> {
    const res = await inject("GET", `/api/admin/consultations/${id}/report`, by);
    if (res.statusCode !== 200) return { status: res.statusCode, type: undefined, xml: "", raw: res.rawPayload };
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    return { status: res.statusCode, type: res.headers["content-type"] as string, xml, raw: res.rawPayload };
  }

  return { ctx, db, tree, chiHoiA2, chiHoiB, admin, canBoA, canBoB, member, inject, body, consultation, submit, adminView: admin_, reportXml };
}

/** The visible text of a document.xml: its runs joined, paragraphs on lines. */
export function docxText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<w:tab\/>/g, "\t")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}
