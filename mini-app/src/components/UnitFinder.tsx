import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { Input } from "zmp-ui";
import type { Unit } from "@hoiso/shared";
import { unitQueries } from "../api/units.js";
import { useCommonT } from "../i18n/common/index.js";
import { Icon } from "./icons.js";
import { QueryState } from "./States.js";
import { useDebounced } from "./useDebounced.js";

/**
 * Search the unit tree by name (old commune names too, diacritics optional) and pick one: the same search as the
 * profile page, for choosing the unit a feedback concerns or where a cán bộ sends an item.
 */
export function UnitFinder({
  label,
  placeholder,
  excludeId,
  only,
  onPick,
}: {
  label: string;
  placeholder?: string;
  excludeId?: string;
  /** Offer only units of this level (the profile asks for her xã/phường first). */
  only?: Unit["level"];
  onPick: (u: Unit) => void;
}): ReactElement {
  const t = useCommonT();
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 350);
  const search = useQuery({
    ...unitQueries.list({ q: query }),
    enabled: query.length >= 2,
    select: (r) => r.items.filter((u) => u.active && u.id !== excludeId && (!only || u.level === only)),
  });

  return (
    <div className="hs-finder">
      <Input
        label={label}
        placeholder={placeholder ?? t("unitFinder.placeholder")}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        prefix={
          <span className="hs-input-icon">
            <Icon name="search" size={20} />
          </span>
        }
        clearable
      />
      <p className="hs-muted hs-small">{t("unitFinder.hint")}</p>
      {query.length >= 2 && (
        <QueryState query={search} loadingText={t("unitFinder.searching")}>
          {(items) =>
            items.length === 0 ? (
              <p className="hs-muted">{t("unitFinder.none", { query })}</p>
            ) : (
              <UnitChoices items={items} onPick={onPick} />
            )
          }
        </QueryState>
      )}
    </div>
  );
}

function UnitChoices({ items, onPick }: { items: Unit[]; onPick: (u: Unit) => void }): ReactElement {
  const t = useCommonT();
  return (
    <ul className="hs-choices" aria-label={t("unitFinder.results")}>
      {items.map((u) => (
        <li key={u.id}>
          <button type="button" className="hs-choice" onClick={() => onPick(u)}>
            <span className="hs-grow">
              <span className="hs-choice-title">{u.name}</span>
              <span className="hs-choice-hint">
                {t(`level.${u.level}`)}
                {u.parentName ? ` · ${u.parentName}` : ""}
                {u.formerNames.length > 0 ? ` · ${t("unitFinder.formerly", { names: u.formerNames.join(", ") })}` : ""}
              </span>
            </span>
            <Icon name="chevron" />
          </button>
        </li>
      ))}
    </ul>
  );
}
