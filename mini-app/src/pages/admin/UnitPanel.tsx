import { useState, type ReactElement } from "react";
import { Button, Input } from "zmp-ui";
import type { Unit, UnitHistoryEntry } from "@hoiso/shared";
import { childLevelOf } from "@hoiso/shared/domain";
import { api } from "../../api.js";
import { ConfirmModal } from "../../components/ConfirmModal.js";
import { Icon } from "../../components/icons.js";
import { ErrorState, Loading } from "../../components/States.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { dateTime, LEVEL_LABEL } from "./labels.js";
import { useAction } from "./useAction.js";
import { useLoad } from "./useLoad.js";

function historyText(h: UnitHistoryEntry): string {
  const d = h.detail as { intoName?: string; fromName?: string; movedMembers?: number; movedChildren?: number; movedOpenWork?: number };
  const moved = h.action === "merge" || h.action === "absorb" ? ` (chuyển ${d.movedMembers ?? 0} hội viên, ${d.movedChildren ?? 0} đơn vị trực thuộc, ${d.movedOpenWork ?? 0} việc đang mở)` : "";
  switch (h.action) {
    case "create":
      return `Thành lập với tên ${h.newName ?? ""}`;
    case "rename":
      return `Đổi tên từ ${h.oldName ?? ""} thành ${h.newName ?? ""}`;
    case "deactivate":
      return "Ngừng hoạt động";
    case "merge":
      return `Sáp nhập vào ${d.intoName ?? h.newName ?? ""}${moved}`;
    case "absorb":
      return `Tiếp nhận ${d.fromName ?? h.oldName ?? ""} sáp nhập vào${moved}`;
  }
}

type Ask = null | { kind: "deactivate" } | { kind: "merge"; into: Unit };

/** One unit: rename, add a unit under it, merge it into another of its level, deactivate it, and its history. */
export function UnitPanel({ unit, onChanged, onClose }: { unit: Unit; onChanged: (u: Unit | null) => void; onClose: () => void }): ReactElement {
  const [name, setName] = useState(unit.name);
  const [child, setChild] = useState("");
  const [ask, setAsk] = useState<Ask>(null);
  const [merging, setMerging] = useState(false);
  const [history, reloadHistory] = useLoad(() => api.unitHistory(unit.id), [unit.id]);
  const childLevel = childLevelOf(unit.level);

  const action = useAction();
  const busy = action.busy;
  const run = <T,>(act: () => Promise<T>, done: (r: T) => string, after: (r: T) => void) =>
    action.run(act, done, (r) => {
      after(r);
      reloadHistory();
    });

  return (
    <div className="hs-form" data-testid="unit-panel">
      <button type="button" className="hs-link hs-admin-back" onClick={onClose}>
        <Icon name="back" size={20} /> Danh sách đơn vị
      </button>
      <section className="hs-card">
        <p className="hs-card-title">{unit.name}</p>
        <p className="hs-muted">
          {LEVEL_LABEL[unit.level]} · mã {unit.code}
          {unit.parentName ? ` · trực thuộc ${unit.parentName}` : ""}
        </p>
        {unit.formerNames.length > 0 && <p className="hs-muted">Tên trước đây: {unit.formerNames.join(", ")}</p>}
        {!unit.active && <p className="hs-state-error">{unit.mergedInto ? "Đơn vị đã sáp nhập vào đơn vị khác." : "Đơn vị đã ngừng hoạt động."}</p>}
      </section>

      {unit.active && (
        <>
          <section className="hs-card">
            <Input label="Tên đơn vị" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="unit-name" />
            <Button
              fullWidth
              variant="secondary"
              disabled={busy || name.trim() === unit.name || name.trim().length < 2}
              onClick={() => void run(() => api.renameUnit(unit.id, name), (u) => `Đã đổi tên thành ${u.name}. Tên cũ vẫn tìm được.`, onChanged)}
            >
              Đổi tên
            </Button>
          </section>

          {childLevel && (
            <section className="hs-card">
              <Input label={`Thêm ${LEVEL_LABEL[childLevel].toLowerCase()} trực thuộc`} placeholder={childLevel === "to" ? "Ví dụ: Tổ phụ nữ số 3" : childLevel === "chi_hoi" ? "Ví dụ: Chi hội thôn Nậm Chảy" : "Ví dụ: Xã Bản Mế"} value={child} maxLength={200} onChange={(e) => setChild(e.target.value)} />
              <Button
                fullWidth
                variant="secondary"
                disabled={busy || child.trim().length < 2}
                onClick={() =>
                  void run(() => api.createUnit({ parentId: unit.id, name: child }), (u) => `Đã thêm ${u.name}.`, () => {
                    setChild("");
                    onChanged(unit);
                  })
                }
              >
                Thêm đơn vị
              </Button>
            </section>
          )}

          {unit.parentId && (
            <section className="hs-card" data-testid="merge-section">
              <p className="hs-card-title">Sáp nhập</p>
              <p className="hs-muted">Hội viên, đơn vị trực thuộc, việc đang mở và cán bộ của {unit.name} sẽ chuyển sang đơn vị được chọn. Tên cũ vẫn tìm được.</p>
              {merging ? (
                <UnitFinder
                  label={`Sáp nhập vào ${LEVEL_LABEL[unit.level].toLowerCase()}`}
                  excludeId={unit.id}
                  only={unit.level}
                  onPick={(into) => setAsk({ kind: "merge", into })}
                />
              ) : (
                <Button fullWidth variant="secondary" disabled={busy} onClick={() => setMerging(true)}>
                  Chọn đơn vị sáp nhập vào
                </Button>
              )}
            </section>
          )}

          {unit.parentId && (
            <Button fullWidth variant="tertiary" disabled={busy} onClick={() => setAsk({ kind: "deactivate" })}>
              Ngừng hoạt động đơn vị
            </Button>
          )}
        </>
      )}

      <h2 className="hs-section-title">Lịch sử</h2>
      {history.status === "loading" && <Loading />}
      {history.status === "error" && <ErrorState message={history.message} onRetry={reloadHistory} />}
      {history.status === "done" && (
        <ol className="hs-admin-history" data-testid="unit-history">
          {history.data.items.length === 0 && <li className="hs-muted">Chưa có thay đổi nào được ghi lại.</li>}
          {history.data.items.map((h) => (
            <li key={h.id}>
              <span className="hs-muted hs-small">{dateTime(h.at)}</span>
              <span>{historyText(h)}</span>
            </li>
          ))}
        </ol>
      )}

      <ConfirmModal
        open={ask !== null}
        title={ask?.kind === "merge" ? "Sáp nhập đơn vị?" : "Ngừng hoạt động?"}
        text={
          ask?.kind === "merge"
            ? `${unit.name} sẽ sáp nhập vào ${ask.into.name}. Việc này không hoàn tác được.`
            : `${unit.name} sẽ ngừng hoạt động. Chỉ làm được khi đơn vị không còn hội viên và đơn vị trực thuộc.`
        }
        confirm={ask?.kind === "merge" ? "Sáp nhập" : "Ngừng hoạt động"}
        onCancel={() => setAsk(null)}
        onConfirm={() => {
          const a = ask;
          setAsk(null);
          if (a?.kind === "merge") {
            void run(
              () => api.mergeUnit(unit.id, a.into.id),
              (r) => `Đã sáp nhập ${unit.name} vào ${r.unit.name}: chuyển ${r.movedMembers} hội viên, ${r.movedChildren} đơn vị, ${r.movedOpenWork} việc đang mở.`,
              (r) => onChanged(r.unit),
            );
          } else if (a) {
            void run(() => api.deactivateUnit(unit.id), () => `${unit.name} đã ngừng hoạt động.`, (u) => onChanged(u));
          }
        }}
      />
    </div>
  );
}
