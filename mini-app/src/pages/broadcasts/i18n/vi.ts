/** Thông báo của Hội: the announcements her Hội sent her (the feed on Trang chủ and its page). */
export default {
  title: "Thông báo của Hội",
  card: {
    title: "Thông báo của Hội",
    none: "Chưa có thông báo nào.",
    unread: "{{n}} thông báo chị chưa đọc",
    all: "Xem tất cả",
  },
  list: {
    none: "Hội chưa gửi thông báo nào cho chị.",
    label: "Các thông báo",
    more: "Xem thêm",
  },
  item: {
    from: "{{unit}} · {{at}}",
    urgent: "Khẩn",
    new: "Mới",
    openArticle: "Đọc bài viết",
    openGuide: "Xem hướng dẫn",
    openContest: "Xem cuộc thi",
    openPetition: "Xem và ký kiến nghị",
    back: "Về danh sách thông báo",
  },
} as const;
