import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Icon } from "../../components/icons.js";
import { useSafetyT } from "./i18n/index.js";
import "./safety.css";

export const HELP_PATH = "/can-giup-do";

/** The one tap to "Cần giúp đỡ ngay", on Trang chủ and on the feedback form. */
export function HelpEntry(): ReactElement {
  const t = useSafetyT();
  const navigate = useNavigate();
  return (
    <button type="button" className="hs-safety-entry" data-testid="help-entry" onClick={() => navigate(HELP_PATH)}>
      <span className="hs-grow">
        <span className="hs-safety-entry-title">{t("entry.title")}</span>
        <span className="hs-safety-entry-hint">{t("entry.hint")}</span>
      </span>
      <Icon name="chevron" />
    </button>
  );
}
