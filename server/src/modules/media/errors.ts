import { ErrorCode, MEDIA_LIMITS } from "@hoiso/shared";
import { AppError } from "../../http/errors.js";

const mb = (bytes: number) => `${bytes / (1024 * 1024)} MB`;

export const fileRequired = () =>
  new AppError(400, ErrorCode.MEDIA_FILE_REQUIRED, "Chị vui lòng chọn một ảnh hoặc một đoạn ghi âm để gửi.", "file");

export const typeNotAllowed = () =>
  new AppError(
    415,
    ErrorCode.MEDIA_TYPE_NOT_ALLOWED,
    "Tệp này không phải ảnh (JPG, PNG, WebP) hoặc ghi âm được hỗ trợ. Chị vui lòng chọn tệp khác.",
    "file",
  );

export const tooLarge = (kind: "image" | "audio" | "document" | null) =>
  new AppError(
    413,
    ErrorCode.MEDIA_TOO_LARGE,
    kind === "audio"
      ? `Đoạn ghi âm quá dài (tối đa ${mb(MEDIA_LIMITS.audioMaxBytes)}). Chị vui lòng ghi ngắn hơn hoặc chia thành nhiều đoạn.`
      : kind === "document"
        ? `Tệp PDF quá lớn (tối đa ${mb(MEDIA_LIMITS.documentMaxBytes)}). Chị vui lòng quét lại với độ phân giải thấp hơn.`
        : `Ảnh quá lớn (tối đa ${mb(MEDIA_LIMITS.imageMaxBytes)}). Chị vui lòng chọn ảnh nhỏ hơn.`,
    "file",
  );

export const tooManyPixels = (pixels: number, max: number) =>
  new AppError(
    413,
    ErrorCode.MEDIA_DIMENSIONS_TOO_LARGE,
    `Ảnh có kích thước quá lớn (${Math.round(pixels / 1e6)} triệu điểm ảnh, tối đa ${Math.floor(max / 1e6)} triệu), điện thoại của cán bộ khó mở được. Chị vui lòng chọn ảnh khác hoặc chụp lại.`,
    "file",
  );

export const quotaExceeded = (quotaBytes: number) =>
  new AppError(
    413,
    ErrorCode.MEDIA_QUOTA_EXCEEDED,
    `Chị đã lưu nhiều ảnh và ghi âm quá mức cho phép (${mb(quotaBytes)}). Ảnh chưa gửi kèm nội dung nào sẽ được tự xóa sau ít lâu; chị vui lòng thử lại sau hoặc liên hệ cán bộ Hội.`,
    "file",
  );

export const corrupt = () =>
  new AppError(400, ErrorCode.MEDIA_CORRUPT, "Tệp bị hỏng hoặc gửi lên chưa trọn vẹn. Chị vui lòng thử gửi lại.", "file");

export const notYours = () => new AppError(400, ErrorCode.MEDIA_NOT_YOURS, "Tệp đính kèm không hợp lệ.", "mediaIds");
