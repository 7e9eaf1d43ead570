import { BROADCAST_LIMITS } from "@hoiso/shared";
import type { AppDeps } from "../../deps.js";
import type { AuthContext } from "../../http/types.js";
import { createBroadcast } from "../broadcasts/compose.js";
import { staffPoll } from "./access.js";

const day = (d: Date) => d.toLocaleDateString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" });

/**
 * Announces a poll through Thông báo (the broadcasts module's own compose path: its checks, audit, fan-out and
 * channels), to the poll's units, and links the announcement to the poll. A poll narrowed by profile tags is not
 * announced this way (an announcement cannot be narrowed by tags): createPoll refuses that combination up front.
 */
export async function announcePoll(deps: AppDeps, auth: AuthContext, id: string): Promise<void> {
  const p = await staffPoll(deps.db, auth, id);
  const title = `Khảo sát: ${p.title}`.slice(0, BROADCAST_LIMITS.titleMax);
  const body = [p.intro, `Mời chị mở mục "Khảo sát" trên Trang chủ Hội Số để trả lời trước ngày ${day(p.closes_at)}. Chỉ mất vài phút, câu trả lời không kèm tên chị.`]
    .filter(Boolean)
    .join("\n\n")
    .slice(0, BROADCAST_LIMITS.bodyMax);
  const targetUnitIds = p.target_unit_ids.length > 0 ? p.target_unit_ids : undefined;
  const broadcastId = await createBroadcast(deps, auth, { unitId: p.unit_id, ...(targetUnitIds ? { targetUnitIds } : {}), title, body });
  await deps.db.updateTable("polls").set({ broadcast_id: broadcastId }).where("id", "=", id).execute();
}
