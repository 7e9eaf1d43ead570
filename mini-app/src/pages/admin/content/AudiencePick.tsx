import { useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { Input } from "zmp-ui";
import { CONTENT_LIMITS, PROFILE_TAG_GROUP_LABEL, PROFILE_TAG_GROUPS, PROFILE_TAG_LABEL, PROFILE_TAG_VOCABULARY } from "@hoiso/shared/domain";
import { unitQueries } from "../../../api/units.js";
import { Icon } from "../../../components/icons.js";
import { QueryState } from "../../../components/States.js";
import { useDebounced } from "../../../components/useDebounced.js";
import { useAdminContentT } from "./i18n/index.js";

/**
 * Who an article or guide is for: units of the publishing unit's subtree (none chosen = the publishing unit and all
 * below it), and optionally profile tags (none = every woman of those units). The search is the unit tree's own
 * (diacritics optional), limited to the publishing unit's subtree; the server checks the scope again.
 */
export function AudiencePick({
  unitId,
  unitName,
  targets,
  tags,
  onTargets,
  onTags,
}: {
  unitId: string;
  unitName: string;
  targets: string[];
  tags: string[];
  onTargets: (ids: string[]) => void;
  onTags: (tags: string[]) => void;
}): ReactElement {
  const t = useAdminContentT();
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 350);
  const search = useQuery({
    ...unitQueries.list({ q: query, parentId: unitId }),
    enabled: query.length >= 2 && unitId !== "",
    select: (r) => r.items.filter((u) => u.active && !targets.includes(u.id)),
  });
  const toggleTag = (tag: string) => onTags(tags.includes(tag) ? tags.filter((x) => x !== tag) : [...tags, tag]);

  return (
    <section className="hs-card hs-content-audience" data-testid="content-audience">
      <p className="hs-card-title">{t("target.units")}</p>
      <p className="hs-muted hs-small" data-testid="content-targets-summary">
        {targets.length === 0 ? t("target.unitsAll", { unit: unitName }) : t("target.unitsSome")}
      </p>
      {targets.length > 0 && (
        <div className="hs-chips" data-testid="content-targets">
          {targets.map((id) => (
            <UnitChip key={id} id={id} onRemove={() => onTargets(targets.filter((x) => x !== id))} />
          ))}
        </div>
      )}
      {targets.length < CONTENT_LIMITS.targetsMax && (
        <>
          <Input
            label={t("target.search")}
            placeholder={t("target.searchPlaceholder")}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-testid="content-target-search"
            prefix={
              <span className="hs-input-icon">
                <Icon name="search" size={20} />
              </span>
            }
            clearable
          />
          <p className="hs-muted hs-small">{t("target.searchHint")}</p>
          {query.length >= 2 && (
            <QueryState query={search} loadingText={t("target.searching")}>
              {(items) =>
                items.length === 0 ? (
                  <p className="hs-muted hs-small">{t("target.none", { query })}</p>
                ) : (
                  <ul className="hs-choices" aria-label={t("target.results")}>
                    {items.map((u) => (
                      <li key={u.id}>
                        <button
                          type="button"
                          className="hs-choice"
                          aria-label={t("target.add", { unit: u.name })}
                          onClick={() => {
                            onTargets([...targets, u.id]);
                            setQ("");
                          }}
                        >
                          <span className="hs-grow">
                            <span className="hs-choice-title">{u.name}</span>
                            {u.parentName && <span className="hs-choice-hint">{u.parentName}</span>}
                          </span>
                          <Icon name="chevron" />
                        </button>
                      </li>
                    ))}
                  </ul>
                )
              }
            </QueryState>
          )}
        </>
      )}

      <p className="hs-card-title hs-content-audience-tags">{t("target.tags")}</p>
      <p className="hs-muted hs-small">{t("target.tagsHint")}</p>
      <p className="hs-muted hs-small">{t("target.tagsPrivate")}</p>
      {PROFILE_TAG_GROUPS.map((g) => (
        <div key={g} className="hs-content-tag-group">
          <span className="hs-card-label">{PROFILE_TAG_GROUP_LABEL[g]}</span>
          <div className="hs-chips" role="group" aria-label={PROFILE_TAG_GROUP_LABEL[g]}>
            {PROFILE_TAG_VOCABULARY[g].values.map((v) => {
              const tag = `${g}:${v}`;
              return (
                <button key={tag} type="button" role="checkbox" aria-checked={tags.includes(tag)} className="hs-chip" data-tag={tag} onClick={() => toggleTag(tag)}>
                  {PROFILE_TAG_LABEL[tag] ?? tag}
                </button>
              );
            })}
          </div>
        </div>
      ))}
    </section>
  );
}

/** A chosen unit, named from the unit tree (kept for the session), removed with one tap. */
function UnitChip({ id, onRemove }: { id: string; onRemove: () => void }): ReactElement {
  const t = useAdminContentT();
  const unit = useQuery(unitQueries.detail(id));
  const name = unit.data?.unit.name ?? t("target.loading");
  return (
    <button type="button" className="hs-chip hs-content-target" aria-checked="true" role="checkbox" aria-label={t("target.remove", { unit: name })} onClick={onRemove}>
      {name}
    </button>
  );
}
