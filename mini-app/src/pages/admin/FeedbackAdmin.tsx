import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button } from "zmp-ui";
import type { Category } from "@hoiso/shared";
import { feedbackQueries } from "../../api/feedback.js";
import { QueryState } from "../../components/States.js";
import { CategoryForm } from "./CategoryForm.js";
import { useCommonT } from "../../i18n/common/index.js";
import { useAdminT } from "./i18n/index.js";
import { RoutingRules } from "./RoutingRules.js";
import { SettingsForm } from "./SettingsForm.js";

/** Routing is data: categories and their rules on the left, the one category being edited and the settings on the right. */
export function FeedbackAdmin(): ReactElement {
  const t = useAdminT();
  const tc = useCommonT();
  const cats = useQuery(feedbackQueries.categories(true));
  const [editing, setEditing] = useState<Category | "new" | null>(null);
  const categories = cats.data?.items ?? [];

  return (
    <div className={`hs-admin-split${editing ? " has-detail" : ""}`}>
      <section className="hs-admin-list" aria-label={t("feedback.categoriesLabel")}>
        <h2 className="hs-section-title">{t("feedback.categories")}</h2>
        <QueryState query={cats}>{() => null}</QueryState>
        <ul className="hs-choices">
          {categories.map((c) => (
            <li key={c.code}>
              <button type="button" className={`hs-choice${editing !== "new" && editing?.code === c.code ? " hs-choice-soft" : ""}`} onClick={() => setEditing(c)}>
                <span className="hs-grow">
                  <span className="hs-choice-title">{c.name}</span>
                  <span className="hs-choice-hint">
                    {t("feedback.categoryHint", { level: tc(`level.${c.handlingLevel}`), hours: c.slaHours })}
                    {c.private ? ` · ${t("feedback.private")}` : ""}
                    {c.active ? "" : ` · ${t("feedback.off")}`}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
        <Button variant="secondary" fullWidth onClick={() => setEditing("new")}>
          {t("feedback.addCategory")}
        </Button>
        <RoutingRules categories={categories} />
      </section>
      <section className="hs-admin-detail" aria-label={t("feedback.editLabel")}>
        {editing && (
          <CategoryForm
            key={editing === "new" ? "new" : editing.code}
            category={editing === "new" ? null : editing}
            onSaved={() => setEditing(null)}
            onClose={() => setEditing(null)}
          />
        )}
        <SettingsForm />
      </section>
    </div>
  );
}
