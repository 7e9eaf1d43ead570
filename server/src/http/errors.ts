import { ErrorCode } from "@hoiso/shared";

/** An error meant for the user: a stable code, an HTTP status and a Vietnamese message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const unauthenticated = () =>
  new AppError(401, ErrorCode.UNAUTHENTICATED, "Chị cần đăng nhập để tiếp tục.");
export const forbidden = (msg = "Chị không có quyền thực hiện việc này.") => new AppError(403, ErrorCode.FORBIDDEN, msg);
export const notFound = (what = "Không tìm thấy nội dung yêu cầu.") => new AppError(404, ErrorCode.NOT_FOUND, what);
export const unitNotFound = () => new AppError(404, ErrorCode.UNIT_NOT_FOUND, "Không tìm thấy đơn vị Hội này.");
export const conflict = (msg: string, code: string = ErrorCode.CONFLICT) => new AppError(409, code, msg);
export const badRequest = (msg: string, field?: string, code: string = ErrorCode.VALIDATION) => new AppError(400, code, msg, field);

/** Vietnamese labels for the body fields a woman might get wrong; unknown fields fall back to their name. */
const FIELD_LABELS: Record<string, string> = {
  accessToken: "mã đăng nhập Zalo",
  name: "tên",
  unitId: "đơn vị",
  parentId: "đơn vị cấp trên",
  intoId: "đơn vị sáp nhập vào",
  token: "mã xác thực",
  body: "nội dung",
  category: "lĩnh vực",
  kind: "loại",
  q: "từ khóa",
  message: "nội dung",
  note: "ghi chú",
  agency: "cơ quan nhận",
  limit: "số lượng",
  offset: "vị trí bắt đầu",
  code: "mã",
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
