import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import { Icon } from "../../components/icons.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { FieldError } from "./FieldError.js";

export interface ChosenUnit {
  id: string;
  name: string;
}

/** Defaults to her own chi hội; she can pick another xã/chi hội when the matter happened elsewhere. */
export function UnitChoice({ unit, onChange, error }: { unit: ChosenUnit | null; onChange: (u: ChosenUnit) => void; error?: string }): ReactElement {
  const [picking, setPicking] = useState(unit === null);
  return (
    <section className="hs-card" data-testid="unit-choice">
      <p className="hs-card-title">Việc này ở đâu?</p>
      {unit && !picking && (
        <div className="hs-row">
          <Icon name="place" />
          <div className="hs-grow">
            <p className="hs-card-label">Gửi tới Hội ở</p>
            <p className="hs-choice-title" data-testid="unit-name">{unit.name}</p>
          </div>
        </div>
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
