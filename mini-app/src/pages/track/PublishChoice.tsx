import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { publicRecordMutations, publicRecordQueries } from "../../api/publicRecord.js";
import { useChange } from "../../components/useChange.js";
import { useTrackT } from "./i18n/index.js";

/**
 * Her answer to "may the result go on Kết quả xử lý?", which she may change until a cán bộ publishes it; shown only
 * for an item that may be offered at all (the server says so: `offered`).
 */
export function PublishChoice({ id }: { id: string }): ReactElement | null {
  const t = useTrackT();
  const mine = useQuery(publicRecordQueries.mine(id));
  const change = useChange(publicRecordMutations.consent(id));
  const p = mine.data;
  if (!p?.offered) return null;
  if (p.state === "published") {
    return (
      <section className="hs-card" data-testid="publish-choice">
        <p className="hs-muted">{t("publish.published")}</p>
      </section>
    );
  }
  return (
    <section className="hs-card" data-testid="publish-choice">
      <label className="hs-check">
        <input
          type="checkbox"
          checked={p.consent}
          disabled={change.busy || !p.changeable}
          onChange={(e) => void change.run(e.target.checked, (r) => (r.consent ? t("publish.agreed") : t("publish.withdrawn")))}
        />
        <span>{t("publish.label")}</span>
      </label>
      <p className="hs-muted hs-small">{p.state === "declined" ? t("publish.declined") : t("publish.hint")}</p>
    </section>
  );
}
