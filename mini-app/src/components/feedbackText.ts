import type { SubmissionKind, SubmissionStatus } from "@hoiso/shared";
import { SUBMISSION_KIND_LABEL } from "@hoiso/shared/domain";

/** The three kinds, each with the one plain sentence that tells her which to choose. */
export const KINDS: ReadonlyArray<{ kind: SubmissionKind; title: string; hint: string }> = [
  { kind: "feedback", title: "Phản ánh", hint: "Chị gặp khó khăn hoặc thấy việc chưa đúng, muốn Hội biết và giúp đỡ." },
  { kind: "report", title: "Tin báo", hint: "Chị biết có người bị bạo lực, xâm hại hoặc bị đối xử sai trái, cần báo để Hội can thiệp." },
  { kind: "petition", title: "Kiến nghị", hint: "Chị đề nghị một việc chung; chị em khác cùng ký tên ủng hộ để Hội chuyển lên cấp trên." },
];

/** The same names the server writes into timelines and notifications. */
export const KIND_LABEL: Record<SubmissionKind, string> = SUBMISSION_KIND_LABEL;

export const STATUS_LABEL: Record<SubmissionStatus, string> = {
  received: "Hội đã nhận",
  forwarded: "Đã chuyển đến đơn vị",
  acknowledged: "Đang xử lý",
  replied: "Đã trả lời",
  resolved: "Đã giải quyết",
  closed: "Đã kết thúc",
};

const dateTime = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });
const dateOnly = new Intl.DateTimeFormat("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric" });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));

/** "3 ngày 4 giờ" — how late, in words a busy cán bộ reads at a glance. */
export function lateBy(dueIso: string, now = Date.now()): string {
  const mins = Math.max(1, Math.floor((now - new Date(dueIso).getTime()) / 60_000));
  const days = Math.floor(mins / 1440);
  const hours = Math.floor((mins % 1440) / 60);
  if (days > 0) return hours > 0 ? `${days} ngày ${hours} giờ` : `${days} ngày`;
  if (hours > 0) return `${hours} giờ`;
  return `${mins} phút`;
}
