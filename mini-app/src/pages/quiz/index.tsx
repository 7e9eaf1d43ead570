import type { ReactElement } from "react";
import { ComingSoon } from "../../components/ComingSoon.js";

export default function QuizPage(): ReactElement {
  return (
    <ComingSoon
      title="Thi"
      icon="quiz"
      lead="Mục Thi đang được chuẩn bị"
      body="Các cuộc thi tìm hiểu và câu đố kiến thức của Hội sẽ có ở đây. Khi có cuộc thi mới, Hội sẽ báo để chị tham gia."
    />
  );
}
