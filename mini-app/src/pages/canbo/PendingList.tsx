import { useEffect, useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import type { PendingMember } from "@hoiso/shared";
import { api, errorMessage } from "../../api.js";
import { useNotify } from "../../components/notify.js";
import { ErrorState, Loading } from "../../components/States.js";

type Load = { status: "loading" } | { status: "done"; items: PendingMember[] } | { status: "error"; message: string };

const when = (iso: string) => new Date(iso).toLocaleDateString("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric" });

export function PendingList({ unitId }: { unitId: string }): ReactElement {
  const notify = useNotify();
  const [res, setRes] = useState<Load>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setRes({ status: "loading" });
    api
      .pendingMembers(unitId)
      .then((r) => live && setRes({ status: "done", items: r.items }))
      .catch((err) => live && setRes({ status: "error", message: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [unitId, attempt]);

  async function confirm(m: PendingMember) {
    setBusy(m.id);
    try {
      await api.confirmMember(m.id);
      setRes((r) => (r.status === "done" ? { ...r, items: r.items.filter((x) => x.id !== m.id) } : r));
      notify.ok(`Đã xác nhận chị ${m.name} là hội viên ${m.unitName}.`);
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  if (res.status === "loading") return <Loading text="Đang tải danh sách…" />;
  if (res.status === "error") return <ErrorState message={res.message} onRetry={() => setAttempt((n) => n + 1)} />;
  if (res.items.length === 0) return <p className="hs-card hs-muted">Hiện không có ai chờ xác nhận. Khi có chị em mới đăng ký, danh sách sẽ hiện ở đây.</p>;
  return (
    <ul className="hs-pending" aria-label="Hội viên chờ xác nhận">
      {res.items.map((m) => (
        <li key={m.id} className="hs-card">
          <p className="hs-card-title">{m.name}</p>
          <p className="hs-muted">
            {m.unitName} · đăng ký ngày {when(m.requestedAt)}
          </p>
          <Button fullWidth loading={busy === m.id} disabled={busy !== null} onClick={() => void confirm(m)}>
            Xác nhận hội viên
          </Button>
        </li>
      ))}
    </ul>
  );
}
