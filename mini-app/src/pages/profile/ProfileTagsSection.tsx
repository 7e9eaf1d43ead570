import { useQuery } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Button } from "zmp-ui";
import { PROFILE_TAG_GROUP_LABEL, PROFILE_TAG_GROUPS, PROFILE_TAG_LABEL, PROFILE_TAG_VOCABULARY, profileTagGroupOf, type ProfileTagGroup } from "@hoiso/shared/domain";
import { profileTagMutations, profileTagQueries } from "../../api/content.js";
import { QueryState } from "../../components/States.js";
import { useChange } from "../../components/useChange.js";
import { useProfileT } from "./i18n/index.js";
import "./profile-tags.css";

/**
 * What she may tell the Hội about herself (ethnic group, age group, small children) so that articles and guides meant
 * for women like her reach her. Optional, saved at each tap, cleared with one button; seen by nobody else. A group of
 * one choice works like radio buttons that can be unticked.
 */
export function ProfileTagsSection(): ReactElement {
  const t = useProfileT();
  const mine = useQuery(profileTagQueries.mine());
  const save = useChange(profileTagMutations.set());

  function toggle(current: readonly string[], group: ProfileTagGroup, tag: string) {
    const has = current.includes(tag);
    const others = PROFILE_TAG_VOCABULARY[group].single ? current.filter((x) => profileTagGroupOf(x) !== group) : current.filter((x) => x !== tag);
    void save.run(has ? current.filter((x) => x !== tag) : [...others, tag], t("tags.saved"));
  }

  return (
    <section className="hs-card" data-testid="profile-tags">
      <p className="hs-card-title">{t("tags.title")}</p>
      <p className="hs-muted hs-small">{t("tags.why")}</p>
      <p className="hs-muted hs-small">{t("tags.private")}</p>
      <QueryState query={mine}>
        {({ tags }) => (
          <>
            {PROFILE_TAG_GROUPS.map((g) => (
              <div key={g} className="hs-profile-tag-group">
                <p className="hs-card-label">
                  {PROFILE_TAG_GROUP_LABEL[g]} · {PROFILE_TAG_VOCABULARY[g].single ? t("tags.oneOnly") : t("tags.many")}
                </p>
                <div className="hs-chips" role="group" aria-label={PROFILE_TAG_GROUP_LABEL[g]}>
                  {PROFILE_TAG_VOCABULARY[g].values.map((v) => {
                    const tag = `${g}:${v}`;
                    return (
                      <button
                        key={tag}
                        type="button"
                        role="checkbox"
                        aria-checked={tags.includes(tag)}
                        className="hs-chip"
                        disabled={save.busy}
                        data-tag={tag}
                        onClick={() => toggle(tags, g, tag)}
                      >
                        {PROFILE_TAG_LABEL[tag] ?? tag}
                      </button>
                    );
                  })}
                </div>
              </div>
            ))}
            {tags.length > 0 && (
              <Button variant="tertiary" size="small" disabled={save.busy} onClick={() => void save.run([], t("tags.cleared"))}>
                {t("tags.clear")}
              </Button>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
