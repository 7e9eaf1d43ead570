import type { AdminComment, AdminCommentList, CommentMarkBody } from "@hoiso/shared";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import type { AuthContext } from "../../http/types.js";
import { commentNotFound, consultationNotFound, inStaffScope, invalid, lockConsultation, sectionNotFound } from "./access.js";

/**
 * The women's positions on one section as the cán bộ reads them. The author is named only when she did not choose
 * anonymity; for an anonymous one nothing that points at her leaves the server (no name, no unit, no member id).
 */
export async function sectionComments(db: Db, auth: AuthContext, id: string, sectionId: string): Promise<AdminCommentList> {
  const c = await db.selectFrom("consultations as c").select("c.id").where("c.id", "=", id).where(inStaffScope(auth)).executeTakeFirst();
  if (!c) throw consultationNotFound();
  const s = await db.selectFrom("consultation_sections").select("id").where("id", "=", sectionId).where("consultation_id", "=", id).executeTakeFirst();
  if (!s) throw sectionNotFound();
  const rows = await db
    .selectFrom("consultation_positions as p")
    .innerJoin("consultation_participants as pa", (j) => j.onRef("pa.consultation_id", "=", "p.consultation_id").onRef("pa.member_id", "=", "p.member_id"))
    .innerJoin("members as m", "m.id", "p.member_id")
    .leftJoin("units as u", "u.id", "pa.unit_id")
    .select(["p.id", "p.section_id", "p.stance", "p.text", "p.voice_media_id", "p.duplicate_of", "p.themes", "p.updated_at", "pa.anonymous", "m.name", "u.name as unitName"])
    .where("p.section_id", "=", sectionId)
    .orderBy("p.created_at")
    .orderBy("p.id")
    .execute();
  return { items: rows.map(toComment) };
}

function toComment(r: { id: string; section_id: string; stance: AdminComment["stance"]; text: string; voice_media_id: string | null; duplicate_of: string | null; themes: string[]; updated_at: Date; anonymous: boolean; name: string; unitName: string | null }): AdminComment {
  return {
    id: r.id,
    sectionId: r.section_id,
    stance: r.stance,
    text: r.text,
    voiceMediaId: r.voice_media_id,
    author: r.anonymous ? null : { name: r.name, unitName: r.unitName },
    duplicateOf: r.duplicate_of,
    themes: r.themes,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Marks a comment as a duplicate of another on the same section (or clears it), and/or sets its theme tags. */
export async function markComment(db: Db, auth: AuthContext, id: string, commentId: string, body: CommentMarkBody): Promise<{ ok: true }> {
  await db.transaction().execute(async (tx) => {
    await lockConsultation(tx, auth, id);
    const p = await tx.selectFrom("consultation_positions").select(["id", "section_id"]).where("id", "=", commentId).where("consultation_id", "=", id).executeTakeFirst();
    if (!p) throw commentNotFound();
    const set: { duplicate_of?: string | null; themes?: string[] } = {};
    if (body.duplicateOf !== undefined) {
      const target = body.duplicateOf?.toLowerCase() ?? null;
      if (target === p.id) throw invalid("Một ý kiến không thể trùng với chính nó.", "duplicateOf");
      if (target) {
        const t = await tx.selectFrom("consultation_positions").select(["section_id", "duplicate_of"]).where("id", "=", target).executeTakeFirst();
        if (!t || t.section_id !== p.section_id) throw invalid("Chỉ đánh dấu trùng với một ý kiến khác của cùng phần.", "duplicateOf");
        // one level only: a duplicate points at an original, so the report lists each proposal once
        if (t.duplicate_of) throw invalid("Ý kiến này đã được đánh dấu là trùng; chị chọn ý kiến gốc.", "duplicateOf");
      }
      set.duplicate_of = target;
    }
    if (body.themes !== undefined) set.themes = [...new Set(body.themes.map((t) => t.trim()).filter(Boolean))];
    if (Object.keys(set).length === 0) return;
    await tx.updateTable("consultation_positions").set(set).where("id", "=", commentId).execute();
    await audit(tx, { actorId: auth.memberId, action: "consultation.comment.mark", entityType: "consultation", entityId: id, detail: { commentId, ...set } });
  });
  return { ok: true };
}

export async function writeSynthesis(db: Db, auth: AuthContext, id: string, sectionId: string, synthesis: string): Promise<{ ok: true }> {
  await db.transaction().execute(async (tx) => {
    await lockConsultation(tx, auth, id);
    const r = await tx.updateTable("consultation_sections").set({ synthesis: synthesis.trim() }).where("id", "=", sectionId).where("consultation_id", "=", id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw sectionNotFound();
    await tx.updateTable("consultations").set({ updated_at: new Date() }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: "consultation.synthesis", entityType: "consultation", entityId: id, detail: { sectionId, length: synthesis.trim().length } });
  });
  return { ok: true };
}
