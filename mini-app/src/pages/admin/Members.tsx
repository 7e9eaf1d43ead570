import { useState, type ReactElement } from "react";
import { Input } from "zmp-ui";
import type { Me } from "@hoiso/shared";
import { api } from "../../api.js";
import { Icon } from "../../components/icons.js";
import { ErrorState, Loading } from "../../components/States.js";
import { useDebounced } from "../../components/useDebounced.js";
import { MemberDetail } from "./MemberDetail.js";
import { ROLE_NAME, STATUS_LABEL } from "./labels.js";
import { useLoad } from "./useLoad.js";

/** Search on the left, the chosen member on the right (one column on a phone: the list gives way to her card). */
export function Members({ me }: { me: Me }): ReactElement {
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 350);
  const [pendingOnly, setPendingOnly] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [res, reload] = useLoad(() => api.adminMembers({ q: query || undefined, status: pendingOnly ? "pending" : undefined }), [query, pendingOnly]);
  const chosen = res.status === "done" ? res.data.items.find((m) => m.id === selected) : undefined;

  return (
    <div className={`hs-admin-split${chosen ? " has-detail" : ""}`}>
      <section className="hs-admin-list" aria-label="Danh sách hội viên">
        <Input
          label="Tìm hội viên"
          placeholder="Tên, số điện thoại hoặc tên chi hội"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          prefix={
            <span className="hs-input-icon">
              <Icon name="search" size={20} />
            </span>
          }
          clearable
          data-testid="member-search"
        />
        <p className="hs-muted hs-small">Gõ không dấu cũng được, ví dụ “giang thi dua”.</p>
        <button type="button" role="switch" aria-checked={pendingOnly} className="hs-switch-row hs-switch-compact" onClick={() => setPendingOnly((v) => !v)}>
          <span className="hs-grow hs-choice-title">Chỉ người chờ xác nhận</span>
          <span className="hs-switch" aria-hidden="true">
            <span className="hs-switch-knob" />
          </span>
        </button>
        {res.status === "loading" && <Loading text="Đang tìm…" />}
        {res.status === "error" && <ErrorState message={res.message} onRetry={reload} />}
        {res.status === "done" && res.data.items.length === 0 && <p className="hs-card hs-muted">Không tìm thấy hội viên nào. Chị thử gõ tên khác nhé.</p>}
        {res.status === "done" && res.data.items.length > 0 && (
          <ul className="hs-choices">
            {res.data.items.map((m) => (
              <li key={m.id}>
                <button type="button" className={`hs-choice${m.id === selected ? " hs-choice-soft" : ""}`} data-testid="member-row" onClick={() => setSelected(m.id)}>
                  <span className="hs-grow">
                    <span className="hs-choice-title">{m.name}</span>
                    <span className="hs-choice-hint">
                      {m.unitName ? `${m.unitName} · ${STATUS_LABEL[m.membershipStatus]}` : "Chưa chọn đơn vị"}
                      {m.roles.length > 0 ? ` · ${[...new Set(m.roles.map((r) => ROLE_NAME[r.role]))].join(", ")}` : ""}
                    </span>
                  </span>
                  <Icon name="chevron" />
                </button>
              </li>
            ))}
          </ul>
        )}
        {res.status === "done" && res.data.truncated && <p className="hs-muted hs-small">Còn nhiều người nữa; chị gõ thêm để thu hẹp kết quả.</p>}
      </section>
      <section className="hs-admin-detail" aria-label="Thông tin hội viên">
        {chosen ? (
          <MemberDetail key={chosen.id} member={chosen} me={me} onChanged={reload} onClose={() => setSelected(null)} />
        ) : (
          <p className="hs-card hs-muted hs-admin-placeholder">Chọn một hội viên trong danh sách để xem quyền, xác nhận hoặc phân công.</p>
        )}
      </section>
    </div>
  );
}
