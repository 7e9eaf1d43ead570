import type { ReactElement } from "react";
import { ComingSoon } from "../../components/ComingSoon.js";
import { useLearnT } from "./i18n/index.js";

export default function LearnPage(): ReactElement {
  const t = useLearnT();
  return <ComingSoon title={t("title")} icon="learn" lead={t("lead")} body={t("body")} />;
}
