/** Trang chủ: greeting, membership card, name consent, the cán bộ card and the shortcuts. */
export default {
  greeting: {
    hello: "Chào chị {{name}}!",
    sub: "Hội LHPN tỉnh Lào Cai luôn đồng hành cùng chị.",
  },
  membership: {
    /** Her unit's name on the card, by the unit's level. */
    unitOf: {
      tinh: "Đơn vị của chị",
      xa: "Xã/phường của chị",
      chi_hoi: "Chi hội của chị",
      to: "Tổ phụ nữ của chị",
    },
    unitNeutral: "Nơi chị sinh hoạt",
    pendingTitle: "Chờ cán bộ xác nhận",
    pendingText: "Chị đã đăng ký vào {{unit}}. Cán bộ Hội sẽ xác nhận cho chị sớm.",
    noneTitle: "Chị chưa chọn chi hội",
    noneText: "Chọn xã/phường và chi hội nơi chị sinh hoạt để nhận tin của Hội gần mình.",
    choose: "Chọn chi hội",
  },
  nameConsent: {
    title: "Cho Hội Số biết tên của chị?",
    text: "Hội Số xin dùng tên và ảnh đại diện Zalo của chị để cán bộ Hội biết ai gửi ý kiến và xưng hô cho đúng. Hội không dùng vào việc khác. Chị không đồng ý thì Hội Số vẫn dùng được bình thường.",
    agree: "Đồng ý",
    later: "Để sau",
    named: "Cảm ơn chị, Hội Số đã có tên của chị.",
    refused: "Chị chưa cho phép cũng không sao, Hội Số vẫn dùng bình thường.",
  },
  officer: {
    title: "Cán bộ",
    inbox: "Hộp việc phản ánh",
    confirm: "Xác nhận hội viên mới",
  },
  shortcuts: {
    label: "Lối tắt",
    learn: { title: "Tìm hiểu", hint: "Nghị quyết, tin tức, hướng dẫn" },
    feedback: { title: "Phản ánh", hint: "Gửi ý kiến, kiến nghị tới Hội" },
    quiz: { title: "Thi", hint: "Cuộc thi, câu đố kiến thức" },
    profile: { title: "Cá nhân", hint: "Thông tin và chi hội của chị" },
    record: { title: "Kết quả xử lý", hint: "Việc Hội đã giải quyết, công khai cho mọi người" },
  },
} as const;
