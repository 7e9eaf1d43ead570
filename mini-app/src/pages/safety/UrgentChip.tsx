import type { ReactElement } from "react";
import { useSafetyT } from "./i18n/index.js";
import "./safety.css";

/** "KHẨN", in red, on an urgent item in Hộp việc. */
export function UrgentChip(): ReactElement {
  const t = useSafetyT();
  return (
    <span className="hs-urgent-chip" data-testid="urgent-chip">
      {t("staff.urgent")}
    </span>
  );
}
