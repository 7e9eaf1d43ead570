import { useState, type ReactElement } from "react";
import { Button, Input } from "zmp-ui";
import type { Category, Unit } from "@hoiso/shared";
import { adminMutations } from "../../api/admin.js";
import { Icon } from "../../components/icons.js";
import { useCommonT } from "../../i18n/common/index.js";
import { useAdminT } from "./i18n/index.js";
import { useChange } from "../../components/useChange.js";

const LEVELS: Unit["level"][] = ["to", "chi_hoi", "xa", "tinh"];

/** Create or edit one category: who handles it, in how many hours, whether it is private, whether women see it. */
export function CategoryForm({ category, onSaved, onClose }: { category: Category | null; onSaved: () => void; onClose: () => void }): ReactElement {
  const t = useAdminT();
  const tc = useCommonT();
  const [code, setCode] = useState(category?.code ?? "");
  const [name, setName] = useState(category?.name ?? "");
  const [description, setDescription] = useState(category?.description ?? "");
  const [level, setLevel] = useState<Unit["level"]>(category?.handlingLevel ?? "xa");
  const [sla, setSla] = useState(String(category?.slaHours ?? 72));
  const [isPrivate, setPrivate] = useState(category?.private ?? false);
  const [active, setActive] = useState(category?.active ?? true);

  const { busy, run } = useChange(adminMutations.upsertCategory());
  const save = () =>
    run({ code: code.trim(), body: { name, description, handlingLevel: level, slaHours: Number(sla), private: isPrivate, active } }, t("category.saved", { name }), onSaved);

  return (
    <section className="hs-card hs-form" data-testid="category-form">
      <button type="button" className="hs-link hs-admin-back" onClick={onClose}>
        <Icon name="back" size={20} /> {t("category.back")}
      </button>
      <p className="hs-card-title">{category ? t("category.edit", { name: category.name }) : t("category.new")}</p>
      {!category && <Input label={t("category.code")} value={code} maxLength={40} onChange={(e) => setCode(e.target.value)} />}
      <Input label={t("category.name")} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      <Input.TextArea label={t("category.description")} value={description} maxLength={1000} onChange={(e) => setDescription(e.target.value)} autoHeight />
      <label className="hs-select">
        <span className="hs-card-label">{t("category.level")}</span>
        <select value={level} onChange={(e) => setLevel(e.target.value as Unit["level"])}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {tc(`level.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <Input label={t("category.sla")} type="number" value={sla} onChange={(e) => setSla(e.target.value)} />
      <button type="button" role="switch" aria-checked={isPrivate} className="hs-switch-row hs-switch-compact" onClick={() => setPrivate((v) => !v)}>
        <span className="hs-grow hs-choice-title">{t("category.private")}</span>
        <span className="hs-switch" aria-hidden="true">
          <span className="hs-switch-knob" />
        </span>
      </button>
      <button type="button" role="switch" aria-checked={active} className="hs-switch-row hs-switch-compact" onClick={() => setActive((v) => !v)}>
        <span className="hs-grow hs-choice-title">{t("category.active")}</span>
        <span className="hs-switch" aria-hidden="true">
          <span className="hs-switch-knob" />
        </span>
      </button>
      <Button fullWidth loading={busy} disabled={busy || name.trim().length < 2 || !(Number(sla) > 0)} onClick={() => void save()}>
        {t("category.save")}
      </Button>
    </section>
  );
}
