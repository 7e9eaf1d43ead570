/** Thi, still being prepared. */
export default {
  title: "Thi",
  lead: "Mục Thi đang được chuẩn bị",
  body: "Các cuộc thi tìm hiểu và câu đố kiến thức của Hội sẽ có ở đây. Khi có cuộc thi mới, Hội sẽ báo để chị tham gia.",
} as const;
