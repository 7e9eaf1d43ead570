import { SUBMISSION_KIND_LABEL } from "@hoiso/shared/domain";

/**
 * The app's shell and what several pages share: navigation, loading and error states, the API client's own errors,
 * the names of kinds, statuses, levels and roles, times, the timeline, the unit search and media. Vietnamese is the
 * type source for every other language.
 */
export default {
  appName: "Hội Số",
  opening: "Đang mở Hội Số…",
  loading: "Đang tải…",
  retry: "Thử lại",
  back: "Quay lại",
  goHome: "Về Trang chủ",
  reload: "Tải lại",
  nav: {
    home: "Trang chủ",
    learn: "Tìm hiểu",
    feedback: "Phản ánh",
    quiz: "Thi",
    profile: "Cá nhân",
  },
  chunkFailed: "Chưa tải được trang này, chị kiểm tra kết nối mạng rồi thử lại nhé.",
  errors: {
    timeout: "Mạng đang chậm nên chưa tải xong. Chị vui lòng thử lại nhé.",
    network: "Chưa kết nối được tới Hội Số. Chị kiểm tra mạng (wifi hoặc 4G) rồi thử lại nhé.",
    badResponse: "Chức năng này chưa sẵn sàng trên máy chủ, chị vui lòng thử lại sau.",
    busy: "Hệ thống đang bận, chị vui lòng thử lại sau ít phút.",
    unknown: "Có lỗi xảy ra, chị vui lòng thử lại.",
    /** The outbox (feedback) found a photo kept offline gone from the phone: it sends nothing without it. */
    outboxMediaGone: "Ảnh hoặc ghi âm chị chụp lúc mất sóng không còn trên máy. Chị thêm lại rồi gửi nhé.",
  },
  /** One name per thing: the same words the server writes into timelines and notifications. */
  kind: { ...SUBMISSION_KIND_LABEL },
  status: {
    received: "Hội đã nhận",
    forwarded: "Đã chuyển đến đơn vị",
    acknowledged: "Đang xử lý",
    replied: "Đã trả lời",
    resolved: "Đã giải quyết",
    closed: "Đã kết thúc",
  },
  level: { tinh: "Tỉnh", xa: "Xã/phường", chi_hoi: "Chi hội", to: "Tổ phụ nữ" },
  role: { can_bo: "Cán bộ", admin: "Quản trị" },
  time: {
    /** "14:30 ngày 29/11/2026" */
    dateTime: "{{time}} ngày {{day}}",
    daysHours: "{{days}} ngày {{hours}} giờ",
    days: "{{days}} ngày",
    hours: "{{hours}} giờ",
    minutes: "{{minutes}} phút",
  },
  timeline: {
    label: "Diễn biến",
    empty: "Chưa có diễn biến nào.",
    note: "Ghi chú nội bộ: {{note}}",
    staffOnly: "chỉ cán bộ thấy",
  },
  unitFinder: {
    placeholder: "Ví dụ: Bản Mế, Sa Pa, Bac Ha…",
    hint: "Gõ không dấu cũng được; tên xã cũ trước khi sáp nhập cũng tìm được.",
    searching: "Đang tìm…",
    none: "Chưa tìm thấy “{{query}}”. Chị thử gõ tên khác nhé.",
    results: "Kết quả tìm đơn vị",
    formerly: "trước đây: {{names}}",
  },
  media: {
    photo: "Ảnh {{n}}",
    openPhoto: "{{alt}} (mở ảnh lớn)",
    loadingPhoto: "Đang tải ảnh…",
    photoFailed: "Chưa tải được ảnh",
    loadingVoice: "Đang tải ghi âm…",
    authorVoice: "Ghi âm của người gửi",
    readingLength: "Đang đọc độ dài ghi âm…",
    length: "Ghi âm dài {{clock}}",
  },
} as const;
