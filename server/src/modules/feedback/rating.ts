import { FeedbackRound2ErrorCode, type Rating, type RatingView, type UnitRatingFigures } from "@hoiso/shared";
import { sql, type Kysely, type Transaction } from "kysely";
import type { AppDeps } from "../../deps.js";
import type { DB } from "../../db/types.js";
import { AppError, forbidden, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { staffScope } from "./access.js";

type Conn = Kysely<DB> | Transaction<DB>;

/**
 * Her rating of the answer (hài lòng / bình thường / chưa hài lòng, a word if she wants), once per item, after a unit
 * resolved it — beside the follow-up question, which asks something else (is it really solved). It is kept with the
 * unit whose resolution it rates, for that unit's figures.
 */
export async function rateAnswer(deps: AppDeps, auth: AuthContext, submissionId: string, rating: Rating, comment: string): Promise<RatingView> {
  return deps.db.transaction().execute(async (tx) => {
    const s = await tx
      .selectFrom("submissions as s")
      .leftJoin("assignments as a", "a.id", "s.resolved_assignment_id")
      .select(["s.id", "s.author_id", "s.status", "a.unit_id"])
      .where("s.id", "=", submissionId)
      .forUpdate("s")
      .executeTakeFirst();
    if (!s || s.author_id !== auth.memberId) throw notFound("Không tìm thấy nội dung này.");
    if ((s.status !== "resolved" && s.status !== "closed") || !s.unit_id) {
      throw new AppError(409, FeedbackRound2ErrorCode.RATING_NOT_OPEN, "Chị đánh giá được khi Hội đã báo kết quả giải quyết.");
    }
    const row = await tx
      .insertInto("submission_ratings")
      .values({ submission_id: s.id, unit_id: s.unit_id, rating, comment: comment.trim().slice(0, 500), rated_at: new Date() })
      .onConflict((oc) => oc.column("submission_id").doNothing())
      .returning(["rating", "comment", "rated_at"])
      .executeTakeFirst();
    if (!row) throw new AppError(409, FeedbackRound2ErrorCode.RATING_ALREADY_GIVEN, "Chị đã đánh giá câu trả lời này rồi. Cảm ơn chị.");
    return { rating: row.rating, comment: row.comment, ratedAt: row.rated_at.toISOString() };
  });
}

/** Her rating of an item, for her own view of it. */
export async function ratingOf(db: Conn, submissionId: string): Promise<RatingView | null> {
  const r = await db.selectFrom("submission_ratings").select(["rating", "comment", "rated_at"]).where("submission_id", "=", submissionId).executeTakeFirst();
  return r ? { rating: r.rating, comment: r.comment, ratedAt: r.rated_at.toISOString() } : null;
}

/**
 * Per unit of her scope (subtrees of her roles): how many answers were rated and how. Counts only, no text and no
 * item: a comment may name someone. For the dashboard and the public record (which applies its own minimum).
 */
export async function unitRatings(deps: AppDeps, auth: AuthContext, from?: string, to?: string): Promise<UnitRatingFigures[]> {
  const scope = await staffScope(deps.db, auth);
  if (!scope.isStaff) throw forbidden("Chức năng này dành cho cán bộ Hội.");
  let q = deps.db
    .selectFrom("submission_ratings as r")
    .innerJoin("units as u", "u.id", "r.unit_id")
    .where(sql<boolean>`u.path LIKE ANY(${sql.val(scope.paths.map((p) => `${p}%`))}::text[])`);
  if (from) q = q.where("r.rated_at", ">=", new Date(from));
  if (to) q = q.where("r.rated_at", "<", new Date(to));
  const rows = await q
    .select([
      "u.id",
      "u.name",
      sql<number>`count(*)::int`.as("total"),
      sql<number>`(count(*) FILTER (WHERE r.rating = 'hai_long'))::int`.as("hai_long"),
      sql<number>`(count(*) FILTER (WHERE r.rating = 'binh_thuong'))::int`.as("binh_thuong"),
      sql<number>`(count(*) FILTER (WHERE r.rating = 'chua_hai_long'))::int`.as("chua_hai_long"),
    ])
    .groupBy(["u.id", "u.name"])
    .orderBy("u.name")
    .execute();
  return rows.map((r) => ({ unitId: r.id, unitName: r.name, total: r.total, haiLong: r.hai_long, binhThuong: r.binh_thuong, chuaHaiLong: r.chua_hai_long }));
}
