import type { ReactElement } from "react";
import { EntryCard } from "../../components/EntryCard.js";
import { useSafetyT } from "./i18n/index.js";

/** The cán bộ's way to trusted addresses and on-call lists, from her overview. */
export function SafetyAdminEntry(): ReactElement {
  const t = useSafetyT();
  return <EntryCard to="/can-bo/an-toan" title={t("admin.title")} hint={t("admin.onCallTitle")} testId="safety-admin-entry" />;
}
