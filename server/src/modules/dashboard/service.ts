import { dashboardTarget, percentOf, targetMet, type Dashboard, type DashboardIndicator, type DashboardQuery, type DashboardRow } from "@hoiso/shared";
import type { Db } from "../../db/pool.js";
import { forbidden } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assertRoleOver, hasRoleOver, scopeOf } from "../../policy/policy.js";
import {
  announcementFigures, contestFigures, feedbackFigures, itFigures, memberFigures, resolutionsOf, studyFigures, TOTAL,
  subtreeOf, trendFigures, trustedFigures, type Root,
} from "./figures.js";
import { monthsOf, periodOf } from "./period.js";
import { refreshedAt } from "./refresh.js";
import { womenCounts } from "./women.js";

/** The unit she asked for, or the highest unit she holds a staff role at; 404/403 through the policy. */
export async function dashboardRoot(db: Db, auth: AuthContext, unitId: string | undefined) {
  let id = unitId;
  if (!id) {
    const scope = scopeOf(auth);
    const top = auth.roles.filter((r) => scope.unitIds.includes(r.unitId)).sort((a, b) => a.unitPath.length - b.unitPath.length)[0];
    if (!top) throw forbidden("Chị chưa được giao vai trò cán bộ ở đơn vị nào.");
    id = top.unitId;
  }
  await assertRoleOver(db, auth, id);
  const u = await db.selectFrom("units").select(["id", "name", "level", "path", "parent_id"]).where("id", "=", id).executeTakeFirstOrThrow();
  const parent = u.parent_id ? await db.selectFrom("units").select("path").where("id", "=", u.parent_id).executeTakeFirst() : undefined;
  return { ...u, parentInScope: parent ? hasRoleOver(auth, parent.path) : false };
}

export async function dashboard(db: Db, auth: AuthContext, q: DashboardQuery, now = new Date()): Promise<Dashboard> {
  const p = periodOf(q, now);
  const unit = await dashboardRoot(db, auth, q.unitId);
  const root: Root = await subtreeOf(db, { id: unit.id, path: unit.path });
  const months = monthsOf(p);
  const years = [...new Set([p.year, ...months.map((m) => Number(m.slice(0, 4)))])];
  const resolutions = await resolutionsOf(db, p);
  const ids = resolutions.map((r) => r.id);
  // One query after another on one connection at a time: a dashboard is a heavy read, and taking eleven pool
  // connections at once for one cán bộ would starve everyone else's requests on a small server.
  const members = await memberFigures(db, root, p);
  const studied = await studyFigures(db, root, p, ids);
  const it = await itFigures(db, root, p);
  const contests = await contestFigures(db, root, p);
  const { rows: feedback, categories } = await feedbackFigures(db, root, p);
  const trusted = await trustedFigures(db, root);
  const announcements = await announcementFigures(db, root, p);
  const trend = await trendFigures(db, root, p);
  const women = await womenCounts(db, root, years);
  const refreshed = await refreshedAt(db);
  const children = await db
    .selectFrom("units as u")
    .select(["u.id", "u.name", "u.level"])
    .select((eb) => eb.exists(eb.selectFrom("units as c").select("c.id").whereRef("c.parent_id", "=", "u.id").where("c.active", "=", true)).as("has_children"))
    .where("u.parent_id", "=", unit.id)
    .where("u.active", "=", true)
    .orderBy("u.name")
    .execute();

  const row = (k: string, unitId: string, name: string, level: string, kind: DashboardRow["kind"], hasChildren: boolean, womenN: number | null): DashboardRow => {
    const m = members.get(k) ?? { registered: 0, confirmed: 0, active30: 0, canBo: 0 };
    const st = studied.get(k);
    const f = feedback.get(k);
    const t = trusted.get(k) ?? { communes: 0, withTrusted: 0 };
    const a = announcements.get(k) ?? { sent: 0, recipients: 0, delivered: 0, readers: 0 };
    const i = it.get(k) ?? { branches: 0, active: 0 };
    const participants = contests.get(k) ?? 0;
    const studiedRows = ids.map((articleId) => {
      const c = st?.get(articleId) ?? { members: 0, membersStudied: 0, canBo: 0, canBoStudied: 0 };
      return {
        articleId,
        canBo: c.canBo,
        canBoStudied: c.canBoStudied,
        canBoRate: percentOf(c.canBoStudied, c.canBo),
        members: c.members,
        membersStudied: c.membersStudied,
        membersRate: percentOf(c.membersStudied, c.members),
      };
    });
    const membersRate = percentOf(m.confirmed, womenN);
    const itRate = percentOf(i.active, i.branches);
    const ind = (code: DashboardIndicator["code"], value: number | null, articleId: string | null = null): DashboardIndicator => {
      const target = dashboardTarget(code, p.year);
      return { code, articleId, value, target: target.percent, strict: target.strict, met: targetMet(value, target) };
    };
    return {
      unitId,
      name,
      level,
      kind,
      hasChildren,
      members: { registered: m.registered, confirmed: m.confirmed, women: womenN, rate: membersRate, active30: m.active30 },
      studied: studiedRows,
      it: { branches: i.branches, active: i.active, rate: itRate },
      contests: { participants, rate: percentOf(participants, m.registered) },
      feedback: {
        received: f?.received ?? 0,
        byChannel: f?.byChannel ?? { mini_app: 0, oa_chat: 0, on_behalf: 0 },
        resolved: f?.resolved ?? 0,
        due: f?.due ?? 0,
        onTime: f?.onTime ?? 0,
        onTimeRate: percentOf(f?.onTime ?? 0, f?.due ?? 0),
        medianFirstAnswerHours: f?.medianFirstAnswerHours ?? null,
        escalations: f?.escalations ?? 0,
        ratings: f?.ratings ?? { hai_long: 0, binh_thuong: 0, chua_hai_long: 0 },
        petitionsLifted: f?.petitionsLifted ?? 0,
        urgent: f?.urgent ?? 0,
        medianFirstContactMinutes: f?.medianFirstContactMinutes ?? null,
        communes: t.communes,
        communesWithTrusted: t.withTrusted,
      },
      announcements: { ...a, readRate: percentOf(a.readers, a.recipients) },
      indicators: [
        ind("members", membersRate),
        ...studiedRows.flatMap((s) => [ind("studiedCanBo", s.canBoRate, s.articleId), ind("studiedMembers", s.membersRate, s.articleId)]),
        ind("branchesIt", itRate),
      ],
    };
  };

  const rows: DashboardRow[] = [row(TOTAL, unit.id, unit.name, unit.level, "total", children.length > 0, women(unit.id, p.year))];
  for (const c of children) rows.push(row(c.id, c.id, c.name, c.level, "child", Boolean(c.has_children), women(c.id, p.year)));
  // What is attached to the unit itself (its own cán bộ, members registered straight to it): shown when there is any.
  const direct = [members, it, contests, feedback, announcements, trusted].some((m) => m.has(unit.id)) || studied.has(unit.id);
  if (direct && children.length > 0) rows.push(row(unit.id, unit.id, unit.name, unit.level, "direct", false, null));

  let confirmed = trend.confirmedBefore;
  const series = months.map((month) => {
    const m = trend.months.get(month) ?? { month, confirmed: 0, studied: 0, received: 0, resolved: 0, participants: 0, announcements: 0 };
    confirmed += m.confirmed;
    return { ...m, confirmed, membersRate: percentOf(confirmed, women(unit.id, Number(month.slice(0, 4)))) };
  });

  return {
    unit: { id: unit.id, name: unit.name, level: unit.level, parentId: unit.parent_id, parentInScope: unit.parentInScope },
    from: p.from,
    to: p.to,
    madeAt: now.toISOString(),
    refreshedAt: refreshed ? refreshed.toISOString() : null,
    resolutions,
    rows,
    categories: categories.map((c) => (c.private ? { ...c, resolved: null, onTime: null } : c)),
    trend: series,
  };
}
