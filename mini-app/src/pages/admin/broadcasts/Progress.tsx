import { useQuery } from "@tanstack/react-query";
import type { ChannelProgress } from "@hoiso/shared";
import { useState, type ReactElement } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import { broadcastMutations, broadcastQueries } from "../../../api/broadcasts.js";
import { ConfirmModal } from "../../../components/ConfirmModal.js";
import { QueryState } from "../../../components/States.js";
import { useChange } from "../../../components/useChange.js";
import { formatDateTime } from "../../../i18n/format.js";
import { useAdminBroadcastsT } from "./i18n/index.js";
import type vi from "./i18n/vi.js";

type Reason = keyof (typeof vi)["reason"];

function Failed({ p }: { p: ChannelProgress }): ReactElement | null {
  const t = useAdminBroadcastsT();
  const entries = Object.entries(p.failed).filter(([, n]) => n > 0);
  if (entries.length === 0) return null;
  return (
    <ul className="hs-muted hs-small">
      {entries.map(([r, n]) => (
        <li key={r}>{t("compose.notReached", { n, reason: t(`reason.${r as Reason}`) })}</li>
      ))}
    </ul>
  );
}

/** Progress per unit while it goes out (refreshed every few seconds), and cancel of what has not gone out. */
export function Progress(): ReactElement {
  const t = useAdminBroadcastsT();
  const navigate = useNavigate();
  const { id = "" } = useParams();
  const detail = useQuery(broadcastQueries.adminDetail(id));
  const cancel = useChange(broadcastMutations.cancel());
  const [asking, setAsking] = useState(false);
  return (
    <QueryState query={detail}>
      {(b) => (
        <div className="hs-form" data-testid="broadcast-progress">
          <section className="hs-card">
            <span className="hs-card-label">
              {b.unit.name} · {t(`status.${b.status}`)} · {formatDateTime(b.sendAt)}
            </span>
            <h2 className="hs-bc-title">{b.title}</h2>
            <p className="hs-bc-body">{b.body}</p>
            <p data-testid="broadcast-totals">{t("progress.totals", { recipients: b.totals.recipients, read: b.totals.read })}</p>
            {b.channels.map((c) => (
              <div key={c}>
                <p>{t("progress.channelLine", { channel: t(`channel.${c}`), queued: b.totals[c].queued, sent: b.totals[c].sent })}</p>
                <Failed p={b.totals[c]} />
              </div>
            ))}
          </section>
          <table className="hs-bc-progress" data-testid="broadcast-units">
            <thead>
              <tr>
                <th>{t("progress.unit")}</th>
                <th>{t("progress.recipients")}</th>
                <th>{t("progress.read")}</th>
                <th>{t("progress.sent")}</th>
                <th>{t("progress.queued")}</th>
              </tr>
            </thead>
            <tbody>
              {b.units.map((u) => (
                <tr key={u.unit.id} data-testid="broadcast-unit-row">
                  <td>{u.unit.name}</td>
                  <td>{u.recipients}</td>
                  <td data-testid="unit-read">{u.read}</td>
                  <td>{u.oa.sent + u.zns.sent}</td>
                  <td>{u.oa.queued + u.zns.queued}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(b.status === "scheduled" || b.status === "expanding" || b.status === "sending") && (
            <Button variant="secondary" fullWidth loading={cancel.busy} onClick={() => setAsking(true)}>
              {t("progress.cancel")}
            </Button>
          )}
          <Button variant="tertiary" fullWidth onClick={() => navigate("/quan-tri/thong-bao")}>
            {t("compose.back")}
          </Button>
          <ConfirmModal
            open={asking}
            title={t("progress.cancel")}
            text={t("progress.cancelConfirm")}
            confirm={t("progress.cancel")}
            onCancel={() => setAsking(false)}
            onConfirm={() => {
              setAsking(false);
              void cancel.run(b.id, (r) => t("progress.cancelled", { n: r.cancelled }));
            }}
          />
        </div>
      )}
    </QueryState>
  );
}
