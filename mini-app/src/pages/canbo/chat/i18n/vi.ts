/** Cán bộ → Tin nhắn: conversations the OA chatbot handed over to a cán bộ. */
export default {
  title: "Tin nhắn",
  card: {
    title: "Tin nhắn",
    hint: "Chị em nhắn OA của Hội cần cán bộ trả lời",
    waiting: "{{count}} cuộc chờ trả lời",
  },
  empty: "Chưa có tin nhắn nào cần cán bộ trả lời.",
  unknown: "Người quan tâm OA (chưa liên kết Hội Số)",
  waitingChip: "Chờ trả lời",
  escalatedChip: "Đã chuyển lên cấp trên",
  author: {
    user: "Chị ấy",
    bot: "Trợ lý tự động",
    staff: "Cán bộ",
  },
  notSent: "Chưa gửi được",
  replyLabel: "Trả lời chị ấy",
  replyPlaceholder: "Nhập câu trả lời…",
  send: "Gửi",
  sent: "Đã gửi câu trả lời.",
  close: "Kết thúc cuộc trò chuyện",
  closed: "Đã kết thúc. Trợ lý tự động trả lời chị ấy từ bây giờ.",
  privateNote: "Những gì chị ấy gửi trong phần phản ánh không hiện ở đây (có thể là phản ánh giấu tên).",
} as const;
