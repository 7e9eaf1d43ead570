import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button } from "zmp-ui";
import type { Destination } from "@hoiso/shared";
import { feedbackQueries } from "../../api/feedback.js";
import { Icon } from "../../components/icons.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { FieldError } from "./FieldError.js";
import { useFeedbackT } from "./i18n/index.js";

export interface ChosenUnit {
  id: string;
  name: string;
}

type Dest = { status: "idle" } | { status: "loading" } | { status: "done"; dest: Destination } | { status: "error" };

/**
 * Where the item will really go: the routing rules decide from the category and the place (a chi hội's neighbour
 * dispute may stay at the chi hội, an administrative matter goes to the xã, a private one never below the xã), so
 * the form asks the server rather than assume the unit she picked.
 */
function useDestination(category: string | null, unitId: string | null, sensitive: boolean): Dest {
  const query = useQuery({ ...feedbackQueries.destination({ category: category ?? "", unitId: unitId ?? "", sensitive }), enabled: Boolean(category && unitId) });
  if (!category || !unitId) return { status: "idle" };
  if (query.data) return { status: "done", dest: query.data };
  return query.error ? { status: "error" } : { status: "loading" };
}

function DestinationLine({ unit, dest }: { unit: ChosenUnit; dest: Dest }): ReactElement {
  const t = useFeedbackT();
  let text: string;
  if (dest.status === "idle") text = t("place.destIdle");
  else if (dest.status === "loading") text = t("place.destLoading");
  else if (dest.status === "error") text = t("place.destError");
  else text = dest.dest.unitName;
  const elsewhere = dest.status === "done" && dest.dest.unitId !== unit.id;
  return (
    <div className="hs-row hs-destination" data-testid="destination">
      <Icon name="feedback" />
      <div className="hs-grow">
        <p className="hs-card-label">{t("place.goesTo")}</p>
        <p className={dest.status === "done" ? "hs-choice-title" : "hs-muted"} data-testid="destination-name">
          {text}
        </p>
        {elsewhere && <p className="hs-muted hs-small">{t("place.elsewhere", { unit: dest.dest.unitName })}</p>}
      </div>
    </div>
  );
}

/** Defaults to her own chi hội; she can pick another xã/chi hội when the matter happened elsewhere. */
export function UnitChoice({
  unit,
  onChange,
  category,
  sensitive,
  error,
}: {
  unit: ChosenUnit | null;
  onChange: (u: ChosenUnit) => void;
  /** The chosen category's code, once she has picked one. */
  category: string | null;
  sensitive: boolean;
  error?: string;
}): ReactElement {
  const t = useFeedbackT();
  const [picking, setPicking] = useState(unit === null);
  const dest = useDestination(category, unit?.id ?? null, sensitive);
  return (
    <section className="hs-card" data-testid="unit-choice">
      <p className="hs-card-title">{t("place.title")}</p>
      {unit && !picking && (
        <>
          <div className="hs-row">
            <Icon name="place" />
            <div className="hs-grow">
              <p className="hs-card-label">{t("place.where")}</p>
              <p className="hs-choice-title" data-testid="unit-name">
                {unit.name}
              </p>
            </div>
          </div>
          <DestinationLine unit={unit} dest={dest} />
        </>
      )}
      {picking ? (
        <>
          {!unit && <p className="hs-muted">{t("place.noUnit")}</p>}
          <UnitFinder
            label={t("place.finder")}
            onPick={(u) => {
              onChange({ id: u.id, name: u.name });
              setPicking(false);
            }}
          />
          {unit && (
            <Button variant="tertiary" fullWidth onClick={() => setPicking(false)}>
              {t("place.keep", { unit: unit.name })}
            </Button>
          )}
        </>
      ) : (
        <Button variant="secondary" fullWidth onClick={() => setPicking(true)}>
          {t("place.other")}
        </Button>
      )}
      <FieldError text={error} />
    </section>
  );
}
