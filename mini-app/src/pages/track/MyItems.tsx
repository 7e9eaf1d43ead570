import { useEffect, useState, type ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import type { MySubmission } from "@hoiso/shared";
import { api, errorMessage } from "../../api.js";
import { formatDate, KIND_LABEL } from "../../components/feedbackText.js";
import { Icon } from "../../components/icons.js";
import { ErrorState, Loading } from "../../components/States.js";
import { StatusChip } from "./StatusChip.js";
import { CodeLookup } from "./CodeLookup.js";

type Load = { status: "loading" } | { status: "done"; items: MySubmission[] } | { status: "error"; message: string };

/** Everything she has sent, newest first, each with where it stands. */
export function MyItems({ onNew }: { onNew: () => void }): ReactElement {
  const navigate = useNavigate();
  const [res, setRes] = useState<Load>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setRes({ status: "loading" });
    api
      .mySubmissions()
      .then((r) => live && setRes({ status: "done", items: r.items }))
      .catch((err) => live && setRes({ status: "error", message: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [attempt]);

  return (
    <div className="hs-form" data-testid="my-items">
      {res.status === "loading" && <Loading text="Đang tải những việc chị đã gửi…" />}
      {res.status === "error" && <ErrorState message={res.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {res.status === "done" && res.items.length === 0 && (
        <section className="hs-card">
          <p className="hs-card-title">Chị chưa gửi phản ánh nào</p>
          <p className="hs-muted">Khi chị gửi, Hội Số sẽ cho chị biết từng bước: Hội nhận, chuyển tới cán bộ phụ trách, trả lời.</p>
          <button type="button" className="hs-link" onClick={onNew}>
            Gửi phản ánh đầu tiên <Icon name="chevron" size={18} />
          </button>
        </section>
      )}
      {res.status === "done" && res.items.length > 0 && (
        <ul className="hs-choices" aria-label="Việc chị đã gửi">
          {res.items.map((it) => (
            <li key={it.id}>
              <button type="button" className="hs-choice hs-item" onClick={() => navigate(`/phan-anh/theo-doi/${it.id}`)}>
                <span className="hs-grow">
                  <span className="hs-item-top">
                    <span className="hs-code-small">{it.trackingCode}</span>
                    <StatusChip status={it.status} />
                  </span>
                  <span className="hs-choice-title">
                    {KIND_LABEL[it.kind]} · {it.categoryName}
                  </span>
                  <span className="hs-item-excerpt">{it.excerpt}</span>
                  <span className="hs-choice-hint">
                    Gửi ngày {formatDate(it.createdAt)} · {it.originUnitName}
                    {it.anonymous ? " · ẩn danh" : ""}
                  </span>
                </span>
                <Icon name="chevron" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <CodeLookup />
    </div>
  );
}
