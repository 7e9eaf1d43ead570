import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import type { Category } from "@hoiso/shared";
import { api } from "../../api.js";
import { ErrorState, Loading } from "../../components/States.js";
import { CategoryForm } from "./CategoryForm.js";
import { LEVEL_LABEL } from "./labels.js";
import { RoutingRules } from "./RoutingRules.js";
import { SettingsForm } from "./SettingsForm.js";
import { useLoad } from "./useLoad.js";

/** Routing is data: categories and their rules on the left, the one category being edited and the settings on the right. */
export function FeedbackAdmin(): ReactElement {
  const [cats, reload] = useLoad(() => api.allCategories(), []);
  const [editing, setEditing] = useState<Category | "new" | null>(null);
  const categories = cats.status === "done" ? cats.data.items : [];

  return (
    <div className={`hs-admin-split${editing ? " has-detail" : ""}`}>
      <section className="hs-admin-list" aria-label="Lĩnh vực phản ánh">
        <h2 className="hs-section-title">Lĩnh vực</h2>
        {cats.status === "loading" && <Loading />}
        {cats.status === "error" && <ErrorState message={cats.message} onRetry={reload} />}
        <ul className="hs-choices">
          {categories.map((c) => (
            <li key={c.code}>
              <button type="button" className={`hs-choice${editing !== "new" && editing?.code === c.code ? " hs-choice-soft" : ""}`} onClick={() => setEditing(c)}>
                <span className="hs-grow">
                  <span className="hs-choice-title">{c.name}</span>
                  <span className="hs-choice-hint">
                    {LEVEL_LABEL[c.handlingLevel]} xử lý · hạn {c.slaHours} giờ{c.private ? " · riêng tư" : ""}
                    {c.active ? "" : " · đang tắt"}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
        <Button variant="secondary" fullWidth onClick={() => setEditing("new")}>
          Thêm lĩnh vực
        </Button>
        <RoutingRules categories={categories} />
      </section>
      <section className="hs-admin-detail" aria-label="Sửa lĩnh vực và cài đặt">
        {editing && (
          <CategoryForm
            key={editing === "new" ? "new" : editing.code}
            category={editing === "new" ? null : editing}
            onSaved={() => {
              setEditing(null);
              reload();
            }}
            onClose={() => setEditing(null)}
          />
        )}
        <SettingsForm />
      </section>
    </div>
  );
}
