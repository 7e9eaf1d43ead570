import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, Input } from "zmp-ui";
import type { Unit, UnitHistoryEntry } from "@hoiso/shared";
import { childLevelOf } from "@hoiso/shared/domain";
import { adminMutations } from "../../api/admin.js";
import { unitQueries } from "../../api/units.js";
import { ConfirmModal } from "../../components/ConfirmModal.js";
import { Icon } from "../../components/icons.js";
import { QueryState } from "../../components/States.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { t as translate } from "../../i18n/index.js";
import { useCommonT } from "../../i18n/common/index.js";
import { formatDateTime } from "../../i18n/format.js";
import { useAdminT } from "./i18n/index.js";
import { useChange } from "../../components/useChange.js";

function historyText(h: UnitHistoryEntry): string {
  const d = h.detail as { intoName?: string; fromName?: string; movedMembers?: number; movedChildren?: number; movedOpenWork?: number };
  const moved =
    h.action === "merge" || h.action === "absorb"
      ? ` ${translate("admin:unitHistory.moved", { members: d.movedMembers ?? 0, children: d.movedChildren ?? 0, work: d.movedOpenWork ?? 0 })}`
      : "";
  switch (h.action) {
    case "create":
      return translate("admin:unitHistory.create", { name: h.newName ?? "" });
    case "rename":
      return translate("admin:unitHistory.rename", { from: h.oldName ?? "", to: h.newName ?? "" });
    case "deactivate":
      return translate("admin:unitHistory.deactivate");
    case "merge":
      return translate("admin:unitHistory.merge", { into: d.intoName ?? h.newName ?? "" }) + moved;
    case "absorb":
      return translate("admin:unitHistory.absorb", { from: d.fromName ?? h.oldName ?? "" }) + moved;
  }
}

type Ask = null | { kind: "deactivate" } | { kind: "merge"; into: Unit };

/** One unit: rename, add a unit under it, merge it into another of its level, deactivate it, and its history. */
export function UnitPanel({ unit, onChanged, onClose }: { unit: Unit; onChanged: (u: Unit | null) => void; onClose: () => void }): ReactElement {
  const t = useAdminT();
  const tc = useCommonT();
  const level = (l: Unit["level"]) => tc(`level.${l}`);
  const [name, setName] = useState(unit.name);
  const [child, setChild] = useState("");
  const [ask, setAsk] = useState<Ask>(null);
  const [merging, setMerging] = useState(false);
  const history = useQuery(unitQueries.history(unit.id));
  const childLevel = childLevelOf(unit.level);

  // Each change refreshes the tree, this unit's history and the members list (api/admin.ts).
  const rename = useChange(adminMutations.renameUnit());
  const create = useChange(adminMutations.createUnit());
  const merge = useChange(adminMutations.mergeUnit());
  const deactivate = useChange(adminMutations.deactivateUnit());
  const busy = rename.busy || create.busy || merge.busy || deactivate.busy;

  return (
    <div className="hs-form" data-testid="unit-panel">
      <button type="button" className="hs-link hs-admin-back" onClick={onClose}>
        <Icon name="back" size={20} /> {t("unit.back")}
      </button>
      <section className="hs-card">
        <p className="hs-card-title">{unit.name}</p>
        <p className="hs-muted">
          {level(unit.level)} · {t("unit.code", { code: unit.code })}
          {unit.parentName ? ` · ${t("unit.parent", { unit: unit.parentName })}` : ""}
        </p>
        {unit.formerNames.length > 0 && <p className="hs-muted">{t("unit.formerNames", { names: unit.formerNames.join(", ") })}</p>}
        {!unit.active && <p className="hs-state-error">{unit.mergedInto ? t("unit.wasMerged") : t("unit.wasDeactivated")}</p>}
      </section>

      {unit.active && (
        <>
          <section className="hs-card">
            <Input label={t("unit.name")} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="unit-name" />
            <Button
              fullWidth
              variant="secondary"
              disabled={busy || name.trim() === unit.name || name.trim().length < 2}
              onClick={() => void rename.run({ id: unit.id, name }, (u) => t("unit.renamed", { name: u.name }), onChanged)}
            >
              {t("unit.rename")}
            </Button>
          </section>

          {childLevel && (
            <section className="hs-card">
              <Input label={t("unit.addChild", { level: level(childLevel).toLowerCase() })} placeholder={childLevel === "tinh" ? "" : t(`unit.childExample.${childLevel}`)} value={child} maxLength={200} onChange={(e) => setChild(e.target.value)} />
              <Button
                fullWidth
                variant="secondary"
                disabled={busy || child.trim().length < 2}
                onClick={() =>
                  void create.run({ parentId: unit.id, name: child }, (u) => t("unit.added", { name: u.name }), () => {
                    setChild("");
                    onChanged(unit);
                  })
                }
              >
                {t("unit.add")}
              </Button>
            </section>
          )}

          {unit.parentId && (
            <section className="hs-card" data-testid="merge-section">
              <p className="hs-card-title">{t("unit.mergeTitle")}</p>
              <p className="hs-muted">{t("unit.mergeText", { unit: unit.name })}</p>
              {merging ? (
                <UnitFinder
                  label={t("unit.mergeInto", { level: level(unit.level).toLowerCase() })}
                  excludeId={unit.id}
                  only={unit.level}
                  onPick={(into) => setAsk({ kind: "merge", into })}
                />
              ) : (
                <Button fullWidth variant="secondary" disabled={busy} onClick={() => setMerging(true)}>
                  {t("unit.chooseMerge")}
                </Button>
              )}
            </section>
          )}

          {unit.parentId && (
            <Button fullWidth variant="tertiary" disabled={busy} onClick={() => setAsk({ kind: "deactivate" })}>
              {t("unit.deactivate")}
            </Button>
          )}
        </>
      )}

      <h2 className="hs-section-title">{t("unit.history")}</h2>
      <QueryState query={history}>
        {({ items }) => (
          <ol className="hs-admin-history" data-testid="unit-history">
            {items.length === 0 && <li className="hs-muted">{t("unit.noHistory")}</li>}
            {items.map((h) => (
              <li key={h.id}>
                <span className="hs-muted hs-small">{formatDateTime(h.at)}</span>
                <span>{historyText(h)}</span>
              </li>
            ))}
          </ol>
        )}
      </QueryState>

      <ConfirmModal
        open={ask !== null}
        title={ask?.kind === "merge" ? t("unit.mergeAsk") : t("unit.deactivateAsk")}
        text={
          ask?.kind === "merge"
            ? t("unit.mergeConfirmText", { unit: unit.name, into: ask.into.name })
            : t("unit.deactivateConfirmText", { unit: unit.name })
        }
        confirm={ask?.kind === "merge" ? t("unit.merge") : t("unit.deactivateShort")}
        onCancel={() => setAsk(null)}
        onConfirm={() => {
          const a = ask;
          setAsk(null);
          if (a?.kind === "merge") {
            void merge.run(
              { id: unit.id, intoId: a.into.id },
              (r) => t("unit.mergedToast", { unit: unit.name, into: r.unit.name, members: r.movedMembers, children: r.movedChildren, work: r.movedOpenWork }),
              (r) => onChanged(r.unit),
            );
          } else if (a) {
            void deactivate.run(unit.id, () => t("unit.deactivated", { unit: unit.name }), (u) => onChanged(u));
          }
        }}
      />
    </div>
  );
}
