import { useEffect, useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import type { PendingMember } from "@hoiso/shared";
import { api, errorMessage } from "../../api.js";
import { useNotify } from "../../components/notify.js";
import { ErrorState, Loading } from "../../components/States.js";
import { formatDate } from "../../i18n/format.js";
import { useCanboT } from "./i18n/index.js";

type Load = { status: "loading" } | { status: "done"; items: PendingMember[] } | { status: "error"; message: string };

export function PendingList({ unitId }: { unitId: string }): ReactElement {
  const notify = useNotify();
  const t = useCanboT();
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
      notify.ok(t("pending.confirmed", { name: m.name, unit: m.unitName }));
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  if (res.status === "loading") return <Loading text={t("pending.loading")} />;
  if (res.status === "error") return <ErrorState message={res.message} onRetry={() => setAttempt((n) => n + 1)} />;
  if (res.items.length === 0) return <p className="hs-card hs-muted">{t("pending.empty")}</p>;
  return (
    <ul className="hs-pending" aria-label={t("pending.label")}>
      {res.items.map((m) => (
        <li key={m.id} className="hs-card">
          <p className="hs-card-title">{m.name}</p>
          <p className="hs-muted">
            {t("pending.requested", { unit: m.unitName, day: formatDate(m.requestedAt) })}
          </p>
          <Button fullWidth loading={busy === m.id} disabled={busy !== null} onClick={() => void confirm(m)}>
            {t("pending.confirm")}
          </Button>
        </li>
      ))}
    </ul>
  );
}
