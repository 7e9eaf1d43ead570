import { readPhone } from "../../privacy/phones.js";
import type { AssignmentDetail, AssignmentStatus, AssignmentSummary, InboxItem, InboxQuery, StaffEvent } from "@hoiso/shared";
import { sql, type Expression, type SqlBool } from "kysely";
import type { AppDeps } from "../../deps.js";
import { forbidden, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assignedUnits, auditSensitiveRead, seesSubmission, staffScope } from "./access.js";
import { memberLanguage } from "../../i18n/member.js";
import { onBehalfInfo } from "./on-behalf.js";
import { proofOf } from "./proof.js";
import { staffEventText } from "./timeline.js";

export const outsideScope = () => forbidden("Nội dung này nằm ngoài phạm vi phụ trách của chị.");

export function assignmentStatus(a: { closed: boolean; resolved_at: Date | null; acknowledged_at: Date | null }): AssignmentStatus {
  if (a.closed) return "closed";
  if (a.resolved_at) return "resolved";
  if (a.acknowledged_at) return "acknowledged";
  return "new";
}

const isOverdue = (a: { closed: boolean; resolved_at: Date | null; due_at: Date }, now: Date) => !a.closed && !a.resolved_at && a.due_at < now;

/** A unit's assignment it passed on: another Hội unit it forwarded to has it open, so the work waits on them. */
const handedOnSql = sql<boolean>`EXISTS (SELECT 1 FROM assignments f WHERE f.from_assignment_id = a.id AND f.reason = 'forward' AND NOT f.closed AND f.resolved_at IS NULL)`;
const levelOrder = sql<number>`CASE u.level WHEN 'tinh' THEN 0 WHEN 'xa' THEN 1 WHEN 'chi_hoi' THEN 2 ELSE 3 END`;

/**
 * Her units' inbox, one row per item: assignments of every unit in her subtrees, except private items, which she sees
 * only when the assignment is at a unit where she holds a role (or she is at the province). An item assigned at several
 * units of her scope (escalated, forwarded, rerouted inside it) is shown through one of them: her own unit's
 * assignment first, then the one still being worked on, then the highest unit. An item her unit rerouted away or
 * forwarded to another unit is not "open" for her any more (it waits on them); "all" still lists it.
 * Urgent reports being worked on first, then overdue, then by deadline. Private items carry no excerpt here: their text is read only by opening them, which
 * is audited.
 */
export async function listInbox(deps: AppDeps, auth: AuthContext, q: InboxQuery): Promise<{ items: InboxItem[]; total: number }> {
  const scope = await staffScope(deps.db, auth);
  if (!scope.isStaff) throw forbidden("Chức năng này dành cho cán bộ Hội.");
  const now = new Date();
  let candidates = deps.db
    .selectFrom("assignments as a")
    .innerJoin("submissions as s", "s.id", "a.submission_id")
    .innerJoin("units as u", "u.id", "a.unit_id")
    .where(sql<boolean>`u.path LIKE ANY(${sql.val(scope.paths.map((p) => `${p}%`))}::text[])`)
    .where((eb) => {
      const privateOk: Expression<SqlBool> = scope.province
        ? sql<boolean>`true`
        : eb.and([eb("a.closed", "=", false), eb("a.unit_id", "in", scope.unitIds)]);
      return eb.or([eb("s.sensitive", "=", false), privateOk]);
    });
  if (q.unitId) candidates = candidates.where("a.unit_id", "=", q.unitId);
  if (q.category) candidates = candidates.where("s.category_code", "=", q.category);
  const mine = sql<boolean>`a.unit_id = ANY(${sql.val(scope.unitIds)}::uuid[])`;
  const shown = candidates
    .distinctOn("a.submission_id")
    .select([
      "a.id as assignment_id",
      "a.submission_id",
      "a.unit_id",
      "a.reason",
      "a.due_at",
      "a.closed",
      "a.resolved_at",
      "a.acknowledged_at",
      "a.created_at",
      "u.name as unit_name",
      handedOnSql.as("handed_on"),
    ])
    .orderBy("a.submission_id")
    .orderBy(mine, "desc")
    .orderBy(sql`(NOT a.closed AND a.resolved_at IS NULL AND NOT ${handedOnSql})`, "desc")
    .orderBy(sql`NOT a.closed`, "desc")
    .orderBy(levelOrder)
    .orderBy("a.created_at", "desc");

  const overdueSql = sql<boolean>`(NOT x.closed AND x.resolved_at IS NULL AND NOT x.handed_on AND x.due_at < ${now})`;
  const working = sql<boolean>`(NOT x.closed AND x.resolved_at IS NULL AND NOT x.handed_on)`;
  let query = deps.db
    .selectFrom(shown.as("x"))
    .innerJoin("submissions as s", "s.id", "x.submission_id")
    .innerJoin("categories as c", "c.code", "s.category_code")
    .innerJoin("units as o", "o.id", "s.origin_unit_id");
  const status = q.status ?? "open";
  if (status === "open") query = query.where(working);
  if (status === "new") query = query.where(working).where("x.acknowledged_at", "is", null);
  if (status === "acknowledged") query = query.where(working).where("x.acknowledged_at", "is not", null);
  if (status === "resolved") query = query.where("x.closed", "=", false).where("x.resolved_at", "is not", null);
  if (status === "closed") query = query.where("x.closed", "=", true);
  if (q.overdue !== undefined) query = query.where(q.overdue ? overdueSql : sql<boolean>`NOT ${overdueSql}`);
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll("x")
    .select([
      "s.tracking_code",
      "s.kind",
      "s.category_code",
      "s.body",
      "s.sensitive",
      "s.urgent",
      "s.anonymous",
      "s.channel",
      "s.status as submission_status",
      "c.name as category_name",
      "o.name as origin_name",
      overdueSql.as("overdue"),
    ])
    // An urgent report still being worked on comes before everything (safety module): a woman may be in danger now.
    .orderBy(sql`(s.urgent AND ${working})`, "desc")
    .orderBy(overdueSql, "desc")
    .orderBy("x.due_at", "asc")
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
      urgent: r.urgent,
      anonymous: r.anonymous,
      channel: r.channel,
      unitId: r.unit_id,
      unitName: r.unit_name,
      originUnitName: r.origin_name,
      reason: r.reason,
      status: assignmentStatus(r),
      handedOn: r.handed_on,
      submissionStatus: r.submission_status,
      dueAt: r.due_at.toISOString(),
      overdue: r.overdue,
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
 * Whether this unit has passed the item on, and who has it now: after a reroute its assignment is closed while the
 * item is still open elsewhere; after a forward another unit holds an open assignment that came from this one.
 */
async function handover(
  deps: AppDeps,
  a: { id: string; closed: boolean; resolved_at: Date | null },
  all: AssignmentSummary[],
): Promise<AssignmentDetail["handover"]> {
  const holders = all.filter((x) => x.id !== a.id && (x.status === "new" || x.status === "acknowledged"));
  if (a.closed) return holders.length > 0 ? { kind: "reroute", to: holders.map((x) => x.unitName) } : null;
  if (a.resolved_at) return null;
  const forwarded = await deps.db
    .selectFrom("assignments as f")
    .innerJoin("units as u", "u.id", "f.unit_id")
    .select("u.name")
    .where("f.from_assignment_id", "=", a.id)
    .where("f.reason", "=", "forward")
    .where("f.closed", "=", false)
    .where("f.resolved_at", "is", null)
    .orderBy("f.created_at")
    .execute();
  return forwarded.length > 0 ? { kind: "forward", to: forwarded.map((f) => f.name) } : null;
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
  // Entered on her behalf: the author row is the cán bộ who entered it; the woman is who the handler needs to know.
  const onBehalf = await onBehalfInfo(deps.db, deps.config.phoneKeys, s);
  const place = await deps.db.selectFrom("submission_locations").select(["lat", "lng", "at"]).where("submission_id", "=", s.id).executeTakeFirst();
  const author = s.anonymous
    ? null
    : onBehalf
      ? { name: onBehalf.womanName ?? "Chị em không ghi tên", phone: onBehalf.womanPhone }
      : await deps.db
          .selectFrom("members")
          .select(["name", "phone", "phone_enc"])
          .where("id", "=", s.author_id)
          .executeTakeFirstOrThrow()
          .then((m) => ({ name: m.name, phone: readPhone(deps.config.phoneKeys, m.phone_enc, m.phone) }));
  const events = await deps.db
    .selectFrom("submission_events as e")
    .leftJoin("units as u", "u.id", "e.unit_id")
    .leftJoin("members as m", "m.id", "e.actor_id")
    .select(["e.id", "e.type", "e.message_type", "e.params", "e.actor_id", "e.visible_to_author", "e.public", "e.detail", "e.created_at", "u.name as unit_name", "m.name as actor_name"])
    .where("e.submission_id", "=", s.id)
    .orderBy("e.id")
    .execute();
  const media = await deps.db.selectFrom("submission_media").select(["media_id", "kind"]).where("submission_id", "=", s.id).orderBy("sort").execute();
  const lang = await memberLanguage(deps.db, auth.memberId);
  const proof = await proofOf(deps.db, events.map((e) => Number(e.id)));
  const timeline: StaffEvent[] = events.map((e) => {
    const note = (e.detail as { note?: unknown } | null)?.note;
    return {
      id: e.id,
      type: e.type,
      message: staffEventText(lang, e, { kind: s.kind, origin: s.origin_name }),
      unitName: e.unit_name,
      actorName: e.actor_id === null ? null : e.actor_id === s.author_id ? "Người gửi" : e.actor_name,
      note: typeof note === "string" ? note : null,
      visibleToAuthor: e.visible_to_author,
      public: e.public,
      at: e.created_at.toISOString(),
      proof: proof.get(Number(e.id)) ?? [],
    };
  });
  const mine = all.find((x) => x.id === a.id) as AssignmentSummary;
  return {
    handover: await handover(deps, a, all),
    assignment: mine,
    submission: {
      id: s.id,
      trackingCode: s.tracking_code,
      kind: s.kind,
      category: s.category_code,
      categoryName: s.category_name,
      body: s.body,
      sensitive: s.sensitive,
      urgent: s.urgent,
      anonymous: s.anonymous,
      status: s.status,
      originUnitId: s.origin_unit_id,
      originUnitName: s.origin_name,
      signatureCount: s.signature_count,
      petitionState: s.petition_state,
      media: media.map((m) => ({ id: m.media_id, kind: m.kind })),
      channel: s.channel,
      createdAt: s.created_at.toISOString(),
    },
    // An urgent report's author chose the number to be called back on (safety module): her own phone may be in the
    // hands of the person she is reporting, so it is not offered here.
    author: author ? { name: author.name, phone: s.urgent ? null : author.phone } : null,
    onBehalf,
    location: place ? { lat: place.lat, lng: place.lng, at: place.at.toISOString(), mapUrl: `https://www.google.com/maps/search/?api=1&query=${place.lat},${place.lng}` } : null,
    assignments: all,
    timeline,
  };
}
