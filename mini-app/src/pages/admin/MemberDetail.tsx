import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import type { AdminMember, AdminRole, Me, Unit } from "@hoiso/shared";
import { api } from "../../api.js";
import { ConfirmModal } from "../../components/ConfirmModal.js";
import { Icon } from "../../components/icons.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { isAdmin, LEVEL_LABEL, ROLE_NAME, shownPhone, STATUS_LABEL } from "./labels.js";
import { useAction } from "./useAction.js";

/** One member: who she is, her membership, her roles (remove one), and giving her a new role on a unit. */
export function MemberDetail({ member, me, onChanged, onClose }: { member: AdminMember; me: Me; onChanged: () => void; onClose: () => void }): ReactElement {
  const [revoking, setRevoking] = useState<AdminRole | null>(null);
  const [unit, setUnit] = useState<Unit | null>(null);
  const [role, setRole] = useState<"can_bo" | "admin">("can_bo");

  const { busy, run: runAction } = useAction();
  const run = (action: () => Promise<unknown>, done: string) => runAction(action, done, onChanged);

  return (
    <div className="hs-form" data-testid="member-detail">
      <button type="button" className="hs-link hs-admin-back" onClick={onClose}>
        <Icon name="back" size={20} /> Danh sách hội viên
      </button>
      <section className="hs-card">
        <p className="hs-card-title">{member.name}</p>
        <p className="hs-muted">{shownPhone(member.phone)}</p>
        <p>
          {member.unitName ? (
            <>
              {member.unitName} · <strong>{STATUS_LABEL[member.membershipStatus]}</strong>
            </>
          ) : (
            "Chưa chọn đơn vị"
          )}
        </p>
        {member.membershipStatus === "pending" && (
          <Button fullWidth loading={busy} onClick={() => void run(() => api.confirmMember(member.id), `Đã xác nhận chị ${member.name} là hội viên.`)}>
            Xác nhận hội viên
          </Button>
        )}
      </section>

      <h2 className="hs-section-title">Quyền trên Hội Số</h2>
      {member.roles.length === 0 && <p className="hs-muted">Chị {member.name} chưa có quyền cán bộ hay quản trị nào.</p>}
      <ul className="hs-choices" data-testid="member-roles">
        {member.roles.map((r) => (
          <li key={r.id} className="hs-card hs-row hs-admin-role">
            <span className="hs-grow">
              <span className="hs-choice-title">
                {ROLE_NAME[r.role]} · {r.unitName}
              </span>
              <span className="hs-choice-hint">
                {LEVEL_LABEL[r.unitLevel]}
                {r.grantedByName ? ` · do chị ${r.grantedByName} cấp` : ""}
              </span>
            </span>
            <Button size="small" variant="secondary" disabled={busy} onClick={() => setRevoking(r)}>
              Gỡ quyền
            </Button>
          </li>
        ))}
      </ul>

      <section className="hs-card" data-testid="grant-form">
        <p className="hs-card-title">Cấp quyền mới</p>
        {unit ? (
          <div className="hs-row">
            <span className="hs-grow">
              <span className="hs-choice-title">{unit.name}</span>
              <span className="hs-choice-hint">{LEVEL_LABEL[unit.level]}{unit.parentName ? ` · ${unit.parentName}` : ""}</span>
            </span>
            <button type="button" className="hs-link" onClick={() => setUnit(null)}>
              Đổi đơn vị
            </button>
          </div>
        ) : (
          <UnitFinder label="Đơn vị phụ trách" placeholder="Ví dụ: Bản Mế, Làng Mới…" onPick={setUnit} />
        )}
        <div className="hs-segments" role="tablist" aria-label="Loại quyền">
          {(isAdmin(me) ? (["can_bo", "admin"] as const) : (["can_bo"] as const)).map((r) => (
            <button key={r} type="button" role="tab" aria-selected={role === r} className="hs-segment" onClick={() => setRole(r)}>
              {ROLE_NAME[r]}
            </button>
          ))}
        </div>
        <p className="hs-muted hs-small">
          {role === "admin"
            ? "Quản trị: sửa cây đơn vị, phân quyền trong đơn vị này và các đơn vị trực thuộc."
            : "Cán bộ: nhận và xử lý phản ánh, xác nhận hội viên của đơn vị này và các đơn vị trực thuộc."}
        </p>
        <Button
          fullWidth
          disabled={!unit || busy}
          loading={busy}
          onClick={() =>
            unit &&
            void run(() => api.grantRole({ memberId: member.id, unitId: unit.id, role }), `Đã cấp quyền ${ROLE_NAME[role].toLowerCase()} ${unit.name} cho chị ${member.name}.`).then(
              (ok) => ok && setUnit(null),
            )
          }
        >
          Cấp quyền
        </Button>
      </section>

      <ConfirmModal
        open={revoking !== null}
        title="Gỡ quyền này?"
        text={revoking ? `Chị ${member.name} sẽ không còn quyền ${ROLE_NAME[revoking.role].toLowerCase()} tại ${revoking.unitName}.` : ""}
        confirm="Gỡ quyền"
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          const r = revoking;
          setRevoking(null);
          if (r) void run(() => api.revokeRole(r.id), `Đã gỡ quyền ${ROLE_NAME[r.role].toLowerCase()} ${r.unitName} của chị ${member.name}.`);
        }}
      />
    </div>
  );
}
