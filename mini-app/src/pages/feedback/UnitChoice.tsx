import { useEffect, useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import type { Destination } from "@hoiso/shared";
import { api } from "../../api.js";
import { Icon } from "../../components/icons.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { FieldError } from "./FieldError.js";

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
  const [res, setRes] = useState<Dest>({ status: "idle" });
  useEffect(() => {
    if (!category || !unitId) {
      setRes({ status: "idle" });
      return;
    }
    let live = true;
    setRes({ status: "loading" });
    api
      .destination({ category, unitId, sensitive })
      .then((dest) => live && setRes({ status: "done", dest }))
      .catch(() => live && setRes({ status: "error" }));
    return () => {
      live = false;
    };
  }, [category, unitId, sensitive]);
  return res;
}

function DestinationLine({ unit, dest }: { unit: ChosenUnit; dest: Dest }): ReactElement {
  let text: string;
  if (dest.status === "idle") text = "Chị chọn lĩnh vực ở trên, Hội Số sẽ cho biết việc này được chuyển tới đâu.";
  else if (dest.status === "loading") text = "Đang xem việc này do đơn vị nào phụ trách…";
  else if (dest.status === "error") text = "Hội sẽ chuyển tới cán bộ phụ trách lĩnh vực này.";
  else text = dest.dest.unitName;
  const elsewhere = dest.status === "done" && dest.dest.unitId !== unit.id;
  return (
    <div className="hs-row hs-destination" data-testid="destination">
      <Icon name="feedback" />
      <div className="hs-grow">
        <p className="hs-card-label">Hội sẽ chuyển tới</p>
        <p className={dest.status === "done" ? "hs-choice-title" : "hs-muted"} data-testid="destination-name">
          {text}
        </p>
        {elsewhere && <p className="hs-muted hs-small">Việc thuộc lĩnh vực này do {dest.dest.unitName} phụ trách giải quyết.</p>}
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
  const [picking, setPicking] = useState(unit === null);
  const dest = useDestination(category, unit?.id ?? null, sensitive);
  return (
    <section className="hs-card" data-testid="unit-choice">
      <p className="hs-card-title">Việc này ở đâu?</p>
      {unit && !picking && (
        <>
          <div className="hs-row">
            <Icon name="place" />
            <div className="hs-grow">
              <p className="hs-card-label">Nơi xảy ra việc</p>
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
          {!unit && <p className="hs-muted">Chị chưa chọn chi hội trong mục Cá nhân. Chị tìm xã/phường hoặc chi hội nơi xảy ra việc này nhé.</p>}
          <UnitFinder
            label="Xã/phường hoặc chi hội"
            onPick={(u) => {
              onChange({ id: u.id, name: u.name });
              setPicking(false);
            }}
          />
          {unit && (
            <Button variant="tertiary" fullWidth onClick={() => setPicking(false)}>
              Giữ {unit.name}
            </Button>
          )}
        </>
      ) : (
        <Button variant="secondary" fullWidth onClick={() => setPicking(true)}>
          Chọn nơi khác
        </Button>
      )}
      <FieldError text={error} />
    </section>
  );
}
