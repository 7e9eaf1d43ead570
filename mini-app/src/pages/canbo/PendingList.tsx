import { useState, type ReactElement } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "zmp-ui";
import type { PendingMember } from "@hoiso/shared";
import { errorMessage } from "../../api/http.js";
import { unitMutations, unitQueries } from "../../api/units.js";
import { useNotify } from "../../components/notify.js";
import { QueryState } from "../../components/States.js";
import { formatDate } from "../../i18n/format.js";
import { useCanboT } from "./i18n/index.js";

export function PendingList({ unitId }: { unitId: string }): ReactElement {
  const notify = useNotify();
  const t = useCanboT();
  const pending = useQuery(unitQueries.pending(unitId));
  const confirmMember = useMutation(unitMutations.confirmMember()).mutateAsync;
  const [busy, setBusy] = useState<string | null>(null);

  async function confirm(m: PendingMember) {
    setBusy(m.id);
    try {
      await confirmMember(m.id);
      notify.ok(t("pending.confirmed", { name: m.name, unit: m.unitName }));
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <QueryState query={pending} loadingText={t("pending.loading")}>
      {({ items }) => (items.length === 0 ? <p className="hs-card hs-muted">{t("pending.empty")}</p> : <Members items={items} busy={busy} confirm={confirm} />)}
    </QueryState>
  );
}

function Members({ items, busy, confirm }: { items: PendingMember[]; busy: string | null; confirm: (m: PendingMember) => Promise<void> }): ReactElement {
  const t = useCanboT();
  return (
    <ul className="hs-pending" aria-label={t("pending.label")}>
      {items.map((m) => (
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
