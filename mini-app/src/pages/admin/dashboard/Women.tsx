import { useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { WomenCountUnit, WomenCounts, WomenImportResult } from "@hoiso/shared";
import { dashboardMutations, dashboardQueries } from "../../../api/dashboard.js";
import { QueryState } from "../../../components/States.js";
import { useNotify } from "../../../components/notify.js";
import { useChange } from "../../../components/useChange.js";
import { useCommonT } from "../../../i18n/common/index.js";
import { formatDateTime } from "../../../i18n/format.js";
import { useAdminDashboardT } from "./i18n/index.js";

/** The import's limit on the server (women-admin.ts): checked here first, so a slow line does not carry a file for nothing. */
const MAX_BYTES = 2 * 1024 * 1024;
const thisYear = () => Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));

/**
 * Quản trị › Tổng hợp › Số phụ nữ: an admin enters, unit by unit, the number of women each counts in a year (the
 * denominator of members gathered), or imports them from a file. Her unit first, then its child units; she opens a
 * child to reach its own.
 */
export function WomenCountsScreen(): ReactElement {
  const { unitId } = useParams();
  const t = useAdminDashboardT();
  const navigate = useNavigate();
  const [year, setYear] = useState(thisYear);
  const query = useQuery(dashboardQueries.women({ unitId, year }));
  return (
    <div className="hs-form hs-dash" data-testid="women-counts">
      <section className="hs-card">
        <h2 className="hs-card-title">{t("women.title")}</h2>
        <p className="hs-muted hs-small">{t("women.hint")}</p>
        <label className="hs-select">
          <span className="hs-card-label">{t("women.year")}</span>
          <input type="number" inputMode="numeric" min={2000} max={2100} value={year}
            onChange={(e) => { const v = Number(e.target.value); if (Number.isInteger(v) && v >= 2000 && v <= 2100) setYear(v); }} data-testid="women-year" />
        </label>
        <Button variant="tertiary" onClick={() => navigate("/quan-tri/tong-hop")}>{t("women.back")}</Button>
      </section>
      <QueryState query={query}>{(d) => <WomenList d={d} />}</QueryState>
      <WomenImport year={year} />
    </div>
  );
}

function WomenList({ d }: { d: WomenCounts }): ReactElement {
  const t = useAdminDashboardT();
  const tc = useCommonT();
  const navigate = useNavigate();
  const [own, ...children] = d.rows;
  return (
    <>
      <section className="hs-card" data-testid="women-unit">
        <span className="hs-muted">{tc(`level.${d.unit.level as "tinh"}`)}</span>
        <h3 className="hs-card-title">{d.unit.name}</h3>
        {d.unit.parentInScope && d.unit.parentId && (
          <Button variant="tertiary" onClick={() => navigate(`/quan-tri/tong-hop/so-phu-nu/${d.unit.parentId}`)}>{t("women.up")}</Button>
        )}
        {own && <WomenRow key={`${own.unitId}-${d.year}`} u={own} year={d.year} self />}
      </section>
      {children.length > 0 && (
        <section className="hs-dash-children" aria-label={t("women.open")}>
          <h3 className="hs-card-title">{t("women.open")}</h3>
          {children.map((u) => (
            <div key={`${u.unitId}-${d.year}`} className="hs-card">
              <WomenRow u={u} year={d.year} />
              {u.hasChildren && (
                <Button variant="tertiary" size="small" onClick={() => navigate(`/quan-tri/tong-hop/so-phu-nu/${u.unitId}`)} data-testid="women-open">
                  {t("women.open")}
                </Button>
              )}
            </div>
          ))}
        </section>
      )}
    </>
  );
}

function WomenRow({ u, year, self = false }: { u: WomenCountUnit; year: number; self?: boolean }): ReactElement {
  const t = useAdminDashboardT();
  const notify = useNotify();
  const save = useChange(dashboardMutations.setWomen());
  const [value, setValue] = useState(u.women === null ? "" : String(u.women));
  const submit = async () => {
    const n = Number(value.replace(/[.\s]/g, ""));
    if (value.trim() === "" || !Number.isInteger(n) || n < 0 || n > 10_000_000) {
      notify.fail(t("women.invalid"));
      return;
    }
    await save.run({ unitId: u.unitId, year, women: n }, t("women.saved", { name: u.name }));
  };
  return (
    <form className="hs-dash-women" onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="women-row">
      <span className="hs-choice-title">{self ? t("women.own", { name: u.name }) : u.name}</span>
      <span className="hs-muted hs-small">
        {`${t("women.code", { code: u.code })} · ${u.updatedAt ? t("women.updated", { at: formatDateTime(u.updatedAt) }) : t("women.notEntered")}`}
      </span>
      <div className="hs-dash-women-input">
        <input type="text" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} aria-label={`${t("women.value")}: ${u.name}`} data-testid="women-input" />
        <Button size="small" htmlType="submit" disabled={save.busy} data-testid="women-save">{t("women.save")}</Button>
      </div>
    </form>
  );
}

function WomenImport({ year }: { year: number }): ReactElement {
  const t = useAdminDashboardT();
  const notify = useNotify();
  const importer = useChange(dashboardMutations.importWomen());
  const [skipBad, setSkipBad] = useState(false);
  const [report, setReport] = useState<WomenImportResult | null>(null);
  async function pickFile(file: File | undefined): Promise<void> {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      notify.fail(t("women.tooBig"));
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    await importer.run(
      { year, fileName: file.name, contentBase64: btoa(binary), skipBad },
      (r) => (r.rejected ? t("women.rejected", { n: r.errors.length }) : t("women.imported", { n: r.imported })),
      setReport,
    );
  }
  return (
    <section className="hs-card" data-testid="women-import">
      <h3 className="hs-card-title">{t("women.import")}</h3>
      <p className="hs-muted hs-small">{t("women.importHint")}</p>
      <label className="hs-quiz-choice">
        <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} />
        <span>{t("women.skipBad")}</span>
      </label>
      <label className="hs-select">
        <span className="hs-card-label">{t("women.file")}</span>
        <input type="file" accept=".xlsx,.csv" disabled={importer.busy} onChange={(e) => { void pickFile(e.target.files?.[0]); e.target.value = ""; }} data-testid="women-file" />
      </label>
      {report && (
        <div role="status" data-testid="women-report">
          {!report.rejected && <p>{t("women.imported", { n: report.imported })}</p>}
          {report.rejected && <p className="hs-dash-notmet-text">{t("women.rejected", { n: report.errors.length })}</p>}
          {report.skipped > 0 && <p>{t("women.skipped", { n: report.skipped })}</p>}
          <ul className="hs-quiz-rows">
            {report.errors.map((e) => (
              <li key={e.line} className="hs-quiz-wrong">{t("women.line", { line: e.line, message: e.message })}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
