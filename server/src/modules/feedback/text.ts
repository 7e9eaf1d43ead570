import { SUBMISSION_KIND_LABEL } from "@hoiso/shared";
import type { SubmissionKind } from "./tables.js";

/**
 * Every sentence the pipeline writes into a timeline or a notification. A cán bộ's texts are built from the tracking
 * code, category and unit names only: no author name, phone or Zalo id can slip into them, anonymous or not.
 */
export const KIND_LABEL: Record<SubmissionKind, string> = SUBMISSION_KIND_LABEL;

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const tz = "Asia/Ho_Chi_Minh";
const timeFmt = new Intl.DateTimeFormat("vi-VN", { timeZone: tz, hour: "2-digit", minute: "2-digit", hour12: false });
const dayFmt = new Intl.DateTimeFormat("vi-VN", { timeZone: tz, day: "2-digit", month: "2-digit", year: "numeric" });
/** "14:30 ngày 29/11/2026", Lào Cai time. */
export const formatDate = (d: Date) => `${timeFmt.format(d)} ngày ${dayFmt.format(d)}`;

export interface ItemRef {
  kind: SubmissionKind;
  trackingCode: string;
}

const ref = (s: ItemRef) => `${KIND_LABEL[s.kind]} ${s.trackingCode}`;
const refLower = (s: ItemRef) => `${lower(KIND_LABEL[s.kind])} ${s.trackingCode}`;

export const authorText = {
  received: (s: ItemRef) => `Hội đã nhận ${refLower(s)} của chị. Chị dùng mã này để theo dõi.`,
  forwarded: (s: ItemRef, unitName: string) => `${ref(s)} của chị đã được chuyển đến ${unitName}.`,
  acknowledged: (s: ItemRef, unitName: string) => `${unitName} đã tiếp nhận ${refLower(s)} của chị và đang xử lý.`,
  replied: (s: ItemRef, unitName: string, message: string) => `${unitName} trả lời ${refLower(s)}: ${message}`,
  forwardedExternal: (s: ItemRef, agency: string) =>
    `${ref(s)} của chị đã được Hội chuyển đến ${agency}; Hội sẽ tiếp tục theo dõi và báo lại chị.`,
  rerouted: (s: ItemRef, unitName: string) => `${ref(s)} của chị thuộc trách nhiệm của ${unitName} và đã được chuyển đến đó.`,
  escalated: (s: ItemRef, unitName: string) => `${ref(s)} của chị đã được chuyển thêm lên ${unitName} để đôn đốc giải quyết.`,
  resolved: (s: ItemRef, unitName: string, message: string) => `${unitName} thông báo ${refLower(s)} đã được giải quyết: ${message}`,
  followUpQuestion: (s: ItemRef) => `Vấn đề của chị đã được giải quyết chưa? (${ref(s)}) Chị vui lòng trả lời để Hội biết.`,
  closed: (s: ItemRef) => `Cảm ơn chị đã xác nhận ${refLower(s)} đã được giải quyết.`,
  reopened: (s: ItemRef, unitName: string) => `Hội đã ghi nhận vấn đề chưa được giải quyết; ${refLower(s)} được mở lại tại ${unitName}.`,
  petitionLifted: (s: ItemRef, count: number, unitName: string) => `${ref(s)} đã đủ ${count} chữ ký và được chuyển lên ${unitName}.`,
  petitionClosed: (s: ItemRef, count: number, reached: boolean) =>
    reached
      ? `${ref(s)} đã kết thúc thời gian lấy chữ ký với ${count} chữ ký, đạt số lượng cần thiết.`
      : `${ref(s)} đã kết thúc thời gian lấy chữ ký với ${count} chữ ký, chưa đạt số lượng cần thiết.`,
};

export const staffText = {
  newAssignment: (s: ItemRef, categoryName: string, unitName: string, dueAt: Date) =>
    `Có ${refLower(s)} mới (lĩnh vực: ${categoryName}) cần ${unitName} xử lý trước ${formatDate(dueAt)}.`,
  escalated: (s: ItemRef, fromUnit: string, unitName: string, dueAt: Date) =>
    `${ref(s)} đã quá hạn tại ${fromUnit}, nay chuyển lên ${unitName} cùng xử lý (hạn mới ${formatDate(dueAt)}).`,
  forwarded: (s: ItemRef, fromUnit: string, unitName: string) => `${ref(s)} được ${fromUnit} chuyển đến ${unitName} để phối hợp xử lý.`,
  rerouted: (s: ItemRef, fromUnit: string, unitName: string) => `${fromUnit} chuyển ${refLower(s)} đến ${unitName} vì thuộc trách nhiệm của đơn vị.`,
  reopened: (s: ItemRef, unitName: string) => `Người gửi cho biết ${refLower(s)} chưa được giải quyết; đề nghị ${unitName} xử lý lại.`,
  petitionLifted: (s: ItemRef, count: number, unitName: string) => `${ref(s)} đã đủ ${count} chữ ký, chuyển lên ${unitName} xem xét.`,
};
