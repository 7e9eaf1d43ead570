import { SUBMISSION_KIND_LABEL } from "@hoiso/shared";
import type { SubmissionKind } from "./tables.js";

export interface StoredEvent {
  type: string;
  message: string;
  actor_id: string | null;
  unit_name: string | null;
  detail: unknown;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * The stored timeline sentences are written for the woman ("Hội đã nhận nội dung chị gửi", "Vấn đề của chị …").
 * The cán bộ reads the same events told to her: who did what to the item, in the third person. Events already
 * written neutrally (acknowledged, forwarded by a unit, escalated …) keep their sentence.
 */
export function staffMessage(e: StoredEvent, kind: SubmissionKind, originName: string): string {
  const item = lower(SUBMISSION_KIND_LABEL[kind]);
  switch (e.type) {
    case "received":
      return `Người gửi gửi ${item} từ ${originName}.`;
    case "forwarded":
      // The route job's own assignment has no actor: the routing rules chose the unit.
      return e.actor_id === null && e.unit_name ? `Hội Số tự chuyển đến ${e.unit_name} theo lĩnh vực và quy tắc phân công.` : e.message;
    case "replied":
      return `Trả lời người gửi: ${e.message}`;
    case "resolved":
      return `Báo kết quả giải quyết cho người gửi: ${e.message}`;
    case "follow_up_asked":
      return "Hội Số đã hỏi người gửi vấn đề đã được giải quyết chưa.";
    default:
      return e.message;
  }
}
