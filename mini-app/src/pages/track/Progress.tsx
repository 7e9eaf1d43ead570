import type { ReactElement } from "react";
import type { SubmissionStatus, SubmissionView } from "@hoiso/shared";

const ORDER: SubmissionStatus[] = ["received", "forwarded", "acknowledged", "replied", "resolved", "closed"];
const reached = (s: SubmissionStatus, step: SubmissionStatus) => ORDER.indexOf(s) >= ORDER.indexOf(step);

/** The four steps she cares about, with the unit's name where Hội Số knows it. */
export function Progress({ item }: { item: SubmissionView }): ReactElement {
  const forwardedTo =
    item.handlingUnits[0]?.unitName ?? [...item.timeline].reverse().find((e) => e.type === "forwarded" && e.unitName)?.unitName ?? null;
  const done = item.status === "resolved" || item.status === "closed";
  const steps = [
    { label: "Hội đã nhận", on: true },
    { label: forwardedTo ? `Đã chuyển đến ${forwardedTo}` : "Chuyển đến cán bộ phụ trách", on: reached(item.status, "forwarded") },
    { label: "Cán bộ đã tiếp nhận", on: reached(item.status, "acknowledged") },
    { label: done ? "Đã giải quyết" : "Trả lời chị", on: reached(item.status, "replied") },
  ];
  return (
    <ol className="hs-steps" aria-label="Các bước xử lý" data-testid="progress">
      {steps.map((s, i) => (
        <li key={i} className={s.on ? "hs-step hs-step-on" : "hs-step"} aria-current={s.on && !steps[i + 1]?.on ? "step" : undefined}>
          <span className="hs-step-dot" aria-hidden="true">
            {s.on ? "✓" : i + 1}
          </span>
          <span>{s.label}</span>
        </li>
      ))}
    </ol>
  );
}
