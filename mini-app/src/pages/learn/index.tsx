import type { ReactElement } from "react";
import { ComingSoon } from "../../components/ComingSoon.js";

export default function LearnPage(): ReactElement {
  return (
    <ComingSoon
      title="Tìm hiểu"
      icon="learn"
      lead="Mục Tìm hiểu đang được chuẩn bị"
      body="Nơi đây sẽ có nghị quyết, tin tức, hướng dẫn và gương phụ nữ tiêu biểu để chị đọc hoặc nghe. Hội đang chuẩn bị, chị quay lại sau nhé."
    />
  );
}
