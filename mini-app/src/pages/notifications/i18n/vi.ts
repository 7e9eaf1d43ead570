/** Thông báo: the list of what the Hội has told her, and the home screen's card that leads to it. */
export default {
  title: "Thông báo",
  loading: "Đang tải thông báo…",
  empty: {
    title: "Chị chưa có thông báo nào.",
    body: "Khi chị gửi phản ánh, Hội Số sẽ báo cho chị ở đây mỗi khi có tiến triển.",
  },
  unread: "Chị có {{n}} thông báo chưa đọc.",
  allRead: "Chị đã đọc hết thông báo.",
  listLabel: "Thông báo của chị",
  unreadDot: "Chưa đọc",
  more: "Xem thêm thông báo cũ hơn",
  card: {
    title: "Thông báo",
    hint: "Tin từ Hội về việc chị đã gửi",
    hintUnread: "Chị có {{n}} thông báo mới",
    hintAllRead: "Chị đã xem hết thông báo",
  },
} as const;
