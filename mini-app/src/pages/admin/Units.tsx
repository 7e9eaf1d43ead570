import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import type { Unit } from "@hoiso/shared";
import { unitQueries } from "../../api/units.js";
import { Icon } from "../../components/icons.js";
import { QueryState } from "../../components/States.js";
import { useCommonT } from "../../i18n/common/index.js";
import { useAdminT } from "./i18n/index.js";
import { UnitPanel } from "./UnitPanel.js";

/** The unit tree, one level at a time with a trail back up; the chosen unit's actions and history beside it. */
export function Units(): ReactElement {
  const t = useAdminT();
  const tc = useCommonT();
  const [trail, setTrail] = useState<Unit[]>([]);
  const parent = trail[trail.length - 1];
  const [selected, setSelected] = useState<Unit | null>(null);
  const units = useQuery(unitQueries.list(parent ? { parentId: parent.id, includeInactive: true } : {}));

  const open = (u: Unit) => {
    setTrail((t) => [...t, u]);
    setSelected(u);
  };
  // The list itself is refreshed by the change (api/admin.ts invalidates the tree).
  const changed = (u: Unit | null) => setSelected(u);

  return (
    <div className={`hs-admin-split${selected ? " has-detail" : ""}`}>
      <section className="hs-admin-list" aria-label={t("units.treeLabel")}>
        <nav className="hs-admin-trail" aria-label={t("units.trailLabel")}>
          <button type="button" className="hs-link" onClick={() => (setTrail([]), setSelected(null))}>
            {t("units.province")}
          </button>
          {trail.map((u, i) => (
            <span key={u.id}>
              {" › "}
              <button type="button" className="hs-link" onClick={() => (setTrail(trail.slice(0, i + 1)), setSelected(u))}>
                {u.name}
              </button>
            </span>
          ))}
        </nav>
        <QueryState query={units} loadingText={t("units.loading")}>
          {({ items }) => (
            <>
              {items.length === 0 && <p className="hs-card hs-muted">{t("units.noChildren")}</p>}
              <ul className="hs-choices" data-testid="unit-list">
                {items.map((u) => (
                  <li key={u.id} className={`hs-admin-unit${u.active ? "" : " is-inactive"}`}>
                    <button type="button" className={`hs-choice${selected?.id === u.id ? " hs-choice-soft" : ""}`} data-testid="unit-row" onClick={() => setSelected(u)}>
                      <span className="hs-grow">
                        <span className="hs-choice-title">{u.name}</span>
                        <span className="hs-choice-hint">
                          {tc(`level.${u.level}`)} · {u.code}
                          {u.active
                            ? u.childCount > 0
                              ? ` · ${t("units.children", { count: u.childCount })}`
                              : ""
                            : ` · ${u.mergedInto ? t("units.merged") : t("units.inactive")}`}
                        </span>
                      </span>
                    </button>
                    {u.active && u.level !== "to" && (
                      <button type="button" className="hs-admin-open" aria-label={t("units.openChildren", { unit: u.name })} onClick={() => open(u)}>
                        <Icon name="chevron" />
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </QueryState>
      </section>
      <section className="hs-admin-detail" aria-label={t("units.detailLabel")}>
        {selected ? (
          <UnitPanel key={selected.id} unit={selected} onChanged={changed} onClose={() => setSelected(null)} />
        ) : (
          <p className="hs-card hs-muted hs-admin-placeholder">{t("units.placeholder")}</p>
        )}
      </section>
    </div>
  );
}
