/** The test login shown outside Zalo. */
export default {
  title: "Đăng nhập thử nghiệm",
  intro: "Chị đang mở Hội Số ngoài ứng dụng Zalo. Chọn một tài khoản mẫu để dùng thử:",
  who: {
    member: "Hội viên chi hội",
    chiHoi: "Cán bộ chi hội",
    xa: "Cán bộ Hội LHPN xã",
    admin: "Quản trị Hội LHPN tỉnh",
  },
  entering: "Đang vào…",
  typeName: "Hoặc nhập tên của chị",
  namePlaceholder: "Họ và tên",
  enter: "Vào dùng thử",
} as const;
