import type { NotificationList } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { notFound } from "../../http/errors.js";

export async function listNotifications(deps: AppDeps, memberId: string, limit: number, offset: number): Promise<NotificationList> {
  const rows = await deps.db
    .selectFrom("deliveries as d")
    .innerJoin("submission_events as e", "e.id", "d.event_id")
    .innerJoin("submissions as s", "s.id", "e.submission_id")
    .select(["d.id", "d.text", "d.audience", "d.created_at", "d.read_at", "e.assignment_id", "s.id as submission_id", "s.tracking_code"])
    .where("d.recipient_id", "=", memberId)
    .where("d.channel", "=", "in_app")
    .orderBy("d.created_at", "desc")
    .orderBy("d.id")
    .limit(limit)
    .offset(offset)
    .execute();
  const unread = await deps.db
    .selectFrom("deliveries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("recipient_id", "=", memberId)
    .where("channel", "=", "in_app")
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return {
    unread: Number(unread.n),
    items: rows.map((r) => ({
      id: r.id,
      submissionId: r.submission_id,
      trackingCode: r.tracking_code,
      assignmentId: r.audience === "can_bo" ? r.assignment_id : null,
      text: r.text,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
  };
}

export async function markRead(deps: AppDeps, memberId: string, id: string): Promise<void> {
  const r = await deps.db
    .updateTable("deliveries")
    .set({ read_at: new Date() })
    .where("id", "=", id)
    .where("recipient_id", "=", memberId)
    .where("channel", "=", "in_app")
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound("Không tìm thấy thông báo này.");
}
