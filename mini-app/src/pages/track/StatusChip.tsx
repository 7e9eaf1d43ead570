import type { ReactElement } from "react";
import type { SubmissionStatus } from "@hoiso/shared";
import { STATUS_LABEL } from "../../components/feedbackText.js";

const TONE: Record<SubmissionStatus, string> = {
  received: "wait",
  forwarded: "wait",
  acknowledged: "work",
  replied: "done",
  resolved: "done",
  closed: "plain",
};

export function StatusChip({ status }: { status: SubmissionStatus }): ReactElement {
  return <span className={`hs-chip-status hs-chip-status-${TONE[status]}`}>{STATUS_LABEL[status]}</span>;
}
