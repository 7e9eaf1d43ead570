import type { ReactElement } from "react";
import type { SubmissionStatus, SubmissionView } from "@hoiso/shared";
import { useTrackT } from "./i18n/index.js";

const ORDER: SubmissionStatus[] = ["received", "forwarded", "acknowledged", "replied", "resolved", "closed"];
const reached = (s: SubmissionStatus, step: SubmissionStatus) => ORDER.indexOf(s) >= ORDER.indexOf(step);

/** The four steps she cares about, with the unit's name where Hội Số knows it. */
export function Progress({ item }: { item: SubmissionView }): ReactElement {
  const t = useTrackT();
  const forwardedTo =
    item.handlingUnits[0]?.unitName ?? [...item.timeline].reverse().find((e) => e.type === "forwarded" && e.unitName)?.unitName ?? null;
  const done = item.status === "resolved" || item.status === "closed";
  const steps = [
    { label: t("progress.received"), on: true },
    { label: forwardedTo ? t("progress.forwardedTo", { unit: forwardedTo }) : t("progress.forwarding"), on: reached(item.status, "forwarded") },
    { label: t("progress.acknowledged"), on: reached(item.status, "acknowledged") },
    {
      // Closed as a complaint or denunciation the Hội did not solve it: the last step says where it went instead.
      label: item.legalRoute ? t(`progress.legal.${item.legalRoute}`) : done ? t("progress.resolved") : t("progress.reply"),
      on: reached(item.status, "replied"),
    },
  ];
  return (
    <ol className="hs-steps" aria-label={t("progress.label")} data-testid="progress">
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
