import { useEffect, useState, type ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import type { Category, InboxItem, InboxQuery } from "@hoiso/shared";
import { api, errorMessage } from "../../api.js";
import { formatDateTime, KIND_LABEL, lateBy } from "../../components/feedbackText.js";
import { Icon } from "../../components/icons.js";
import { ErrorState, Loading } from "../../components/States.js";

type Status = NonNullable<InboxQuery["status"]>;
type Load = { status: "loading" } | { status: "done"; items: InboxItem[]; total: number } | { status: "error"; message: string };

const STATUSES: ReadonlyArray<{ value: Status; label: string }> = [
  { value: "open", label: "Cần xử lý" },
  { value: "new", label: "Mới" },
  { value: "acknowledged", label: "Đã tiếp nhận" },
  { value: "resolved", label: "Đã giải quyết" },
  { value: "all", label: "Tất cả" },
];

const ASSIGNMENT_LABEL: Record<InboxItem["status"], string> = {
  new: "Mới, chưa tiếp nhận",
  acknowledged: "Đã tiếp nhận",
  resolved: "Đã giải quyết",
  closed: "Đã chuyển đi / kết thúc",
};

const REASON_LABEL: Record<InboxItem["reason"], string | null> = {
  primary: null,
  escalation: "Chuyển lên do quá hạn",
  forward: "Đơn vị khác chuyển đến",
  reroute: "Chuyển đúng nơi",
  petition: "Kiến nghị đủ chữ ký",
};

function InboxRow({ item }: { item: InboxItem }): ReactElement {
  const navigate = useNavigate();
  const reason = REASON_LABEL[item.reason];
  return (
    <li>
      <button
        type="button"
        className={`hs-choice hs-item${item.overdue ? " hs-item-overdue" : ""}`}
        data-testid="inbox-item"
        onClick={() => navigate(`/can-bo/hop-viec/${item.assignmentId}`)}
      >
        <span className="hs-grow">
          <span className="hs-item-top">
            <span className="hs-code-small">{item.trackingCode}</span>
            <span className="hs-choice-hint">{item.handedOn ? "Đã chuyển, đơn vị nhận đang xử lý" : ASSIGNMENT_LABEL[item.status]}</span>
          </span>
          <span className="hs-choice-title">
            {KIND_LABEL[item.kind]} · {item.categoryName}
          </span>
          <span className="hs-item-excerpt">
            {item.excerpt ?? "Nội dung được giữ kín — mở ra để đọc (mỗi lần mở đều được ghi lại)."}
          </span>
          <span className="hs-choice-hint" data-testid="inbox-origin">
            Gửi từ {item.originUnitName}
          </span>
          <span className="hs-choice-hint">
            Giao cho {item.unitName}
            {item.anonymous ? " · Người gửi ẩn danh" : ""}
            {item.sensitive ? " · Giữ kín" : ""}
            {reason ? ` · ${reason}` : ""}
          </span>
          {item.overdue ? (
            <span className="hs-overdue" data-testid="overdue">
              <Icon name="clock" size={16} /> Quá hạn {lateBy(item.dueAt)} (hạn {formatDateTime(item.dueAt)})
            </span>
          ) : (
            item.status !== "resolved" &&
            item.status !== "closed" &&
            !item.handedOn && <span className="hs-choice-hint">Hạn xử lý: {formatDateTime(item.dueAt)}</span>
          )}
        </span>
        <Icon name="chevron" />
      </button>
    </li>
  );
}

/** Her units' inbox: overdue first (in red, with how late), then by deadline. */
export function Inbox(): ReactElement {
  const [status, setStatus] = useState<Status>("open");
  const [category, setCategory] = useState("");
  const [overdue, setOverdue] = useState(false);
  const [categories, setCategories] = useState<Category[]>([]);
  const [res, setRes] = useState<Load>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    api
      .categories()
      .then((r) => setCategories(r.items))
      .catch(() => setCategories([]));
  }, []);

  useEffect(() => {
    let live = true;
    setRes({ status: "loading" });
    api
      .inbox({ status, ...(category ? { category } : {}), ...(overdue ? { overdue: true } : {}) })
      .then((r) => live && setRes({ status: "done", items: r.items, total: r.total }))
      .catch((err) => live && setRes({ status: "error", message: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [status, category, overdue, attempt]);

  return (
    <div className="hs-form" data-testid="inbox">
      <div className="hs-segments" role="tablist" aria-label="Trạng thái">
        {STATUSES.map((s) => (
          <button key={s.value} type="button" role="tab" aria-selected={status === s.value} className="hs-segment" onClick={() => setStatus(s.value)}>
            {s.label}
          </button>
        ))}
      </div>
      <div className="hs-filters">
        <label className="hs-select">
          <span className="hs-card-label">Lĩnh vực</span>
          <select value={category} onChange={(e) => setCategory(e.target.value)} aria-label="Lọc theo lĩnh vực">
            <option value="">Tất cả lĩnh vực</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" role="switch" aria-checked={overdue} className="hs-switch-row hs-switch-compact" onClick={() => setOverdue((v) => !v)}>
          <span className="hs-grow hs-choice-title">Chỉ việc quá hạn</span>
          <span className="hs-switch" aria-hidden="true">
            <span className="hs-switch-knob" />
          </span>
        </button>
      </div>
      {res.status === "loading" && <Loading text="Đang tải hộp việc…" />}
      {res.status === "error" && <ErrorState message={res.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {res.status === "done" && res.items.length === 0 && <p className="hs-card hs-muted">Không có việc nào khớp bộ lọc này.</p>}
      {res.status === "done" && res.items.length > 0 && (
        <>
          <p className="hs-section-note">
            {res.total} việc{res.total > res.items.length ? ` (đang hiện ${res.items.length})` : ""}
          </p>
          <ul className="hs-choices" aria-label="Hộp việc">
            {res.items.map((it) => (
              <InboxRow key={it.assignmentId} item={it} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
