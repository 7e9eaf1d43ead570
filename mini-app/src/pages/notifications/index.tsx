import { useEffect, useState, type ReactElement } from "react";
import { useNavigate } from "react-router-dom";
import { Button } from "zmp-ui";
import type { NotificationItem } from "@hoiso/shared";
import { api, errorMessage } from "../../api.js";
import { Icon } from "../../components/icons.js";
import { PageHeader } from "../../components/PageHeader.js";
import { ErrorState, Loading } from "../../components/States.js";
import { noticeTime, sourceRoute } from "./notificationText.js";
import "./notifications.css";

const PAGE = 30;

type Load =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "done"; items: NotificationItem[]; unread: number; more: boolean };

/** Thông báo: what the Hội has told her — about what she sent, a cán bộ about her work, any module's news — newest first. */
export default function NotificationsPage(): ReactElement {
  const navigate = useNavigate();
  const [res, setRes] = useState<Load>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [opening, setOpening] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    let live = true;
    setRes({ status: "loading" });
    api
      .notifications({ limit: PAGE })
      .then((r) => live && setRes({ status: "done", items: r.items, unread: r.unread, more: r.items.length === PAGE }))
      .catch((err) => live && setRes({ status: "error", message: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [attempt]);

  async function open(n: NotificationItem): Promise<void> {
    if (opening) return;
    if (!n.readAt) {
      setOpening(n.id);
      // Opening the item is what she came for: a failed "read" mark must not keep her here; it stays unread and is retried next tap.
      await api.markNotificationRead(n.id).catch(() => undefined);
      setOpening(null);
    }
    navigate(sourceRoute(n.source));
  }

  async function more(): Promise<void> {
    if (res.status !== "done") return;
    setLoadingMore(true);
    try {
      const r = await api.notifications({ limit: PAGE, offset: res.items.length });
      setRes({ status: "done", items: [...res.items, ...r.items], unread: r.unread, more: r.items.length === PAGE });
    } catch {
      // The first page is still on screen; she can press again.
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <div className="hs-page" data-testid="notifications">
      <PageHeader title="Thông báo" back />
      <div className="hs-form">
        {res.status === "loading" && <Loading text="Đang tải thông báo…" />}
        {res.status === "error" && <ErrorState message={res.message} onRetry={() => setAttempt((n) => n + 1)} />}
        {res.status === "done" && res.items.length === 0 && (
          <section className="hs-card" data-testid="notifications-empty">
            <p className="hs-card-title">Chị chưa có thông báo nào.</p>
            <p className="hs-muted">Khi chị gửi phản ánh, Hội Số sẽ báo cho chị ở đây mỗi khi có tiến triển.</p>
          </section>
        )}
        {res.status === "done" && res.items.length > 0 && (
          <>
            <p className="hs-muted" data-testid="notifications-unread">
              {res.unread > 0 ? `Chị có ${res.unread} thông báo chưa đọc.` : "Chị đã đọc hết thông báo."}
            </p>
            <ul className="hs-choices" aria-label="Thông báo của chị">
              {res.items.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    className={`hs-choice hs-notice${n.readAt ? "" : " hs-notice-unread"}`}
                    data-testid="notice"
                    data-source={n.source.module}
                    data-unread={n.readAt ? "false" : "true"}
                    disabled={opening !== null}
                    onClick={() => void open(n)}
                  >
                    <span className={`hs-notice-dot${n.readAt ? " hs-notice-dot-read" : ""}`} aria-label={n.readAt ? undefined : "Chưa đọc"} />
                    <span className="hs-grow">
                      <span className="hs-notice-text">{n.text}</span>
                      <span className="hs-notice-meta">{noticeTime(n.createdAt)}</span>
                    </span>
                    <Icon name="chevron" />
                  </button>
                </li>
              ))}
            </ul>
            {res.more && (
              <Button variant="secondary" fullWidth loading={loadingMore} onClick={() => void more()}>
                Xem thêm thông báo cũ hơn
              </Button>
            )}
          </>
        )}
      </div>
    </div>
  );
}
