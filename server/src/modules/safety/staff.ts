import { readPhone } from "../../privacy/phones.js";
import type { UrgentStaffView } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { forbidden, notFound } from "../../http/errors.js";
import type { AuthContext } from "../../http/types.js";
import { assignedUnits, auditSensitiveRead, seesSubmission, staffScope } from "../feedback/access.js";

/**
 * What a cán bộ needs to act on an urgent report beyond the item itself: the number to call back, where she said
 * she is, her location (only if she shared it), and the timed alerts (sent, due, acknowledged, escalated). The
 * private-item rule applies (assigned unit and province only) and every look is audited.
 */
export async function urgentView(deps: AppDeps, auth: AuthContext, submissionId: string): Promise<UrgentStaffView> {
  const report = await deps.db.selectFrom("safety_reports").selectAll().where("submission_id", "=", submissionId).executeTakeFirst();
  if (!report) throw notFound("Không tìm thấy tin báo khẩn này.");
  const scope = await staffScope(deps.db, auth);
  if (!seesSubmission(scope, true, await assignedUnits(deps.db, submissionId))) throw forbidden("Nội dung này nằm ngoài phạm vi phụ trách của chị.");
  await auditSensitiveRead(deps.db, auth.memberId, submissionId, { screen: "safety.urgent" });
  const alerts = await deps.db
    .selectFrom("safety_alerts as s")
    .innerJoin("assignments as a", "a.id", "s.assignment_id")
    .innerJoin("units as u", "u.id", "s.unit_id")
    .select(["u.name", "s.alerted_at", "s.ack_due_at", "s.escalated_at", "a.acknowledged_at"])
    .where("s.submission_id", "=", submissionId)
    .orderBy("s.alerted_at")
    .execute();
  return {
    submissionId,
    callbackPhone: readPhone(deps.config.phoneKeys, report.callback_phone_enc, report.callback_phone),
    where: report.where_text,
    location:
      report.location_lat !== null && report.location_lng !== null && report.location_at
        ? { lat: report.location_lat, lng: report.location_lng, at: report.location_at.toISOString() }
        : null,
    alerts: alerts.map((a) => ({
      unitName: a.name,
      alertedAt: a.alerted_at.toISOString(),
      ackDueAt: a.ack_due_at.toISOString(),
      acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
      escalatedAt: a.escalated_at?.toISOString() ?? null,
      minutesToAck: a.acknowledged_at ? Math.round((a.acknowledged_at.getTime() - a.alerted_at.getTime()) / 6_000) / 10 : null,
    })),
  };
}
