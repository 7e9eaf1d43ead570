import type { ReactElement } from "react";
import { ComingSoon } from "../../components/ComingSoon.js";
import { useQuizT } from "./i18n/index.js";

export default function QuizPage(): ReactElement {
  const t = useQuizT();
  return <ComingSoon title={t("title")} icon="quiz" lead={t("lead")} body={t("body")} />;
}
