import { consultationPhase, splitDraft, type AdminConsultation, type AdminConsultationList, type ConsultationWriteBody, type SectionWrite } from "@hoiso/shared";
import { sql, type Transaction } from "kysely";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import type { DB } from "../../db/types.js";
import type { AuthContext } from "../../http/types.js";
import { assertRoleOver } from "../../policy/policy.js";
import { consultationNotFound, inStaffScope, invalid, lockConsultation, wrongStatus } from "./access.js";

type Tx = Transaction<DB>;

/** The sections as she entered them, or cut from the pasted draft; dates in order. */
function checked(body: ConsultationWriteBody): { sections: SectionWrite[] } {
  if (!(new Date(body.closesAt).getTime() > new Date(body.opensAt).getTime())) throw invalid("Ngày kết thúc góp ý phải sau ngày bắt đầu.", "closesAt");
  const entered = (body.sections ?? []).map((s) => ({ heading: s.heading.trim(), body: s.body.trim() })).filter((s) => s.heading);
  const sections = entered.length > 0 ? entered : splitDraft(body.draftText ?? "");
  if (sections.length === 0) throw invalid("Chị vui lòng nhập nội dung dự thảo (ít nhất một phần).", "sections");
  if (sections.length > 100) throw invalid("Dự thảo có quá nhiều phần (tối đa 100).", "draftText");
  return { sections };
}

async function writeSections(tx: Tx, consultationId: string, sections: SectionWrite[]): Promise<void> {
  await tx.deleteFrom("consultation_sections").where("consultation_id", "=", consultationId).execute();
  await tx
    .insertInto("consultation_sections")
    .values(sections.map((s, i) => ({ consultation_id: consultationId, position: i + 1, heading: s.heading.slice(0, 300), body: s.body })))
    .execute();
}

/** A draft for a unit of her subtree (403 outside it); nobody sees it until it is published. */
export async function createConsultation(db: Db, auth: AuthContext, body: ConsultationWriteBody): Promise<AdminConsultation> {
  const { sections } = checked(body);
  const unitId = body.unitId.toLowerCase();
  const id = await db.transaction().execute(async (tx) => {
    await assertRoleOver(tx, auth, unitId);
    const c = await tx
      .insertInto("consultations")
      .values({
        unit_id: unitId,
        author_id: auth.memberId,
        title: body.title.trim(),
        summary: (body.summary ?? "").trim(),
        participation: body.participation,
        opens_at: body.opensAt,
        closes_at: body.closesAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeSections(tx, c.id, sections);
    await audit(tx, { actorId: auth.memberId, action: "consultation.create", entityType: "consultation", entityId: c.id, detail: { unitId, title: body.title.trim(), participation: body.participation, opensAt: body.opensAt, closesAt: body.closesAt, sections: sections.length } });
    return c.id;
  });
  return adminConsultation(db, auth, id);
}

/** Changed only while a draft: once women can read it, what they comment on must stay what they read. */
export async function updateConsultation(db: Db, auth: AuthContext, id: string, body: ConsultationWriteBody): Promise<AdminConsultation> {
  const { sections } = checked(body);
  const unitId = body.unitId.toLowerCase();
  await db.transaction().execute(async (tx) => {
    const c = await lockConsultation(tx, auth, id);
    if (c.status !== "draft") throw wrongStatus("Dự thảo đã công bố nên không sửa được nữa.");
    await assertRoleOver(tx, auth, unitId);
    await tx
      .updateTable("consultations")
      .set({ unit_id: unitId, title: body.title.trim(), summary: (body.summary ?? "").trim(), participation: body.participation, opens_at: body.opensAt, closes_at: body.closesAt, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    await writeSections(tx, id, sections);
    await audit(tx, { actorId: auth.memberId, action: "consultation.update", entityType: "consultation", entityId: id, detail: { unitId, title: body.title.trim(), participation: body.participation, opensAt: body.opensAt, closesAt: body.closesAt, sections: sections.length } });
  });
  return adminConsultation(db, auth, id);
}

export async function publishConsultation(db: Db, auth: AuthContext, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const c = await lockConsultation(tx, auth, id);
    if (c.status !== "draft") throw wrongStatus("Đợt góp ý này đã được công bố.");
    if (c.closes_at.getTime() <= Date.now()) throw invalid("Ngày kết thúc góp ý đã qua, chị vui lòng sửa lại ngày trước khi công bố.", "closesAt");
    await tx.updateTable("consultations").set({ status: "published", updated_at: new Date() }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: "consultation.publish", entityType: "consultation", entityId: id, detail: {} });
  });
}

/** Closed now by her; positions are refused from this commit on (a submit holds the row share-locked until it commits). */
export async function closeConsultation(db: Db, auth: AuthContext, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const c = await lockConsultation(tx, auth, id);
    if (c.status !== "published") throw wrongStatus(c.status === "draft" ? "Dự thảo chưa công bố nên chưa thể kết thúc." : "Đợt góp ý này đã kết thúc.");
    const now = new Date();
    await tx.updateTable("consultations").set({ status: "closed", closed_at: now, updated_at: now }).where("id", "=", id).execute();
    await audit(tx, { actorId: auth.memberId, action: "consultation.close", entityType: "consultation", entityId: id, detail: {} });
  });
}

/** Consultations whose close date passed: closed by the worker, so the cán bộ's list and report say so without her. */
export async function closeDueConsultations(db: Db, now = new Date()): Promise<number> {
  const r = await db
    .updateTable("consultations")
    .set({ status: "closed", closed_at: sql<Date>`closes_at`, updated_at: now })
    .where("status", "=", "published")
    .where("closes_at", "<=", now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listAdminConsultations(db: Db, auth: AuthContext, now = new Date()): Promise<AdminConsultationList> {
  const rows = await db
    .selectFrom("consultations as c")
    .innerJoin("units as u", "u.id", "c.unit_id")
    .selectAll("c")
    .select((eb) => ["u.name as unitName", eb.selectFrom("consultation_participants as p").select(eb.fn.countAll<string>().as("n")).whereRef("p.consultation_id", "=", "c.id").as("participants")])
    .where(inStaffScope(auth))
    .orderBy("c.updated_at", "desc")
    .limit(200)
    .execute();
  return {
    items: rows.map((c) => ({
      id: c.id,
      unitId: c.unit_id,
      unitName: c.unitName,
      title: c.title,
      status: c.status,
      phase: consultationPhase({ status: c.status, opensAt: c.opens_at, closesAt: c.closes_at }, now),
      participation: c.participation,
      opensAt: c.opens_at.toISOString(),
      closesAt: c.closes_at.toISOString(),
      participants: Number(c.participants ?? 0),
      updatedAt: c.updated_at.toISOString(),
    })),
  };
}

/** Per section: agree / disagree / proposals, voice notes, and the proposals she marked as duplicates. */
export async function sectionCounts(db: Db, consultationId: string) {
  const rows = await db
    .selectFrom("consultation_positions as p")
    .select([
      "p.section_id",
      sql<string>`count(*) FILTER (WHERE p.stance = 'agree')`.as("agree"),
      sql<string>`count(*) FILTER (WHERE p.stance = 'disagree')`.as("disagree"),
      sql<string>`count(*) FILTER (WHERE p.stance = 'propose')`.as("propose"),
      sql<string>`count(*) FILTER (WHERE p.voice_media_id IS NOT NULL)`.as("voice"),
      sql<string>`count(*) FILTER (WHERE p.duplicate_of IS NOT NULL)`.as("duplicates"),
    ])
    .where("p.consultation_id", "=", consultationId)
    .groupBy("p.section_id")
    .execute();
  const zero = { agree: 0, disagree: 0, propose: 0, voice: 0, duplicates: 0 };
  const map = new Map(rows.map((r) => [r.section_id, { agree: Number(r.agree), disagree: Number(r.disagree), propose: Number(r.propose), voice: Number(r.voice), duplicates: Number(r.duplicates) }]));
  return (sectionId: string) => map.get(sectionId) ?? zero;
}

/** Women and units that took part (a unit is the woman's own unit when she first took part). */
export async function participation(db: Db, consultationId: string): Promise<{ women: number; units: number }> {
  const r = await db
    .selectFrom("consultation_participants")
    .select([sql<string>`count(*)`.as("women"), sql<string>`count(DISTINCT unit_id)`.as("units")])
    .where("consultation_id", "=", consultationId)
    .executeTakeFirstOrThrow();
  return { women: Number(r.women), units: Number(r.units) };
}

export async function adminConsultation(db: Db, auth: AuthContext, id: string, now = new Date()): Promise<AdminConsultation> {
  const c = await db
    .selectFrom("consultations as c")
    .innerJoin("units as u", "u.id", "c.unit_id")
    .selectAll("c")
    .select(["u.name as unitName"])
    .where("c.id", "=", id)
    .where(inStaffScope(auth))
    .executeTakeFirst();
  if (!c) throw consultationNotFound();
  const sections = await db.selectFrom("consultation_sections").selectAll().where("consultation_id", "=", id).orderBy("position").execute();
  const counts = await sectionCounts(db, id);
  const took = await participation(db, id);
  return {
    id: c.id,
    unitId: c.unit_id,
    unitName: c.unitName,
    title: c.title,
    summary: c.summary,
    status: c.status,
    phase: consultationPhase({ status: c.status, opensAt: c.opens_at, closesAt: c.closes_at }, now),
    participation: c.participation,
    opensAt: c.opens_at.toISOString(),
    closesAt: c.closes_at.toISOString(),
    participants: took.women,
    units: took.units,
    updatedAt: c.updated_at.toISOString(),
    outcome: c.outcome && c.outcome_at ? { text: c.outcome, sentTo: c.outcome_sent_to ?? "", at: c.outcome_at.toISOString() } : null,
    sections: sections.map((s) => ({ id: s.id, position: s.position, heading: s.heading, body: s.body, synthesis: s.synthesis, counts: counts(s.id) })),
  };
}
