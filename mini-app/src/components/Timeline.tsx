import type { ReactElement } from "react";
import { useCommonT } from "../i18n/common/index.js";
import { formatDateTime } from "../i18n/format.js";
import "./feedback.css";

export interface TimelineEntry {
  id: number;
  type: string;
  message: string;
  at: string;
  unitName?: string | null;
  /** Staff view only. */
  actorName?: string | null;
  note?: string | null;
  visibleToAuthor?: boolean;
}

const TONE: Record<string, "done" | "wait" | "alert"> = {
  replied: "done",
  resolved: "done",
  closed: "done",
  escalated: "alert",
  reopened: "alert",
  follow_up_asked: "wait",
};

/** Newest at the bottom, like a conversation: what happened, where, when. */
export function Timeline({ events, staff = false }: { events: readonly TimelineEntry[]; staff?: boolean }): ReactElement {
  const t = useCommonT();
  if (events.length === 0) return <p className="hs-muted">{t("timeline.empty")}</p>;
  return (
    <ol className="hs-timeline" aria-label={t("timeline.label")}>
      {events.map((e) => (
        <li key={e.id} className={`hs-tl hs-tl-${TONE[e.type] ?? "plain"}`} data-type={e.type}>
          <span className="hs-tl-dot" aria-hidden="true" />
          <div className="hs-tl-body">
            <p className="hs-tl-msg">{e.message}</p>
            {staff && e.note && <p className="hs-tl-note">{t("timeline.note", { note: e.note })}</p>}
            <p className="hs-tl-meta">
              {formatDateTime(e.at)}
              {e.unitName ? ` · ${e.unitName}` : ""}
              {staff && e.actorName ? ` · ${e.actorName}` : ""}
              {staff && e.visibleToAuthor === false ? ` · ${t("timeline.staffOnly")}` : ""}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
