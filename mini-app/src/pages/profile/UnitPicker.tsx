import { useState, type ReactElement } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "zmp-ui";
import type { Unit } from "@hoiso/shared";
import { errorMessage } from "../../api/http.js";
import { meMutations } from "../../api/me.js";
import { unitQueries } from "../../api/units.js";
import { useNotify } from "../../components/notify.js";
import { Icon } from "../../components/icons.js";
import { QueryState } from "../../components/States.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { setMe } from "../../state.js";
import { useProfileT } from "./i18n/index.js";

function ChiHoiList({ commune, onBack, onChosen }: { commune: Unit; onBack: () => void; onChosen: () => void }): ReactElement {
  const notify = useNotify();
  const t = useProfileT();
  const children = useQuery({ ...unitQueries.list({ parentId: commune.id }), select: (r) => r.items.filter((u) => u.active) });
  const chooseUnit = useMutation(meMutations.chooseUnit()).mutateAsync;
  const [saving, setSaving] = useState<string | null>(null);

  async function choose(u: Unit) {
    setSaving(u.id);
    try {
      const me = await chooseUnit({ unitId: u.id });
      setMe(me);
      // Picking the unit she already belongs to changes nothing: a confirmed member stays confirmed.
      notify.ok(me.membershipStatus === "confirmed" ? t("unit.stillMember", { unit: u.name }) : t("unit.requested", { unit: u.name }));
      onChosen();
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setSaving(null);
    }
  }

  return (
    <div>
      <button type="button" className="hs-link" onClick={onBack}>
        <Icon name="back" size={18} /> {t("unit.otherCommune")}
      </button>
      <p className="hs-card-title">{commune.name}</p>
      <p className="hs-muted">{t("unit.which")}</p>
      <QueryState query={children}>
        {(units) => (
          <ul className="hs-choices" aria-label={t("unit.listLabel")}>
            {units.map((u) => (
              <li key={u.id}>
                <button type="button" className="hs-choice" disabled={saving !== null} onClick={() => void choose(u)}>
                  <span className="hs-grow hs-choice-title">{u.name}</span>
                  {saving === u.id ? <span className="hs-muted">{t("unit.saving")}</span> : <Icon name="chevron" />}
                </button>
              </li>
            ))}
            <li>
              <button type="button" className="hs-choice hs-choice-soft" disabled={saving !== null} onClick={() => void choose(commune)}>
                <span className="hs-grow">
                  <span className="hs-choice-title">{t("unit.unsure")}</span>
                  <span className="hs-choice-hint">{t("unit.unsureHint", { commune: commune.name })}</span>
                </span>
                <Icon name="chevron" />
              </button>
            </li>
          </ul>
        )}
      </QueryState>
    </div>
  );
}

/** Find the xã/phường (also by old names, diacritics optional), then her chi hội; a cán bộ confirms later. */
export function UnitPicker({ onDone }: { onDone: () => void }): ReactElement {
  const [commune, setCommune] = useState<Unit | null>(null);
  const t = useProfileT();
  return (
    <section className="hs-card" data-testid="unit-picker">
      {commune ? (
        <ChiHoiList commune={commune} onBack={() => setCommune(null)} onChosen={onDone} />
      ) : (
        <UnitFinder label={t("unit.commune")} only="xa" onPick={setCommune} />
      )}
      <Button variant="tertiary" fullWidth onClick={onDone}>
        {t("unit.later")}
      </Button>
    </section>
  );
}
