import { useEffect, useState, type ReactElement } from "react";
import { Input } from "zmp-ui";
import type { Unit } from "@hoiso/shared";
import { api, errorMessage } from "../api.js";
import { Icon } from "./icons.js";
import { ErrorState, Loading } from "./States.js";
import { useDebounced } from "./useDebounced.js";

type Load = { status: "idle" } | { status: "loading" } | { status: "done"; items: Unit[] } | { status: "error"; message: string };

const LEVEL: Record<Unit["level"], string> = { tinh: "Tỉnh", xa: "Xã/phường", chi_hoi: "Chi hội", to: "Tổ" };

/**
 * Search the unit tree by name (old commune names too, diacritics optional) and pick one: the same search as the
 * profile page, for choosing the unit a feedback concerns or where a cán bộ sends an item.
 */
export function UnitFinder({
  label,
  placeholder = "Ví dụ: Bản Mế, Sa Pa, Bac Ha…",
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
        placeholder={placeholder}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        prefix={
          <span className="hs-input-icon">
            <Icon name="search" size={20} />
          </span>
        }
        clearable
      />
      <p className="hs-muted hs-small">Gõ không dấu cũng được; tên xã cũ trước khi sáp nhập cũng tìm được.</p>
      {res.status === "loading" && <Loading text="Đang tìm…" />}
      {res.status === "error" && <ErrorState message={res.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {res.status === "done" && res.items.length === 0 && <p className="hs-muted">Chưa tìm thấy “{query}”. Chị thử gõ tên khác nhé.</p>}
      {res.status === "done" && res.items.length > 0 && (
        <ul className="hs-choices" aria-label="Kết quả tìm đơn vị">
          {res.items.map((u) => (
            <li key={u.id}>
              <button type="button" className="hs-choice" onClick={() => onPick(u)}>
                <span className="hs-grow">
                  <span className="hs-choice-title">{u.name}</span>
                  <span className="hs-choice-hint">
                    {LEVEL[u.level]}
                    {u.parentName ? ` · ${u.parentName}` : ""}
                    {u.formerNames.length > 0 ? ` · trước đây: ${u.formerNames.join(", ")}` : ""}
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
