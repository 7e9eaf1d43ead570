import { ConsultationErrorCode, consultationPhase, type ConsultationDetail, type ConsultationList, type PositionsBody } from "@hoiso/shared";
import { sql } from "kysely";
import type { Db } from "../../db/pool.js";
import { AppError, badRequest, conflict } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertOwnMedia } from "../media/service.js";
import { consultationNotFound, invalid, listedFor, openableBy } from "./access.js";

const outcomeOf = (c: { outcome: string | null; outcome_sent_to: string | null; outcome_at: Date | null }) =>
  c.outcome && c.outcome_at ? { text: c.outcome, sentTo: c.outcome_sent_to ?? "", at: c.outcome_at.toISOString() } : null;

/** Góp ý: what is put to her (her subtree's, and link ones she took part in), open ones first. */
export async function listConsultations(db: Db, auth: AuthContext, now = new Date()): Promise<ConsultationList> {
  const rows = await db
    .selectFrom("consultations as c")
    .innerJoin("units as u", "u.id", "c.unit_id")
    .select(["c.id", "c.title", "c.summary", "c.status", "c.opens_at", "c.closes_at", "c.outcome", "c.outcome_sent_to", "c.outcome_at", "u.name as unitName"])
    .select((eb) => [
      eb.selectFrom("consultation_sections as s").select(eb.fn.countAll<string>().as("n")).whereRef("s.consultation_id", "=", "c.id").as("sectionCount"),
      eb.selectFrom("consultation_positions as p").select(eb.fn.countAll<string>().as("n")).whereRef("p.consultation_id", "=", "c.id").where("p.member_id", "=", auth.memberId).as("mine"),
    ])
    .where(listedFor(auth.memberId))
    .orderBy(sql`(c.status = 'published')`, "desc")
    .orderBy("c.closes_at", "desc")
    .limit(100)
    .execute();
  return {
    items: rows.map((c) => ({
      id: c.id,
      title: c.title,
      summary: c.summary,
      unitName: c.unitName,
      phase: consultationPhase({ status: c.status, opensAt: c.opens_at, closesAt: c.closes_at }, now),
      opensAt: c.opens_at.toISOString(),
      closesAt: c.closes_at.toISOString(),
      sectionCount: Number(c.sectionCount ?? 0),
      mine: Number(c.mine ?? 0),
      outcome: outcomeOf(c),
    })),
  };
}

/** The draft section by section, with her own positions. */
export async function consultationDetail(db: Db, auth: AuthContext, id: string, now = new Date()): Promise<ConsultationDetail> {
  const c = await db
    .selectFrom("consultations as c")
    .innerJoin("units as u", "u.id", "c.unit_id")
    .select(["c.id", "c.title", "c.summary", "c.status", "c.opens_at", "c.closes_at", "c.outcome", "c.outcome_sent_to", "c.outcome_at", "u.name as unitName"])
    .where("c.id", "=", id)
    .where(openableBy(auth.memberId))
    .executeTakeFirst();
  if (!c) throw consultationNotFound();
  const sections = await db.selectFrom("consultation_sections").select(["id", "position", "heading", "body"]).where("consultation_id", "=", id).orderBy("position").execute();
  const mine = await db.selectFrom("consultation_positions").select(["section_id", "stance", "text", "voice_media_id"]).where("consultation_id", "=", id).where("member_id", "=", auth.memberId).execute();
  const me = await db.selectFrom("consultation_participants").select("anonymous").where("consultation_id", "=", id).where("member_id", "=", auth.memberId).executeTakeFirst();
  const byId = new Map(mine.map((p) => [p.section_id, { stance: p.stance, text: p.text, voiceMediaId: p.voice_media_id }]));
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    unitName: c.unitName,
    phase: consultationPhase({ status: c.status, opensAt: c.opens_at, closesAt: c.closes_at }, now),
    opensAt: c.opens_at.toISOString(),
    closesAt: c.closes_at.toISOString(),
    sectionCount: sections.length,
    mine: mine.length,
    outcome: outcomeOf(c),
    anonymous: me?.anonymous ?? false,
    sections: sections.map((s) => ({ id: s.id, position: s.position, heading: s.heading, body: s.body, mine: byId.get(s.id) ?? null })),
  };
}

/**
 * Her positions on the sections she names (others stay as they were), in one transaction: the consultation row is
 * share-locked so a close waits for this to commit (or this sees it closed); her participant row (one per member and
 * consultation) and each (section, member) row are upserts, so two submits at once leave one set, the later one's.
 * A changed position loses the cán bộ's duplicate mark and themes, which were about the old words.
 */
export async function submitPositions(db: Db, auth: AuthContext, id: string, body: PositionsBody, now = new Date()): Promise<ConsultationDetail> {
  await db.transaction().execute(async (tx) => {
    const c = await tx
      .selectFrom("consultations as c")
      .select(["c.id", "c.status", "c.opens_at", "c.closes_at"])
      .where("c.id", "=", id)
      .where(openableBy(auth.memberId))
      .forShare()
      .executeTakeFirst();
    if (!c) throw consultationNotFound();
    const phase = consultationPhase({ status: c.status, opensAt: c.opens_at, closesAt: c.closes_at }, now);
    if (phase === "closed") throw conflict("Đợt góp ý này đã kết thúc, chị không gửi hoặc sửa ý kiến được nữa. Cảm ơn chị đã quan tâm.", ConsultationErrorCode.CONSULTATION_CLOSED);
    if (phase !== "open") throw conflict("Đợt góp ý này chưa bắt đầu, chị vui lòng quay lại sau.", ConsultationErrorCode.CONSULTATION_NOT_OPEN);

    const sectionIds = body.positions.map((p) => p.sectionId.toLowerCase());
    if (new Set(sectionIds).size !== sectionIds.length) throw invalid("Mỗi phần chỉ gửi một ý kiến.", "positions");
    const known = await tx.selectFrom("consultation_sections").select("id").where("consultation_id", "=", id).where("id", "in", sectionIds).execute();
    if (known.length !== sectionIds.length) throw invalid("Có phần không thuộc dự thảo này.", "positions");

    const positions = body.positions.map((p, i) => {
      const text = (p.text ?? "").trim();
      const voice = p.voiceMediaId?.toLowerCase() ?? null;
      if (p.stance === "propose" && !text && !voice) throw new AppError(400, ConsultationErrorCode.CONSULTATION_PROPOSAL_EMPTY, "Chị vui lòng ghi đề xuất sửa hoặc ghi âm một đoạn ngắn.", `positions.${i}.text`);
      return { sectionId: sectionIds[i]!, stance: p.stance, text, voice };
    });
    const voices = positions.flatMap((p) => (p.voice ? [p.voice] : []));
    const media = await assertOwnMedia(tx, auth.memberId, voices);
    if (media.some((m) => m.kind !== "audio")) throw badRequest("Chị chỉ gửi kèm được một đoạn ghi âm.", "positions");

    const me = await tx.selectFrom("members").select("unit_id").where("id", "=", auth.memberId).executeTakeFirstOrThrow();
    await tx
      .insertInto("consultation_participants")
      .values({ consultation_id: id, member_id: auth.memberId, anonymous: body.anonymous === true, unit_id: me.unit_id })
      .onConflict((oc) =>
        oc.columns(["consultation_id", "member_id"]).doUpdateSet({
          anonymous: body.anonymous === undefined ? sql<boolean>`consultation_participants.anonymous` : body.anonymous,
          updated_at: now,
        }),
      )
      .execute();
    await tx
      .insertInto("consultation_positions")
      .values(positions.map((p) => ({ consultation_id: id, section_id: p.sectionId, member_id: auth.memberId, stance: p.stance, text: p.text, voice_media_id: p.voice })))
      .onConflict((oc) =>
        oc.columns(["section_id", "member_id"]).doUpdateSet({
          stance: sql`excluded.stance`,
          text: sql`excluded.text`,
          voice_media_id: sql`excluded.voice_media_id`,
          duplicate_of: sql`CASE WHEN consultation_positions.stance = excluded.stance AND consultation_positions.text = excluded.text THEN consultation_positions.duplicate_of END`,
          themes: sql`CASE WHEN consultation_positions.stance = excluded.stance AND consultation_positions.text = excluded.text THEN consultation_positions.themes ELSE '{}' END`,
          updated_at: now,
        }),
      )
      .execute();
  });
  return consultationDetail(db, auth, id, now);
}
