import { useState, type ReactElement } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Input } from "zmp-ui";
import type { Me } from "@hoiso/shared";
import { adminQueries } from "../../api/admin.js";
import { Icon } from "../../components/icons.js";
import { QueryState } from "../../components/States.js";
import { useDebounced } from "../../components/useDebounced.js";
import { MemberDetail } from "./MemberDetail.js";
import { useCommonT } from "../../i18n/common/index.js";
import { useAdminT } from "./i18n/index.js";

/** Search on the left, the chosen member on the right (one column on a phone: the list gives way to her card). */
export function Members({ me }: { me: Me }): ReactElement {
  const t = useAdminT();
  const tc = useCommonT();
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 350);
  const [pendingOnly, setPendingOnly] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  // While a new search loads, the last results (and the member open beside them) stay.
  const members = useQuery({ ...adminQueries.members({ q: query || undefined, status: pendingOnly ? "pending" : undefined }), placeholderData: keepPreviousData });
  // Her card reads the list, so a change (which refreshes the list) shows on it too.
  const chosen = members.data?.items.find((m) => m.id === selected);

  return (
    <div className={`hs-admin-split${chosen ? " has-detail" : ""}`}>
      <section className="hs-admin-list" aria-label={t("members.listLabel")}>
        <Input
          label={t("members.search")}
          placeholder={t("members.searchPlaceholder")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          prefix={
            <span className="hs-input-icon">
              <Icon name="search" size={20} />
            </span>
          }
          clearable
          data-testid="member-search"
        />
        <p className="hs-muted hs-small">{t("members.searchHint")}</p>
        <button type="button" role="switch" aria-checked={pendingOnly} className="hs-switch-row hs-switch-compact" onClick={() => setPendingOnly((v) => !v)}>
          <span className="hs-grow hs-choice-title">{t("members.pendingOnly")}</span>
          <span className="hs-switch" aria-hidden="true">
            <span className="hs-switch-knob" />
          </span>
        </button>
        <QueryState query={members} loadingText={t("members.searching")}>
          {(res) =>
            res.items.length === 0 ? (
              <p className="hs-card hs-muted">{t("members.none")}</p>
            ) : (
              <ul className="hs-choices">
                {res.items.map((m) => (
                  <li key={m.id}>
                    <button type="button" className={`hs-choice${m.id === selected ? " hs-choice-soft" : ""}`} data-testid="member-row" onClick={() => setSelected(m.id)}>
                      <span className="hs-grow">
                        <span className="hs-choice-title">{m.name}</span>
                        <span className="hs-choice-hint">
                          {m.unitName ? `${m.unitName} · ${t(`membership.${m.membershipStatus}`)}` : t("membership.none")}
                          {m.roles.length > 0 ? ` · ${[...new Set(m.roles.map((r) => tc(`role.${r.role}`)))].join(", ")}` : ""}
                        </span>
                      </span>
                      <Icon name="chevron" />
                    </button>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
        {members.data?.truncated && <p className="hs-muted hs-small">{t("members.truncated")}</p>}
      </section>
      <section className="hs-admin-detail" aria-label={t("members.detailLabel")}>
        {chosen ? (
          <MemberDetail key={chosen.id} member={chosen} me={me} onClose={() => setSelected(null)} />
        ) : (
          <p className="hs-card hs-muted hs-admin-placeholder">{t("members.placeholder")}</p>
        )}
      </section>
    </div>
  );
}
