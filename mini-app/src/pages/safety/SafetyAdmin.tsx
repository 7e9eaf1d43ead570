import { useState, type ReactElement } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button, Input } from "zmp-ui";
import type { OnCallView, TrustedWriteBody } from "@hoiso/shared";
import { TRUSTED_KINDS, type TrustedKindName } from "@hoiso/shared/domain";
import { safetyMutations, safetyQueries } from "../../api/safety.js";
import { QueryState } from "../../components/States.js";
import { useChange } from "../../components/useChange.js";
import { useSafetyT } from "./i18n/index.js";
import "./safety.css";

const EMPTY = { kind: "dia_chi_tin_cay" as TrustedKindName, name: "", help: "", address: "", phone: "", hours: "", managedBy: "" };

function AddressForm({ unitId }: { unitId: string }): ReactElement {
  const t = useSafetyT();
  const [f, setF] = useState(EMPTY);
  const add = useChange(safetyMutations.addAddress());
  const field = (k: "name" | "help" | "address" | "phone" | "hours" | "managedBy") => (
    <Input label={t(`admin.${k}`)} value={f[k]} data-testid={`trusted-${k}`} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
  );
  const body = (): TrustedWriteBody => ({ unitId, kind: f.kind, name: f.name, help: f.help, address: f.address, phone: f.phone.trim() || null, hours: f.hours, managedBy: f.managedBy });
  return (
    <section className="hs-card" data-testid="trusted-form">
      <p className="hs-card-title">{t("admin.add")}</p>
      <label className="hs-card-label">
        {t("admin.kind")}{" "}
        <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as TrustedKindName })}>
          {TRUSTED_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`trusted.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {field("name")}
      {field("help")}
      {field("address")}
      {field("phone")}
      {field("hours")}
      {field("managedBy")}
      <Button fullWidth loading={add.busy} onClick={() => void add.run(body(), t("admin.saved"), () => setF(EMPTY))}>
        {t("admin.save")}
      </Button>
    </section>
  );
}

function Addresses({ unitId }: { unitId: string }): ReactElement {
  const t = useSafetyT();
  const query = useQuery(safetyQueries.adminAddresses(unitId));
  const remove = useChange(safetyMutations.removeAddress());
  return (
    <QueryState query={query}>
      {(list) => (
        <section className="hs-card">
          <p className="hs-card-title">{t("admin.addressesTitle", { commune: list.communeName ?? "" })}</p>
          <ul className="hs-trusted">
            {list.items.map((a) => (
              <li key={a.id}>
                <strong>
                  {a.name} {a.sample && <span className="hs-sample">{t("trusted.sample")}</span>}
                </strong>
                <span className="hs-muted">
                  {t(`trusted.kind.${a.kind}`)} · {a.address} {a.phone ?? ""}
                </span>
                <button type="button" className="hs-link" onClick={() => void remove.run(a.id, t("admin.removed"))}>
                  {t("admin.remove")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </QueryState>
  );
}

const hourOf = (m: number) => String(Math.round(m / 60));

function OnCall({ view }: { view: OnCallView }): ReactElement {
  const t = useSafetyT();
  const put = useChange(safetyMutations.putOnCall());
  const [rows, setRows] = useState(() =>
    view.staff.map((s) => {
      const e = view.entries.find((x) => x.memberId === s.memberId);
      return { memberId: s.memberId, name: s.name, on: e !== undefined, now: e?.now ?? false, weekdays: e?.weekdays ?? [0, 1, 2, 3, 4, 5, 6], from: hourOf(e?.fromMinute ?? 0), to: hourOf(e?.toMinute ?? 1440) };
    }),
  );
  const save = () =>
    put.run(
      {
        unitId: view.unitId,
        entries: rows
          .filter((r) => r.on)
          .map((r) => ({ memberId: r.memberId, weekdays: r.weekdays, fromMinute: Math.min(24, Math.max(0, Number(r.from) || 0)) * 60, toMinute: Math.min(24, Math.max(0, Number(r.to) || 0)) * 60 })),
      },
      t("admin.onCallSaved"),
    );
  return (
    <section className="hs-card" data-testid="on-call">
      <p className="hs-card-title">{t("admin.onCallTitle")}</p>
      <p className="hs-muted">{t("admin.onCallNote", { minutes: view.ackMinutes })}</p>
      {rows.map((r, i) => {
        const set = (patch: Partial<typeof r>) => setRows(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
        return (
          <div key={r.memberId} className="hs-trusted">
            <label className="hs-row">
              <input type="checkbox" checked={r.on} onChange={(e) => set({ on: e.target.checked })} />
              <strong>{r.name}</strong> {r.now && <span className="hs-sample">{t("admin.onCallNow")}</span>}
            </label>
            {r.on && (
              <>
                <div className="hs-pin-row">
                  {[1, 2, 3, 4, 5, 6, 0].map((d) => (
                    <label key={d}>
                      <input
                        type="checkbox"
                        checked={r.weekdays.includes(d)}
                        onChange={(e) => set({ weekdays: e.target.checked ? [...r.weekdays, d] : r.weekdays.filter((x) => x !== d) })}
                      />
                      {t(`admin.weekday.${d}` as "admin.weekday.0")}
                    </label>
                  ))}
                </div>
                <div className="hs-pin-row">
                  <Input label={t("admin.from")} value={r.from} inputMode="numeric" onChange={(e) => set({ from: e.target.value })} />
                  <Input label={t("admin.to")} value={r.to} inputMode="numeric" onChange={(e) => set({ to: e.target.value })} />
                </div>
              </>
            )}
          </div>
        );
      })}
      <Button fullWidth loading={put.busy} onClick={() => void save()}>
        {t("admin.save")}
      </Button>
    </section>
  );
}

function Commune({ unitId }: { unitId: string }): ReactElement {
  const onCall = useQuery(safetyQueries.onCall(unitId));
  return (
    <>
      <QueryState query={onCall}>{(v) => <OnCall key={v.unitId} view={v} />}</QueryState>
      <Addresses unitId={unitId} />
      <AddressForm unitId={unitId} />
    </>
  );
}

/**
 * An toàn for cán bộ: the communes of her scope with how many trusted addresses each keeps (the province sees them
 * all: coverage by commune), and for the chosen one its addresses and who is on call for urgent alerts.
 */
export function SafetyAdmin(): ReactElement {
  const t = useSafetyT();
  const coverage = useQuery(safetyQueries.coverage());
  const [unitId, setUnitId] = useState<string | null>(null);
  return (
    <div className="hs-form" data-testid="safety-admin">
      <QueryState query={coverage}>
        {(c) => (
          <section className="hs-card">
            <p className="hs-card-title">{t("admin.coverage", { covered: c.covered, total: c.total })}</p>
            <label className="hs-card-label">
              {t("admin.communes")}{" "}
              <select value={unitId ?? ""} onChange={(e) => setUnitId(e.target.value || null)} data-testid="commune-select">
                <option value="" />
                {c.communes.map((x) => (
                  <option key={x.unitId} value={x.unitId}>
                    {x.name} · {t("admin.count", { count: x.count })}
                  </option>
                ))}
              </select>
            </label>
          </section>
        )}
      </QueryState>
      {unitId && <Commune key={unitId} unitId={unitId} />}
    </div>
  );
}
