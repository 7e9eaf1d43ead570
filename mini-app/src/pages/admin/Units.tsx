import { useState, type ReactElement } from "react";
import type { Unit } from "@hoiso/shared";
import { api } from "../../api.js";
import { Icon } from "../../components/icons.js";
import { ErrorState, Loading } from "../../components/States.js";
import { LEVEL_LABEL } from "./labels.js";
import { UnitPanel } from "./UnitPanel.js";
import { useLoad } from "./useLoad.js";

/** The unit tree, one level at a time with a trail back up; the chosen unit's actions and history beside it. */
export function Units(): ReactElement {
  const [trail, setTrail] = useState<Unit[]>([]);
  const parent = trail[trail.length - 1];
  const [selected, setSelected] = useState<Unit | null>(null);
  const [res, reload] = useLoad(() => api.units(parent ? { parentId: parent.id, includeInactive: true } : {}), [parent?.id]);

  const open = (u: Unit) => {
    setTrail((t) => [...t, u]);
    setSelected(u);
  };
  const changed = (u: Unit | null) => {
    setSelected(u);
    reload();
  };

  return (
    <div className={`hs-admin-split${selected ? " has-detail" : ""}`}>
      <section className="hs-admin-list" aria-label="Cây đơn vị">
        <nav className="hs-admin-trail" aria-label="Đơn vị cấp trên">
          <button type="button" className="hs-link" onClick={() => (setTrail([]), setSelected(null))}>
            Toàn tỉnh
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
        {res.status === "loading" && <Loading text="Đang tải đơn vị…" />}
        {res.status === "error" && <ErrorState message={res.message} onRetry={reload} />}
        {res.status === "done" && res.data.items.length === 0 && <p className="hs-card hs-muted">Chưa có đơn vị trực thuộc.</p>}
        {res.status === "done" && (
          <ul className="hs-choices" data-testid="unit-list">
            {res.data.items.map((u) => (
              <li key={u.id} className={`hs-admin-unit${u.active ? "" : " is-inactive"}`}>
                <button type="button" className={`hs-choice${selected?.id === u.id ? " hs-choice-soft" : ""}`} data-testid="unit-row" onClick={() => setSelected(u)}>
                  <span className="hs-grow">
                    <span className="hs-choice-title">{u.name}</span>
                    <span className="hs-choice-hint">
                      {LEVEL_LABEL[u.level]} · {u.code}
                      {u.active ? (u.childCount > 0 ? ` · ${u.childCount} đơn vị trực thuộc` : "") : u.mergedInto ? " · đã sáp nhập" : " · ngừng hoạt động"}
                    </span>
                  </span>
                </button>
                {u.active && u.level !== "to" && (
                  <button type="button" className="hs-admin-open" aria-label={`Xem đơn vị trực thuộc ${u.name}`} onClick={() => open(u)}>
                    <Icon name="chevron" />
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="hs-admin-detail" aria-label="Thông tin đơn vị">
        {selected ? (
          <UnitPanel key={selected.id} unit={selected} onChanged={changed} onClose={() => setSelected(null)} />
        ) : (
          <p className="hs-card hs-muted hs-admin-placeholder">Chọn một đơn vị để đổi tên, thêm đơn vị trực thuộc, sáp nhập hoặc xem lịch sử.</p>
        )}
      </section>
    </div>
  );
}
