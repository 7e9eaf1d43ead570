import { useEffect, useState, type ReactElement } from "react";
import { Input } from "zmp-ui";
import type { Unit } from "@hoiso/shared";
import { api, errorMessage } from "../api.js";
import { useCommonT } from "../i18n/common/index.js";
import { Icon } from "./icons.js";
import { ErrorState, Loading } from "./States.js";
import { useDebounced } from "./useDebounced.js";

type Load = { status: "idle" } | { status: "loading" } | { status: "done"; items: Unit[] } | { status: "error"; message: string };

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
  const [res, setRes] = useState<Load>({ status: "idle" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (query.length < 2) {
      setRes({ status: "idle" });
      return;
    }
    let live = true;
    setRes({ status: "loading" });
    api
      .units({ q: query })
      .then((r) => live && setRes({ status: "done", items: r.items.filter((u) => u.active && u.id !== excludeId && (!only || u.level === only)) }))
      .catch((err) => live && setRes({ status: "error", message: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [query, attempt, excludeId, only]);

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
      {res.status === "loading" && <Loading text={t("unitFinder.searching")} />}
      {res.status === "error" && <ErrorState message={res.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {res.status === "done" && res.items.length === 0 && <p className="hs-muted">{t("unitFinder.none", { query })}</p>}
      {res.status === "done" && res.items.length > 0 && (
        <ul className="hs-choices" aria-label={t("unitFinder.results")}>
          {res.items.map((u) => (
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
      )}
    </div>
  );
}
