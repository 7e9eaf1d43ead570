import crypto from "node:crypto";
import {
  foldVietnamese,
  mayOfferPublish,
  PublicRecordErrorCode,
  unitAtOrAbove,
  type PendingPublicationList,
  type PublicationReview,
  type PublicationPublishBody,
} from "@hoiso/shared";
import { sql, type Kysely, type Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import { audit } from "../../db/audit.js";
import type { DB } from "../../db/types.js";
import { AppError, badRequest, forbidden, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assignedUnits, staffScope, type StaffScope } from "./access.js";
import { unitChain } from "./units.js";

type Conn = Kysely<DB> | Transaction<DB>;

/** The item with what the publish step decides on; locked when asked (inside the decision's transaction). */
async function loadItem(db: Conn, submissionId: string, lock: boolean) {
  let q = db
    .selectFrom("submissions as s")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .leftJoin("assignments as a", "a.id", "s.resolved_assignment_id")
    .leftJoin("units as u", "u.id", "a.unit_id")
    .leftJoin("submission_publications as p", "p.submission_id", "s.id")
    .select(["s.id", "s.body", "s.status", "s.anonymous", "s.sensitive", "s.legal_route", "s.origin_unit_id", "c.private as category_private"])
    .select(["a.id as assignment_id", "a.unit_id", "a.due_at", "a.resolved_at", "u.path as unit_path"])
    .select(["p.consent", "p.state", "p.public_id", "p.public_text", "p.public_answer", "p.published_at"])
    .where("s.id", "=", submissionId);
  if (lock) q = q.forUpdate("s");
  return q.executeTakeFirst();
}
type Item = NonNullable<Awaited<ReturnType<typeof loadItem>>>;

/**
 * Who decides: a cán bộ whose subtree holds the unit that resolved it (the unit whose answer goes public), the
 * province included; before a resolution, one whose subtree holds a unit handling it (she is then told to wait).
 * Other units' cán bộ get the same answer as for an unknown item.
 */
async function decides(db: Conn, scope: StaffScope, item: Item): Promise<boolean> {
  const within = (path: string) => scope.paths.some((p) => path.startsWith(p));
  if (item.unit_path !== null) return within(item.unit_path);
  return (await assignedUnits(db, item.id)).some((a) => within(a.path));
}

/** Why it cannot be published now (a code), or null. */
function blockedBy(item: Item): string | null {
  if (!mayOfferPublish({ anonymous: item.anonymous, sensitive: item.sensitive, categoryPrivate: item.category_private })) return PublicRecordErrorCode.PUBLISH_NOT_ALLOWED;
  if (item.consent !== true) return PublicRecordErrorCode.PUBLISH_NO_CONSENT;
  if ((item.status !== "resolved" && item.status !== "closed") || item.legal_route !== null || !item.assignment_id) return PublicRecordErrorCode.PUBLISH_NOT_RESOLVED;
  return null;
}

const BLOCKED_MESSAGE: Record<string, string> = {
  [PublicRecordErrorCode.PUBLISH_NOT_ALLOWED]: "Nội dung ẩn danh, được giữ kín hoặc thuộc lĩnh vực riêng tư không được đăng công khai.",
  [PublicRecordErrorCode.PUBLISH_NO_CONSENT]: "Chị em gửi nội dung này chưa đồng ý cho đăng công khai.",
  [PublicRecordErrorCode.PUBLISH_NOT_RESOLVED]: "Chỉ đăng được nội dung Hội đã giải quyết xong.",
};

async function guard(db: Conn, auth: AuthContext, submissionId: string, lock: boolean): Promise<Item> {
  const scope = await staffScope(db, auth);
  if (!scope.isStaff) throw forbidden("Chức năng này dành cho cán bộ Hội.");
  const item = await loadItem(db, submissionId, lock);
  // A private item is never part of this step: answered as unknown, so its existence is not confirmed to anyone.
  if (!item || item.sensitive || item.category_private || !(await decides(db, scope, item))) throw notFound("Không tìm thấy nội dung này.");
  return item;
}

/** The text of the resolution that closed it (the answer she was sent), as the draft of the public answer. */
async function resolutionText(db: Conn, item: Item): Promise<{ text: string; eventId: number | null }> {
  if (!item.assignment_id) return { text: "", eventId: null };
  const e = await db
    .selectFrom("submission_events")
    .select(["id", "params"])
    .where("submission_id", "=", item.id)
    .where("assignment_id", "=", item.assignment_id)
    .where("type", "=", "resolved")
    .orderBy("id", "desc")
    .executeTakeFirst();
  const params = (e?.params ?? {}) as { text?: unknown };
  return { text: typeof params.text === "string" ? params.text : "", eventId: e ? Number(e.id) : null };
}

/** Proof photos of the answers she was shown (replies and resolutions of this item), in order. */
async function proofPhotos(db: Conn, submissionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("submission_event_media as em")
    .innerJoin("submission_events as e", "e.id", "em.event_id")
    .select("em.media_id")
    .where("e.submission_id", "=", submissionId)
    .where("e.visible_to_author", "=", true)
    .where("em.kind", "=", "image")
    .orderBy("e.id")
    .orderBy("em.sort")
    .execute();
  return rows.map((r) => r.media_id);
}

/** The proof photos chosen, each with the copy shown in its place when she covered faces on it. */
async function chosenPhotos(db: Conn, submissionId: string): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom("submission_public_media").select(["media_id", "source_media_id"]).where("submission_id", "=", submissionId).orderBy("sort").execute();
  return new Map(rows.map((r) => (r.source_media_id ? [r.source_media_id, r.media_id] : [r.media_id, null])));
}

/** What the cán bộ reviews: the published copy when there is one, otherwise her text and the answer as drafts. */
export async function reviewPublication(deps: AppDeps, auth: AuthContext, submissionId: string): Promise<PublicationReview> {
  const item = await guard(deps.db, auth, submissionId, false);
  const chosen = await chosenPhotos(deps.db, item.id);
  const blocked = blockedBy(item);
  return {
    submissionId: item.id,
    consent: item.consent === true,
    state: item.state ?? null,
    canPublish: blocked === null,
    blockedBy: blocked,
    text: item.public_text ?? item.body,
    answer: item.public_answer ?? (await resolutionText(deps.db, item)).text,
    photos: (await proofPhotos(deps.db, item.id)).map((id) => ({ id, chosen: chosen.has(id), coveredBy: chosen.get(id) ?? null })),
    publicId: item.state === "published" ? item.public_id : null,
    publishedAt: item.state === "published" && item.published_at ? item.published_at.toISOString() : null,
  };
}

/**
 * Where she hid faces on a chosen proof photo, the copy shown instead: a photo she herself uploaded, or the copy already
 * on the record for that photo (another cán bộ updating the publication keeps it), standing for one chosen proof photo
 * only, never another proof photo of the item (which she could simply choose).
 */
async function checkCovered(tx: Transaction<DB>, auth: AuthContext, submissionId: string, chosen: string[], proof: Set<string>, body: PublicationPublishBody): Promise<Map<string, string>> {
  const covered = new Map<string, string>();
  const refuse = () => badRequest("Ảnh đã che mặt phải là ảnh chị vừa làm từ một ảnh minh chứng đã chọn.", "covered", PublicRecordErrorCode.PUBLISH_COVER_INVALID);
  for (const c of body.covered ?? []) {
    if (!chosen.includes(c.of) || covered.has(c.of) || [...covered.values()].includes(c.mediaId) || proof.has(c.mediaId)) throw refuse();
    covered.set(c.of, c.mediaId);
  }
  if (covered.size === 0) return covered;
  const onRecord = await chosenPhotos(tx, submissionId);
  const mine = await tx.selectFrom("media").select(["id"]).where("id", "in", [...covered.values()]).where("owner_id", "=", auth.memberId).where("kind", "=", "image").execute();
  const hers = new Set(mine.map((m) => m.id));
  for (const [of, copy] of covered) if (!hers.has(copy) && onRecord.get(of) !== copy) throw refuse();
  return covered;
}

/**
 * Publishes her item with the cán bộ's reviewed text and answer and the proof photos she chose (or her copies of
 * them with faces covered), in one transaction with its audit row. A fresh public id each time, so a page taken down
 * and put back is not the old address.
 */
export async function publish(deps: AppDeps, auth: AuthContext, submissionId: string, body: PublicationPublishBody): Promise<PublicationReview> {
  const text = body.text.trim();
  const answer = body.answer.trim();
  if (!text) throw badRequest("Chị vui lòng ghi nội dung sẽ đăng công khai.", "text", PublicRecordErrorCode.PUBLISH_TEXT_EMPTY);
  if (!answer) throw badRequest("Chị vui lòng ghi câu trả lời sẽ đăng công khai.", "answer", PublicRecordErrorCode.PUBLISH_TEXT_EMPTY);
  const mediaIds = [...new Set(body.mediaIds ?? [])];
  await deps.db.transaction().execute(async (tx) => {
    const item = await guard(tx, auth, submissionId, true);
    const blocked = blockedBy(item);
    if (blocked) throw new AppError(blocked === PublicRecordErrorCode.PUBLISH_NOT_RESOLVED ? 409 : 400, blocked, BLOCKED_MESSAGE[blocked] as string);
    const proof = new Set(await proofPhotos(tx, item.id));
    const stray = mediaIds.find((id) => !proof.has(id));
    if (stray) throw badRequest("Chỉ đăng được ảnh minh chứng đã gửi kèm câu trả lời của nội dung này.", "mediaIds", PublicRecordErrorCode.PUBLISH_PHOTO_NOT_PROOF);
    const covered = await checkCovered(tx, auth, item.id, mediaIds, proof, body);
    const commune = unitAtOrAbove(await unitChain(tx, item.origin_unit_id), "xa");
    const now = new Date();
    const wasPublished = item.state === "published";
    await tx
      .updateTable("submission_publications")
      .set({
        state: "published",
        public_id: wasPublished ? item.public_id : crypto.randomUUID(),
        public_text: text,
        public_answer: answer,
        search_text: foldVietnamese(`${text} ${answer}`),
        unit_id: item.unit_id,
        commune_id: commune.id,
        due_at: item.due_at,
        resolved_at: item.resolved_at,
        decided_by: auth.memberId,
        decided_at: now,
        published_at: wasPublished ? item.published_at : now,
      })
      .where("submission_id", "=", item.id)
      .execute();
    await tx.deleteFrom("submission_public_media").where("submission_id", "=", item.id).execute();
    if (mediaIds.length > 0) {
      await tx
        .insertInto("submission_public_media")
        .values(mediaIds.map((id, sort) => ({ submission_id: item.id, media_id: covered.get(id) ?? id, source_media_id: covered.has(id) ? id : null, sort })))
        .execute();
    }
    await audit(tx, {
      actorId: auth.memberId,
      action: wasPublished ? "submission.publication_edit" : "submission.publish",
      entityType: "submission",
      entityId: item.id,
      // what changed, which photos went public and which of them with faces covered; the text itself is on the record, never her original
      detail: { textEdited: text !== item.body.trim(), photos: mediaIds, facesCovered: [...covered.keys()], textLength: text.length, answerLength: answer.length },
    });
  });
  return reviewPublication(deps, auth, submissionId);
}

/** She decides against it (pending) or takes it off the record (published): audited, the photos no longer public. */
async function withdraw(deps: AppDeps, auth: AuthContext, submissionId: string, to: "declined" | "unpublished", note: string): Promise<PublicationReview> {
  await deps.db.transaction().execute(async (tx) => {
    const item = await guard(tx, auth, submissionId, true);
    if (to === "unpublished" && item.state !== "published") {
      throw new AppError(409, PublicRecordErrorCode.PUBLISH_NOT_PUBLISHED, "Nội dung này hiện không được đăng công khai.");
    }
    if (to === "declined") {
      if (item.state === "published") throw new AppError(409, PublicRecordErrorCode.PUBLISH_ALREADY_PUBLISHED, "Nội dung đã được đăng; chị chọn “Gỡ xuống” để bỏ đăng.");
      if (item.consent === null) throw new AppError(400, PublicRecordErrorCode.PUBLISH_NO_CONSENT, BLOCKED_MESSAGE[PublicRecordErrorCode.PUBLISH_NO_CONSENT] as string);
    }
    const now = new Date();
    await tx.updateTable("submission_publications").set({ state: to, decided_by: auth.memberId, decided_at: now }).where("submission_id", "=", item.id).execute();
    await tx.deleteFrom("submission_public_media").where("submission_id", "=", item.id).execute();
    await audit(tx, {
      actorId: auth.memberId,
      action: to === "declined" ? "submission.publish_decline" : "submission.unpublish",
      entityType: "submission",
      entityId: item.id,
      detail: { note: note.trim().slice(0, 500) },
    });
  });
  return reviewPublication(deps, auth, submissionId);
}

export const declinePublication = (deps: AppDeps, auth: AuthContext, id: string, note: string) => withdraw(deps, auth, id, "declined", note);
export const unpublish = (deps: AppDeps, auth: AuthContext, id: string, note: string) => withdraw(deps, auth, id, "unpublished", note);

/** Resolved items of her subtrees whose author agreed, waiting for a decision (and those published, to revisit). */
export async function pendingPublications(deps: AppDeps, auth: AuthContext): Promise<PendingPublicationList> {
  const scope = await staffScope(deps.db, auth);
  if (!scope.isStaff) throw forbidden("Chức năng này dành cho cán bộ Hội.");
  const rows = await deps.db
    .selectFrom("submission_publications as p")
    .innerJoin("submissions as s", "s.id", "p.submission_id")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .innerJoin("assignments as a", "a.id", "s.resolved_assignment_id")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .select(["s.id", "s.tracking_code", "c.name as category_name", "u.name as unit_name", "a.resolved_at", "p.state"])
    .where("p.consent", "=", true)
    .where("p.state", "in", ["pending", "published"])
    .where("s.sensitive", "=", false)
    .where("s.anonymous", "=", false)
    .where("c.private", "=", false)
    .where("s.legal_route", "is", null)
    .where("s.status", "in", ["resolved", "closed"])
    .where(sql<boolean>`u.path LIKE ANY(${sql.val(scope.paths.map((p) => `${p.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`))}::text[])`)
    .orderBy("a.resolved_at", "desc")
    .limit(100)
    .execute();
  return {
    items: rows.map((r) => ({
      submissionId: r.id,
      trackingCode: r.tracking_code,
      categoryName: r.category_name,
      unitName: r.unit_name,
      resolvedAt: (r.resolved_at ?? new Date(0)).toISOString(),
      state: r.state,
    })),
  };
}
