import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import type { ContentStatusCode } from "@hoiso/shared/domain";
import { contentAdminMutations, contentAdminQueries, type ContentKind } from "../../../api/content.js";
import { errorMessage } from "../../../api/http.js";
import { mediaMutations } from "../../../api/media.js";
import { ConfirmModal } from "../../../components/ConfirmModal.js";
import { QueryState } from "../../../components/States.js";
import { useChange } from "../../../components/useChange.js";
import { useMe } from "../../../state.js";
import { formatDateTime } from "../../../i18n/format.js";
import { useAdminContentT } from "./i18n/index.js";

export function StatusChip({ status }: { status: ContentStatusCode }): ReactElement {
  const t = useAdminContentT();
  return <span className={`hs-learn-badge hs-content-status-${status}`}>{t(`status.${status}`)}</span>;
}

/** The units she may publish for: those of her cán bộ and admin roles. */
export function UnitPick({ value, onChange }: { value: string; onChange: (id: string) => void }): ReactElement {
  const t = useAdminContentT();
  const me = useMe();
  const units = [...new Map(me.roles.map((r) => [r.unitId, r.unitName])).entries()];
  return (
    <label className="hs-select">
      <span className="hs-card-label">{t("form.unit")}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="content-unit">
        {units.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
      <span className="hs-muted hs-small">{t("form.unitHint")}</span>
    </label>
  );
}

export const firstUnit = (me: ReturnType<typeof useMe>) => me.roles[0]?.unitId ?? "";

/** The publishing unit's name: from her roles, else (a colleague's item) from the item itself. */
export const unitNameOf = (me: ReturnType<typeof useMe>, unitId: string, item: { unitId: string; unitName: string } | null) =>
  me.roles.find((r) => r.unitId === unitId)?.unitName ?? (item?.unitId === unitId ? item.unitName : "");

/** An image or audio file she uploads (the server checks its type and size); the id goes into the form. */
export function MediaPick({ label, accept, value, onChange, testId }: { label: string; accept: string; value: string | null; onChange: (id: string | null) => void; testId: string }): ReactElement {
  const t = useAdminContentT();
  const upload = useMutation(mediaMutations.upload());
  return (
    <div className="hs-content-media">
      <span className="hs-card-label">{label}</span>
      {value && <span className="hs-muted hs-small">{t("form.hasFile")}</span>}
      <input
        type="file"
        accept={accept}
        data-testid={testId}
        aria-label={label}
        disabled={upload.isPending}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate({ file, name: file.name }, { onSuccess: (m) => onChange(m.id) });
        }}
      />
      {upload.isPending && <span className="hs-muted hs-small">{t("form.uploading")}</span>}
      {upload.isError && <span className="hs-state-error">{errorMessage(upload.error)}</span>}
      {value && (
        <Button size="small" variant="tertiary" onClick={() => onChange(null)}>
          {t("form.remove")}
        </Button>
      )}
    </div>
  );
}

/** Publish now, schedule, or take back to a draft; the server refuses a time in the past with its own message. */
export function PublishPanel({ kind, id, status, publishAt }: { kind: ContentKind; id: string; status: ContentStatusCode; publishAt: string | null }): ReactElement {
  const t = useAdminContentT();
  const change = useChange(contentAdminMutations.status(kind, id));
  const [notify, setNotify] = useState(true);
  const [at, setAt] = useState("");
  const [asking, setAsking] = useState(false);
  return (
    <section className="hs-card" aria-label={t("publish.title")} data-testid="publish-panel">
      <p className="hs-card-title">{t("publish.title")}</p>
      <p className="hs-content-row-meta">
        <StatusChip status={status} />
        {publishAt && <span className="hs-muted hs-small">{t("list.goesOut", { at: formatDateTime(publishAt) })}</span>}
      </p>
      {kind === "articles" && (
        <label className="hs-learn-switch">
          <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
          <span>{t("publish.notify")}</span>
        </label>
      )}
      <Button fullWidth loading={change.busy} disabled={change.busy} onClick={() => void change.run({ action: "publish", notify }, t("publish.published"))}>
        {t("publish.now")}
      </Button>
      <div className="hs-content-schedule">
        <label className="hs-select">
          <span className="hs-card-label">{t("publish.at")}</span>
          <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        </label>
        <Button
          variant="secondary"
          disabled={change.busy || !at}
          onClick={() => void change.run({ action: "schedule", publishAt: new Date(at).toISOString(), notify }, t("publish.scheduled"))}
        >
          {t("publish.schedule")}
        </Button>
      </div>
      {status !== "draft" && (
        <Button variant="tertiary" fullWidth disabled={change.busy} onClick={() => setAsking(true)}>
          {t("publish.unpublish")}
        </Button>
      )}
      <ConfirmModal
        open={asking}
        title={t("publish.unpublishAsk")}
        text={t("publish.unpublishText")}
        confirm={t("publish.unpublish")}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void change.run({ action: "unpublish" }, t("publish.unpublished"));
        }}
      />
    </section>
  );
}

/** Opened, read to the end, studied — in total and by unit. */
export function ReachPanel({ id }: { id: string }): ReactElement {
  const t = useAdminContentT();
  const reach = useQuery(contentAdminQueries.reach(id));
  return (
    <section className="hs-card" aria-label={t("reach.title")} data-testid="reach-panel">
      <p className="hs-card-title">{t("reach.title")}</p>
      <QueryState query={reach}>
        {(r) => (
          <div className="hs-content-table-wrap">
            <table className="hs-content-table">
              <thead>
                <tr>
                  <th>{t("reach.unit")}</th>
                  <th>{t("reach.opened")}</th>
                  <th>{t("reach.readToEnd")}</th>
                  <th>{t("reach.studied")}</th>
                </tr>
              </thead>
              <tbody>
                <tr className="hs-content-total">
                  <td>{t("reach.total")}</td>
                  <td>{r.total.opened}</td>
                  <td>{r.total.readToEnd}</td>
                  <td>{r.total.studied}</td>
                </tr>
                {r.units.map((u) => (
                  <tr key={u.unitId}>
                    <td>{u.unitName}</td>
                    <td>{u.opened}</td>
                    <td>{u.readToEnd}</td>
                    <td>{u.studied}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
