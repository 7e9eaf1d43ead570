import type { ReactElement, ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import { Icon, type IconName } from "./icons.js";

/** A way into a section from an overview: its icon, its name, a line on what waits there, and the chevron. */
export function EntryCard({
  to,
  icon,
  title,
  hint,
  testId,
  className = "",
  children,
}: {
  to: string;
  icon?: IconName;
  title: string;
  hint: string;
  testId: string;
  className?: string;
  /** Below the hint (e.g. an overdue warning). */
  children?: ReactNode;
}): ReactElement {
  const navigate = useNavigate();
  return (
    <button type="button" className={`hs-choice ${className}`.trim()} data-testid={testId} onClick={() => navigate(to)}>
      {icon && (
        <span className="hs-tile-icon">
          <Icon name={icon} size={28} />
        </span>
      )}
      <span className="hs-grow">
        <span className="hs-choice-title">{title}</span>
        <span className="hs-choice-hint">{hint}</span>
        {children}
      </span>
      <Icon name="chevron" />
    </button>
  );
}
