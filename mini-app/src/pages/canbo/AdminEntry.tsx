import type { ReactElement } from "react";
import { EntryCard } from "../../components/EntryCard.js";
import { useCanboT } from "./i18n/index.js";

/** The way into Quản trị from the Cán bộ page (with the Cán bộ page, so it costs that page none of the Quản trị chunk). */
export function AdminEntry({ admin }: { admin: boolean }): ReactElement {
  const t = useCanboT();
  return (
    <EntryCard
      to="/quan-tri"
      icon="officer"
      title={t("adminEntry.title")}
      hint={admin ? t("adminEntry.admin") : t("adminEntry.officer")}
      testId="admin-entry"
    />
  );
}
