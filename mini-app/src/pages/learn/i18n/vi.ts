/** Tìm hiểu, still being prepared. */
export default {
  title: "Tìm hiểu",
  lead: "Mục Tìm hiểu đang được chuẩn bị",
  body: "Nơi đây sẽ có nghị quyết, tin tức, hướng dẫn và gương phụ nữ tiêu biểu để chị đọc hoặc nghe. Hội đang chuẩn bị, chị quay lại sau nhé.",
} as const;
