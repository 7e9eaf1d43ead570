import { useState, type ReactElement } from "react";
import { Button } from "zmp-ui";
import type { AdminMember, AdminRole, Me, Unit } from "@hoiso/shared";
import { adminMutations } from "../../api/admin.js";
import { unitMutations } from "../../api/units.js";
import { ConfirmModal } from "../../components/ConfirmModal.js";
import { Icon } from "../../components/icons.js";
import { UnitFinder } from "../../components/UnitFinder.js";
import { useCommonT } from "../../i18n/common/index.js";
import { useAdminT } from "./i18n/index.js";
import { isAdmin, shownPhone } from "./labels.js";
import { useChange } from "../../components/useChange.js";

/** One member: who she is, her membership, her roles (remove one), and giving her a new role on a unit. */
export function MemberDetail({ member, me, onClose }: { member: AdminMember; me: Me; onClose: () => void }): ReactElement {
  const t = useAdminT();
  const tc = useCommonT();
  const roleName = (r: "can_bo" | "admin") => tc(`role.${r}`).toLowerCase();
  const [revoking, setRevoking] = useState<AdminRole | null>(null);
  const [unit, setUnit] = useState<Unit | null>(null);
  const [role, setRole] = useState<"can_bo" | "admin">("can_bo");

  // Each change refreshes the member list this card is read from (api/admin.ts, api/units.ts).
  const confirm = useChange(unitMutations.confirmMember());
  const grant = useChange(adminMutations.grantRole());
  const revoke = useChange(adminMutations.revokeRole());
  const busy = confirm.busy || grant.busy || revoke.busy;

  return (
    <div className="hs-form" data-testid="member-detail">
      <button type="button" className="hs-link hs-admin-back" onClick={onClose}>
        <Icon name="back" size={20} /> {t("member.back")}
      </button>
      <section className="hs-card">
        <p className="hs-card-title">{member.name}</p>
        <p className="hs-muted">{shownPhone(member.phone)}</p>
        <p>
          {member.unitName ? (
            <>
              {member.unitName} · <strong>{t(`membership.${member.membershipStatus}`)}</strong>
            </>
          ) : (
            t("membership.none")
          )}
        </p>
        {member.membershipStatus === "pending" && (
          <Button fullWidth loading={busy} onClick={() => void confirm.run(member.id, t("member.confirmed", { name: member.name }))}>
            {t("member.confirm")}
          </Button>
        )}
      </section>

      <h2 className="hs-section-title">{t("member.rolesTitle")}</h2>
      {member.roles.length === 0 && <p className="hs-muted">{t("member.noRoles", { name: member.name })}</p>}
      <ul className="hs-choices" data-testid="member-roles">
        {member.roles.map((r) => (
          <li key={r.id} className="hs-card hs-row hs-admin-role">
            <span className="hs-grow">
              <span className="hs-choice-title">
                {tc(`role.${r.role}`)} · {r.unitName}
              </span>
              <span className="hs-choice-hint">
                {tc(`level.${r.unitLevel}`)}
                {r.grantedByName ? ` · ${t("member.grantedBy", { name: r.grantedByName })}` : ""}
              </span>
            </span>
            <Button size="small" variant="secondary" disabled={busy} onClick={() => setRevoking(r)}>
              {t("member.revoke")}
            </Button>
          </li>
        ))}
      </ul>

      <section className="hs-card" data-testid="grant-form">
        <p className="hs-card-title">{t("member.grantTitle")}</p>
        {unit ? (
          <div className="hs-row">
            <span className="hs-grow">
              <span className="hs-choice-title">{unit.name}</span>
              <span className="hs-choice-hint">{tc(`level.${unit.level}`)}{unit.parentName ? ` · ${unit.parentName}` : ""}</span>
            </span>
            <button type="button" className="hs-link" onClick={() => setUnit(null)}>
              {t("member.changeUnit")}
            </button>
          </div>
        ) : (
          <UnitFinder label={t("member.unit")} placeholder={t("member.unitPlaceholder")} onPick={setUnit} />
        )}
        <div className="hs-segments" role="tablist" aria-label={t("member.roleKind")}>
          {(isAdmin(me) ? (["can_bo", "admin"] as const) : (["can_bo"] as const)).map((r) => (
            <button key={r} type="button" role="tab" aria-selected={role === r} className="hs-segment" onClick={() => setRole(r)}>
              {tc(`role.${r}`)}
            </button>
          ))}
        </div>
        <p className="hs-muted hs-small">
          {role === "admin" ? t("member.adminExplained") : t("member.officerExplained")}
        </p>
        <Button
          fullWidth
          disabled={!unit || busy}
          loading={busy}
          onClick={() =>
            unit &&
            void grant.run({ memberId: member.id, unitId: unit.id, role }, t("member.granted", { role: roleName(role), unit: unit.name, name: member.name })).then(
              (ok) => ok && setUnit(null),
            )
          }
        >
          {t("member.grant")}
        </Button>
      </section>

      <ConfirmModal
        open={revoking !== null}
        title={t("member.revokeAsk")}
        text={revoking ? t("member.revokeText", { name: member.name, role: roleName(revoking.role), unit: revoking.unitName }) : ""}
        confirm={t("member.revoke")}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          const r = revoking;
          setRevoking(null);
          if (r) void revoke.run(r.id, t("member.revoked", { role: roleName(r.role), unit: r.unitName, name: member.name }));
        }}
      />
    </div>
  );
}
