import type { ReactElement } from "react";
import { ComingSoon } from "../../components/ComingSoon.js";

/** Placeholder until the feedback feature lands; it replaces this file and keeps the single default export. */
export default function FeedbackPage(): ReactElement {
  return (
    <ComingSoon
      title="Phản ánh"
      icon="feedback"
      lead="Mục Phản ánh đang được chuẩn bị"
      body="Sắp tới chị có thể gửi ý kiến, kiến nghị tới Hội ngay tại đây và theo dõi Hội trả lời. Trong lúc chờ, chị cứ liên hệ trực tiếp cán bộ chi hội của mình nhé."
    />
  );
}
