import type { ReactElement } from "react";
import type { SubmissionStatus } from "@hoiso/shared";
import { useCommonT } from "../../i18n/common/index.js";

const TONE: Record<SubmissionStatus, string> = {
  received: "wait",
  forwarded: "wait",
  acknowledged: "work",
  replied: "done",
  resolved: "done",
  closed: "plain",
};

export function StatusChip({ status }: { status: SubmissionStatus }): ReactElement {
  const t = useCommonT();
  return <span className={`hs-chip-status hs-chip-status-${TONE[status]}`}>{t(`status.${status}`)}</span>;
}
