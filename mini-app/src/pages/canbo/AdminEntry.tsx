import type { ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Icon } from "../../components/icons.js";
import { useCanboT } from "./i18n/index.js";

/** The way into Quản trị from the Cán bộ page (with the Cán bộ page, so it costs that page none of the Quản trị chunk). */
export function AdminEntry({ admin }: { admin: boolean }): ReactElement {
  const navigate = useNavigate();
  const t = useCanboT();
  return (
    <button type="button" className="hs-choice" data-testid="admin-entry" onClick={() => navigate("/quan-tri")}>
      <span className="hs-tile-icon">
        <Icon name="officer" size={28} />
      </span>
      <span className="hs-grow">
        <span className="hs-choice-title">{t("adminEntry.title")}</span>
        <span className="hs-choice-hint">{admin ? t("adminEntry.admin") : t("adminEntry.officer")}</span>
      </span>
      <Icon name="chevron" />
    </button>
  );
}
