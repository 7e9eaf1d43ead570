import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, Input } from "zmp-ui";
import type { Category, Unit } from "@hoiso/shared";
import { adminMutations, adminQueries } from "../../api/admin.js";
import { QueryState } from "../../components/States.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { useCommonT } from "../../i18n/common/index.js";
import { useAdminT } from "./i18n/index.js";
import { useChange } from "../../components/useChange.js";

const LEVELS: Unit["level"][] = ["to", "chi_hoi", "xa", "tinh"];

/** Exceptions to a category's defaults: "vay vốn from Sa Pa goes to the xã in 24 h, then the province". */
export function RoutingRules({ categories }: { categories: Category[] }): ReactElement {
  const t = useAdminT();
  const tc = useCommonT();
  const level = (l: Unit["level"]) => tc(`level.${l}`);
  const rules = useQuery(adminQueries.rules());
  const [adding, setAdding] = useState(false);
  const [category, setCategory] = useState("");
  const [origin, setOrigin] = useState<Unit | null>(null);
  const [target, setTarget] = useState<Unit["level"]>("xa");
  const [sla, setSla] = useState("");
  const nameOf = (code: string) => categories.find((c) => c.code === code)?.name ?? code;

  const create = useChange(adminMutations.createRule());
  const remove = useChange(adminMutations.deleteRule());
  const busy = create.busy || remove.busy;

  return (
    <>
      <h2 className="hs-section-title">{t("rules.title")}</h2>
      <p className="hs-muted hs-small">{t("rules.hint")}</p>
      <QueryState query={rules}>
        {({ items }) => (
          <ul className="hs-choices">
            {items.map((r) => (
              <li key={r.id} className="hs-card hs-row">
                <span className="hs-grow">
                  <span className="hs-choice-title">{nameOf(r.category)}</span>
                  <span className="hs-choice-hint">
                    {r.originUnitName ? t("rules.from", { unit: r.originUnitName }) : t("rules.everywhere")} → {level(r.targetLevel)}
                    {r.slaHours ? ` · ${t("rules.hours", { hours: r.slaHours })}` : ""}
                    {r.escalationLevels.length > 0 ? ` · ${t("rules.escalates", { levels: r.escalationLevels.map(level).join(" → ") })}` : ""}
                  </span>
                </span>
                <Button size="small" variant="tertiary" disabled={busy} onClick={() => void remove.run(r.id, t("rules.deleted"))}>
                  {t("rules.delete")}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {!adding ? (
        <Button variant="secondary" fullWidth onClick={() => setAdding(true)}>
          {t("rules.add")}
        </Button>
      ) : (
        <section className="hs-card hs-form">
          <label className="hs-select">
            <span className="hs-card-label">{t("rules.category")}</span>
            <select value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">{t("rules.chooseCategory")}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          {origin ? (
            <p>
              {t("rules.from", { unit: origin.name })}{" "}
              <button type="button" className="hs-link" onClick={() => setOrigin(null)}>
                {t("rules.unselect")}
              </button>
            </p>
          ) : (
            <UnitFinder label={t("rules.origin")} onPick={setOrigin} />
          )}
          <label className="hs-select">
            <span className="hs-card-label">{t("rules.target")}</span>
            <select value={target} onChange={(e) => setTarget(e.target.value as Unit["level"])}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {level(l)}
                </option>
              ))}
            </select>
          </label>
          <Input label={t("rules.sla")} type="number" value={sla} onChange={(e) => setSla(e.target.value)} />
          <Button
            fullWidth
            disabled={busy || !category}
            onClick={() =>
              void create.run(
                { category, originUnitId: origin?.id ?? null, targetLevel: target, slaHours: sla ? Number(sla) : null },
                t("rules.added"),
              ).then((ok) => ok && (setAdding(false), setOrigin(null), setSla("")))
            }
          >
            {t("rules.save")}
          </Button>
        </section>
      )}
    </>
  );
}
