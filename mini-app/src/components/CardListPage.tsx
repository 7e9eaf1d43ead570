import type { ReactElement, ReactNode } from "react";
import { PageHeader } from "./PageHeader.js";
import { QueryState } from "./States.js";

/**
 * A member's list screen (Góp ý, Khảo sát…): the header with Back, the server read's states, a card saying there is
 * nothing yet, else one button-card per item that opens it.
 */
export function CardListPage<I extends { id: string }>({
  title,
  query,
  none,
  label,
  listClass,
  cardClass,
  testId,
  onOpen,
  children,
}: {
  title: string;
  query: { data: { items: I[] } | undefined; error: unknown; refetch: () => unknown };
  /** What she reads when there is nothing to show. */
  none: string;
  /** The list's accessible name. */
  label: string;
  listClass: string;
  cardClass: string;
  testId: string;
  onOpen: (item: I) => void;
  /** The card's content. */
  children: (item: I) => ReactNode;
}): ReactElement {
  return (
    <div className="hs-page">
      <PageHeader title={title} back />
      <QueryState query={query}>
        {(l) =>
          l.items.length === 0 ? (
            <p className="hs-card hs-muted">{none}</p>
          ) : (
            <ul className={listClass} aria-label={label}>
              {l.items.map((item) => (
                <li key={item.id}>
                  <button type="button" className={`hs-card ${cardClass}`} onClick={() => onOpen(item)} data-testid={testId}>
                    {children(item)}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}
