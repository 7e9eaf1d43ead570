import type { NotificationList } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import { notFound } from "../../http/errors.js";
import { notificationText } from "./text.js";
import { memberLanguage } from "../../i18n/member.js";

/** Her in-app notifications from every module, newest first, each written out in her language. */
export async function listNotifications(deps: AppDeps, memberId: string, limit: number, offset: number): Promise<NotificationList> {
  const lang = await memberLanguage(deps.db, memberId);
  const rows = await deps.db
    .selectFrom("deliveries")
    .select(["id", "source_module", "source_id", "link", "type", "params", "created_at", "read_at"])
    .where("recipient_id", "=", memberId)
    .where("channel", "=", "in_app")
    .orderBy("created_at", "desc")
    .orderBy("id")
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
      source: { module: r.source_module, id: r.source_id, link: r.link },
      text: notificationText(lang, r.type, (r.params ?? {}) as Record<string, unknown>),
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
