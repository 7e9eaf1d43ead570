import type { ReactElement, ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import { useCommonT } from "../i18n/common/index.js";
import { Icon } from "./icons.js";

/** The page title bar. Zalo draws its own buttons at the top right, so the title leaves room for them. */
export function PageHeader({ title, back, children }: { title: string; back?: boolean; children?: ReactNode }): ReactElement {
  const navigate = useNavigate();
  const t = useCommonT();
  return (
    <header className="hs-header">
      {back && (
        <button type="button" className="hs-header-back" aria-label={t("back")} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate("/"))}>
          <Icon name="back" />
        </button>
      )}
      <h1 className="hs-header-title">{title}</h1>
      {children}
    </header>
  );
}
