import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Icon } from "../../components/icons.js";
import { useSafetyT } from "./i18n/index.js";

/** The cán bộ's way to trusted addresses and on-call lists, from her overview. */
export function SafetyAdminEntry(): ReactElement {
  const t = useSafetyT();
  const navigate = useNavigate();
  return (
    <button type="button" className="hs-choice" data-testid="safety-admin-entry" onClick={() => navigate("/can-bo/an-toan")}>
      <span className="hs-grow">
        <span className="hs-choice-title">{t("admin.title")}</span>
        <span className="hs-choice-hint">{t("admin.onCallTitle")}</span>
      </span>
      <Icon name="chevron" />
    </button>
  );
}
