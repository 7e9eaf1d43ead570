import type { ReactElement } from "react";
import { useSafetyT } from "./i18n/index.js";

/** How the 2022 law lets her (or anyone) report, with its article named (see the catalogue for the wording). */
export function LawCard(): ReactElement {
  const t = useSafetyT();
  return (
    <section className="hs-card" data-testid="law">
      <p className="hs-card-title">{t("law.title")}</p>
      <p className="hs-muted">{t("law.name")}</p>
      <p>{t("law.where")}</p>
      <p>{t("law.how")}</p>
      <p>{t("law.police")}</p>
    </section>
  );
}
