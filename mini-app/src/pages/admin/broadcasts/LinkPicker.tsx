import { useQuery } from "@tanstack/react-query";
import { BROADCAST_LINK_KINDS } from "@hoiso/shared/domain";
import type { BroadcastLinkOption } from "@hoiso/shared";
import { useState, type ReactElement } from "react";
import { Input } from "zmp-ui";
import { broadcastQueries } from "../../../api/broadcasts.js";
import { QueryState } from "../../../components/States.js";
import { useDebounced } from "../../../components/useDebounced.js";
import { useAdminBroadcastsT } from "./i18n/index.js";

type Kind = (typeof BROADCAST_LINK_KINDS)[number];

const KIND_LABEL: Record<Kind, "compose.linkArticle" | "compose.linkGuide" | "compose.linkContest" | "compose.linkPetition"> = {
  article: "compose.linkArticle",
  guide: "compose.linkGuide",
  contest: "compose.linkContest",
  petition: "compose.linkPetition",
};

/**
 * Gắn nội dung: she picks the article, guide, contest or open petition from what she may attach for the sending unit (the server's own rule,
 * so a picked item is never refused on sending), finding it by title words typed with or without diacritics.
 */
export function LinkPicker({ unitId, value, onChange }: { unitId: string; value: BroadcastLinkOption | null; onChange: (v: BroadcastLinkOption | null) => void }): ReactElement {
  const t = useAdminBroadcastsT();
  const [kind, setKind] = useState<"" | Kind>(value?.kind ?? "");
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);
  const options = useQuery({ ...broadcastQueries.links({ unitId, kind: kind || undefined, q: q || undefined }), enabled: unitId !== "" && kind !== "" && value === null });
  return (
    <fieldset className="hs-bc-checks" data-testid="broadcast-link">
      <label className="hs-select">
        <span className="hs-card-label">{t("compose.link")}</span>
        <select
          value={kind}
          data-testid="broadcast-link-kind"
          onChange={(e) => {
            setKind(e.target.value as "" | Kind);
            onChange(null);
          }}
        >
          <option value="">{t("compose.linkNone")}</option>
          {BROADCAST_LINK_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(KIND_LABEL[k])}
            </option>
          ))}
        </select>
      </label>
      {kind !== "" && value !== null && (
        <div className="hs-bc-link-chosen" data-testid="broadcast-link-chosen">
          <span>{t("compose.linkChosen", { title: value.title })}</span>
          <button type="button" className="hs-link" onClick={() => onChange(null)}>
            {t("compose.linkChange")}
          </button>
        </div>
      )}
      {kind !== "" && value === null && (
        <>
          <Input
            label={t(kind === "petition" ? "compose.linkSearchPetition" : "compose.linkSearch")}
            placeholder={t(kind === "petition" ? "compose.linkSearchPetitionHint" : "compose.linkSearchHint")}
            value={text}
            onChange={(e) => setText(e.target.value)}
            clearable
            data-testid="broadcast-link-search"
          />
          <QueryState query={options}>
            {(l) =>
              l.items.length === 0 ? (
                <p className="hs-muted hs-small">{t("compose.linkNoMatch")}</p>
              ) : (
                <ul className="hs-choices" aria-label={t("compose.linkOptions")}>
                  {l.items.map((o) => (
                    <li key={o.id}>
                      <button type="button" className="hs-choice" onClick={() => onChange(o)} data-testid="broadcast-link-option">
                        <span className="hs-choice-title">{o.title}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </>
      )}
    </fieldset>
  );
}
