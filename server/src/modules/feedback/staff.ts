import type { AssignmentDetail, AssignmentStatus, AssignmentSummary, InboxItem, InboxQuery, StaffEvent } from "@hoiso/shared";
import { sql, type Expression, type SqlBool } from "kysely";
import type { AppDeps } from "../../deps.js";
import { forbidden, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assignedUnits, auditSensitiveRead, seesSubmission, staffScope } from "./access.js";

export const outsideScope = () => forbidden("Nội dung này nằm ngoài phạm vi phụ trách của chị.");

export function assignmentStatus(a: { closed: boolean; resolved_at: Date | null; acknowledged_at: Date | null }): AssignmentStatus {
  if (a.closed) return "closed";
  if (a.resolved_at) return "resolved";
  if (a.acknowledged_at) return "acknowledged";
  return "new";
}

const isOverdue = (a: { closed: boolean; resolved_at: Date | null; due_at: Date }, now: Date) => !a.closed && !a.resolved_at && a.due_at < now;

/**
 * Her units' inbox: assignments of every unit in her subtrees, except private items, which she sees only when the
 * assignment is at a unit where she holds a role (or she is at the province). Overdue first, then by deadline.
 * Private items carry no excerpt here: their text is read only by opening them, which is audited.
 */
export async function listInbox(deps: AppDeps, auth: AuthContext, q: InboxQuery): Promise<{ items: InboxItem[]; total: number }> {
  const scope = await staffScope(deps.db, auth);
  if (!scope.isStaff) throw forbidden("Chức năng này dành cho cán bộ Hội.");
  const now = new Date();
  let query = deps.db
    .selectFrom("assignments as a")
    .innerJoin("submissions as s", "s.id", "a.submission_id")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .where(sql<boolean>`u.path LIKE ANY(${sql.val(scope.paths.map((p) => `${p}%`))}::text[])`)
    .where((eb) => {
      const privateOk: Expression<SqlBool> = scope.province
        ? sql<boolean>`true`
        : eb.and([eb("a.closed", "=", false), eb("a.unit_id", "in", scope.unitIds)]);
      return eb.or([eb("s.sensitive", "=", false), privateOk]);
    });
  if (q.unitId) query = query.where("a.unit_id", "=", q.unitId);
  if (q.category) query = query.where("s.category_code", "=", q.category);
  const status = q.status ?? "open";
  if (status === "open") query = query.where("a.closed", "=", false).where("a.resolved_at", "is", null);
  if (status === "new") query = query.where("a.closed", "=", false).where("a.resolved_at", "is", null).where("a.acknowledged_at", "is", null);
  if (status === "acknowledged") query = query.where("a.closed", "=", false).where("a.resolved_at", "is", null).where("a.acknowledged_at", "is not", null);
  if (status === "resolved") query = query.where("a.closed", "=", false).where("a.resolved_at", "is not", null);
  if (status === "closed") query = query.where("a.closed", "=", true);
  if (q.overdue !== undefined) {
    const overdue = sql<boolean>`(NOT a.closed AND a.resolved_at IS NULL AND a.due_at < ${now})`;
    query = query.where(q.overdue ? overdue : sql<boolean>`NOT ${overdue}`);
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      "a.id as assignment_id",
      "a.unit_id",
      "a.reason",
      "a.due_at",
      "a.closed",
      "a.resolved_at",
      "a.acknowledged_at",
      "a.created_at",
      "s.id as submission_id",
      "s.tracking_code",
      "s.kind",
      "s.category_code",
      "s.body",
      "s.sensitive",
      "s.anonymous",
      "s.status as submission_status",
      "u.name as unit_name",
      "c.name as category_name",
    ])
    .orderBy(sql`(NOT a.closed AND a.resolved_at IS NULL AND a.due_at < ${now})`, "desc")
    .orderBy("a.due_at", "asc")
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      assignmentId: r.assignment_id,
      submissionId: r.submission_id,
      trackingCode: r.tracking_code,
      kind: r.kind,
      category: r.category_code,
      categoryName: r.category_name,
      excerpt: r.sensitive ? null : r.body.length > 160 ? `${r.body.slice(0, 159)}…` : r.body,
      sensitive: r.sensitive,
      anonymous: r.anonymous,
      unitId: r.unit_id,
      unitName: r.unit_name,
      reason: r.reason,
      status: assignmentStatus(r),
      submissionStatus: r.submission_status,
      dueAt: r.due_at.toISOString(),
      overdue: isOverdue(r, now),
      createdAt: r.created_at.toISOString(),
    })),
  };
}

async function summaries(deps: AppDeps, submissionId: string, now: Date): Promise<AssignmentSummary[]> {
  const rows = await deps.db
    .selectFrom("assignments as a")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .select(["a.id", "a.unit_id", "u.name", "a.reason", "a.due_at", "a.closed", "a.resolved_at", "a.acknowledged_at"])
    .where("a.submission_id", "=", submissionId)
    .orderBy("a.created_at")
    .execute();
  return rows.map((a) => ({
    id: a.id,
    unitId: a.unit_id,
    unitName: a.name,
    reason: a.reason,
    status: assignmentStatus(a),
    dueAt: a.due_at.toISOString(),
    overdue: isOverdue(a, now),
    acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
    resolvedAt: a.resolved_at?.toISOString() ?? null,
  }));
}

/**
 * One assignment with its submission, the other units involved and the full timeline (internal notes included).
 * The author's name and phone appear only when she did not ask to stay anonymous; her own timeline entries say
 * "Người gửi", never her name. Reading a private item writes an audit row.
 */
export async function assignmentDetail(deps: AppDeps, auth: AuthContext, assignmentId: string): Promise<AssignmentDetail> {
  const a = await deps.db.selectFrom("assignments").selectAll().where("id", "=", assignmentId).executeTakeFirst();
  if (!a) throw notFound("Không tìm thấy việc được giao này.");
  const s = await deps.db
    .selectFrom("submissions as s")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .innerJoin("units as u", "u.id", "s.origin_unit_id")
    .selectAll("s")
    .select(["c.name as category_name", "u.name as origin_name"])
    .where("s.id", "=", a.submission_id)
    .executeTakeFirstOrThrow();
  const scope = await staffScope(deps.db, auth);
  if (!seesSubmission(scope, s.sensitive, await assignedUnits(deps.db, s.id))) throw outsideScope();
  if (s.sensitive) await auditSensitiveRead(deps.db, auth.memberId, s.id, { via: "assignment", assignmentId });

  const now = new Date();
  const all = await summaries(deps, s.id, now);
  const author = s.anonymous
    ? null
    : await deps.db.selectFrom("members").select(["name", "phone"]).where("id", "=", s.author_id).executeTakeFirstOrThrow();
  const events = await deps.db
    .selectFrom("submission_events as e")
    .leftJoin("units as u", "u.id", "e.unit_id")
    .leftJoin("members as m", "m.id", "e.actor_id")
    .select(["e.id", "e.type", "e.message", "e.actor_id", "e.visible_to_author", "e.public", "e.detail", "e.created_at", "u.name as unit_name", "m.name as actor_name"])
    .where("e.submission_id", "=", s.id)
    .orderBy("e.id")
    .execute();
  const media = await deps.db.selectFrom("submission_media").select(["media_id", "kind"]).where("submission_id", "=", s.id).orderBy("sort").execute();
  const timeline: StaffEvent[] = events.map((e) => {
    const note = (e.detail as { note?: unknown } | null)?.note;
    return {
      id: e.id,
      type: e.type,
      message: e.message,
      unitName: e.unit_name,
      actorName: e.actor_id === null ? null : e.actor_id === s.author_id ? "Người gửi" : e.actor_name,
      note: typeof note === "string" ? note : null,
      visibleToAuthor: e.visible_to_author,
      public: e.public,
      at: e.created_at.toISOString(),
    };
  });
  const mine = all.find((x) => x.id === a.id) as AssignmentSummary;
  return {
    assignment: mine,
    submission: {
      id: s.id,
      trackingCode: s.tracking_code,
      kind: s.kind,
      category: s.category_code,
      categoryName: s.category_name,
      body: s.body,
      sensitive: s.sensitive,
      anonymous: s.anonymous,
      status: s.status,
      originUnitId: s.origin_unit_id,
      originUnitName: s.origin_name,
      signatureCount: s.signature_count,
      petitionState: s.petition_state,
      media: media.map((m) => ({ id: m.media_id, kind: m.kind })),
      createdAt: s.created_at.toISOString(),
    },
    author: author ? { name: author.name, phone: author.phone } : null,
    assignments: all,
    timeline,
  };
}
