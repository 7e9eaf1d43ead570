import { foldedWords, type AdminGuide, type AdminGuideList, type AdminListQuery, type GuideDetail, type GuideWriteBody } from "@hoiso/shared";
import { sql } from "kysely";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/pool.js";
import { badRequest } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { decodeCursor, encodeCursor, inStaffScope, searchPatterns } from "./access.js";
import { badCursor } from "./articles.js";
import { checkAudience, checkTags } from "./audience.js";
import { guideColumns, guideNotFound, toGuideDetail } from "./guides.js";
import { searchTextOf } from "./render.js";

/** The columns a write sets, from a checked body. Guides are plain text throughout: shown as text, never as HTML. */
function guideValues(body: GuideWriteBody) {
  if (body.title.trim().length === 0) throw badRequest("Chị vui lòng nhập tiêu đề.", "title");
  const day = new Date(`${body.checkedOn}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.getTime() > Date.now() + 24 * 3600 * 1000) {
    throw badRequest("Ngày kiểm tra thông tin không hợp lệ (không thể là một ngày sắp tới).", "checkedOn");
  }
  return {
    title: body.title.trim(),
    summary: body.summary,
    steps: JSON.stringify(body.steps),
    papers: JSON.stringify(body.papers),
    where_text: body.where,
    when_text: body.when,
    fees: body.fees,
    who_to_ask: body.whoToAsk,
    faq: JSON.stringify(body.faq),
    portal_url: body.portalUrl ?? null,
    source_name: body.sourceName,
    source_url: body.sourceUrl ?? null,
    checked_on: body.checkedOn,
    tags: checkTags(body.tags),
    search_text: searchTextOf([body.title, body.summary, ...body.steps.map((s) => s.title), ...body.faq.map((f) => f.question)]),
  };
}

const auditDetail = (body: GuideWriteBody, targets: string[]) => ({
  unitId: body.unitId,
  targetUnitIds: targets,
  targetTags: checkTags(body.tags),
  title: body.title,
  sourceName: body.sourceName,
  sourceUrl: body.sourceUrl ?? null,
  checkedOn: body.checkedOn,
});

export async function createGuide(deps: AppDeps, auth: AuthContext, body: GuideWriteBody): Promise<AdminGuide> {
  const values = guideValues(body);
  const id = await deps.db.transaction().execute(async (tx) => {
    const audience = await checkAudience(tx, auth, body.unitId, body.targetUnitIds);
    const now = new Date();
    const { id } = await tx
      .insertInto("guides")
      .values({ ...values, unit_id: body.unitId, target_unit_ids: audience.targets, audience: audience.audience, author_id: auth.memberId, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(tx, { actorId: auth.memberId, action: "content.guide.create", entityType: "guide", entityId: id, detail: auditDetail(body, audience.targets) });
    return id;
  });
  return adminGuide(deps.db, auth, id);
}

export async function updateGuide(deps: AppDeps, auth: AuthContext, id: string, body: GuideWriteBody): Promise<AdminGuide> {
  const values = guideValues(body);
  await deps.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom("guides as g").select("g.id").where("g.id", "=", id).where(inStaffScope("g", auth)).forUpdate().executeTakeFirst();
    if (!cur) throw guideNotFound();
    const audience = await checkAudience(tx, auth, body.unitId, body.targetUnitIds);
    await tx
      .updateTable("guides")
      .set({ ...values, unit_id: body.unitId, target_unit_ids: audience.targets, audience: audience.audience, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    await audit(tx, { actorId: auth.memberId, action: "content.guide.update", entityType: "guide", entityId: id, detail: auditDetail(body, audience.targets) });
  });
  return adminGuide(deps.db, auth, id);
}

async function loadGuide(db: Db, auth: AuthContext, id: string) {
  const row = await db
    .selectFrom("guides as g")
    .innerJoin("units as u", "u.id", "g.unit_id")
    .leftJoin("members as au", "au.id", "g.author_id")
    .select(guideColumns())
    .select(["g.status", "g.unit_id", "g.target_unit_ids", "g.tags", "g.created_at", "au.name as author_name"])
    .where("g.id", "=", id)
    .where(inStaffScope("g", auth))
    .executeTakeFirst();
  if (!row) throw guideNotFound();
  return row;
}

export async function adminGuide(db: Db, auth: AuthContext, id: string): Promise<AdminGuide> {
  const r = await loadGuide(db, auth, id);
  const d = toGuideDetail(r);
  return {
    id: r.id,
    status: r.status,
    publishAt: d.publishedAt,
    unitId: r.unit_id,
    unitName: r.unit_name,
    targetUnitIds: r.target_unit_ids,
    tags: r.tags,
    createdAt: r.created_at.toISOString(),
    updatedAt: d.updatedAt,
    authorName: r.author_name,
    sample: r.sample,
    title: d.title,
    summary: d.summary,
    steps: d.steps,
    papers: d.papers,
    where: d.where,
    when: d.when,
    fees: d.fees,
    whoToAsk: d.whoToAsk,
    faq: d.faq,
    portalUrl: d.portalUrl,
    source: d.source,
  };
}

/** What a member would see, for any status. */
export async function previewGuide(db: Db, auth: AuthContext, id: string): Promise<GuideDetail> {
  return toGuideDetail(await loadGuide(db, auth, id));
}

export async function listAdminGuides(db: Db, auth: AuthContext, args: AdminListQuery): Promise<AdminGuideList> {
  const after = decodeCursor(args.cursor);
  if (args.cursor && !after) throw badCursor();
  const limit = args.limit ?? 20;
  let q = db
    .selectFrom("guides as g")
    .innerJoin("units as u", "u.id", "g.unit_id")
    .leftJoin("members as au", "au.id", "g.author_id")
    .select(["g.id", "g.status", "g.publish_at", "g.unit_id", "u.name as unit_name", "g.target_unit_ids", "g.tags", "g.created_at", "g.updated_at", "au.name as author_name"])
    .select(["g.sample", "g.title", sql<string>`to_char(g.checked_on, 'YYYY-MM-DD')`.as("checked_on")])
    .where(inStaffScope("g", auth));
  if (args.status) q = q.where("g.status", "=", args.status);
  for (const p of searchPatterns(foldedWords(args.q ?? ""))) q = q.where("g.search_text", "like", p);
  if (after) q = q.where(sql<boolean>`(g.updated_at, g.id) < (${after.at}, ${after.id}::uuid)`);
  const rows = await q.orderBy("g.updated_at", "desc").orderBy("g.id", "desc").limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((g) => ({
      id: g.id,
      status: g.status,
      publishAt: g.publish_at?.toISOString() ?? null,
      unitId: g.unit_id,
      unitName: g.unit_name,
      targetUnitIds: g.target_unit_ids,
      tags: g.tags,
      createdAt: g.created_at.toISOString(),
      updatedAt: g.updated_at.toISOString(),
      authorName: g.author_name,
      sample: g.sample,
      title: g.title,
      checkedOn: g.checked_on,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.updated_at, last.id) : null,
  };
}
