import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState, type ReactElement } from "react";
import { Route, Routes, useNavigate, useParams } from "react-router-dom";
import { Button } from "zmp-ui";
import type { Dashboard, DashboardIndicator, DashboardRow } from "@hoiso/shared";
import { dashboardQueries, downloadDashboard } from "../../../api/dashboard.js";
import { errorMessage } from "../../../api/http.js";
import { Loading, QueryState } from "../../../components/States.js";
import { useNotify } from "../../../components/notify.js";
import { useCommonT } from "../../../i18n/common/index.js";
import { formatDateTime } from "../../../i18n/format.js";
import { useMe } from "../../../state.js";
import { isAdmin } from "../labels.js";
import { useAdminDashboardT } from "./i18n/index.js";
import { WomenCountsScreen } from "./Women.js";
import "./dashboard.css";

// chart.js is loaded only when this tab draws its chart: the members' screens never download it.
const TrendChart = lazy(() => import("./TrendChart.js"));

/** Quản trị › Tổng hợp: her unit, or a unit of her subtree she drilled into (the server keeps to her scope). */
export function DashboardAdmin(): ReactElement {
  // the period stays as she drills down and back up: this year to date until she changes it
  const [from, setFrom] = useState(() => `${today().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const period: Period = { from, to, setFrom, setTo };
  return (
    <Routes>
      <Route index element={<UnitDashboard period={period} />} />
      <Route path="so-phu-nu" element={<WomenCountsScreen />} />
      <Route path="so-phu-nu/:unitId" element={<WomenCountsScreen />} />
      <Route path=":unitId" element={<UnitDashboard period={period} />} />
    </Routes>
  );
}

/** Today in Lào Cai (UTC+7). */
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

interface Period {
  from: string;
  to: string;
  setFrom: (v: string) => void;
  setTo: (v: string) => void;
}

function UnitDashboard({ period: { from, to, setFrom, setTo } }: { period: Period }): ReactElement {
  const { unitId } = useParams();
  const t = useAdminDashboardT();
  const q = { unitId, from, to };
  const query = useQuery(dashboardQueries.unit(q));
  return (
    <div className="hs-form hs-dash" data-testid="dashboard">
      <section className="hs-card hs-dash-period">
        <label className="hs-select">
          <span className="hs-card-label">{t("from")}</span>
          <input type="date" value={from} max={to} onChange={(e) => { if (e.target.value) setFrom(e.target.value); }} data-testid="dashboard-from" />
        </label>
        <label className="hs-select">
          <span className="hs-card-label">{t("to")}</span>
          <input type="date" value={to} min={from} onChange={(e) => { if (e.target.value) setTo(e.target.value); }} data-testid="dashboard-to" />
        </label>
      </section>
      <QueryState query={query}>{(d) => <UnitView d={d} />}</QueryState>
    </div>
  );
}

function UnitView({ d }: { d: Dashboard }): ReactElement {
  const t = useAdminDashboardT();
  const tc = useCommonT();
  const navigate = useNavigate();
  const notify = useNotify();
  const me = useMe();
  const [busy, setBusy] = useState(false);
  const total = d.rows.find((r) => r.kind === "total")!;
  const title = (id: string | null) => d.resolutions.find((r) => r.id === id)?.title ?? "";
  const exportFile = async () => {
    setBusy(true);
    try {
      await downloadDashboard({ unitId: d.unit.id, from: d.from, to: d.to }, `tong-hop-${d.from}-${d.to}.xlsx`);
      notify.ok(t("exported"));
    } catch (err) {
      notify.fail(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const behind = total.indicators.filter((i) => i.met === false);
  return (
    <>
      <section className="hs-card hs-dash-head">
        <span className="hs-muted">{tc(`level.${d.unit.level as "tinh"}`)}</span>
        <h2 className="hs-card-title" data-testid="dashboard-unit">{d.unit.name}</h2>
        <span className="hs-muted hs-small" data-testid="dashboard-refreshed">
          {d.refreshedAt ? t("refreshedAt", { at: formatDateTime(d.refreshedAt) }) : t("notRefreshed")}
        </span>
        <div className="hs-dash-actions">
          {d.unit.parentInScope && d.unit.parentId && (
            <Button variant="tertiary" onClick={() => navigate(`/quan-tri/tong-hop/${d.unit.parentId}`)} data-testid="dashboard-up">
              {t("up")}
            </Button>
          )}
          <Button variant="secondary" disabled={busy} onClick={() => void exportFile()} data-testid="dashboard-export">
            {t("export")}
          </Button>
          {isAdmin(me) && (
            <Button variant="tertiary" onClick={() => navigate(`/quan-tri/tong-hop/so-phu-nu/${d.unit.id}`)} data-testid="dashboard-women">
              {t("womenLink")}
            </Button>
          )}
        </div>
      </section>

      <section className="hs-card" aria-label={t("holdingBack")} data-testid="dashboard-behind">
        <h3 className="hs-card-title">{t("holdingBack")}</h3>
        {behind.length === 0 ? (
          <p className="hs-muted">{t("allMet")}</p>
        ) : (
          <ul className="hs-dash-behind">
            {behind.map((i) => (
              <li key={`${i.code}-${i.articleId ?? ""}`}>
                <span>{t(`indicator.${i.code}`, { title: title(i.articleId) })}</span>
                <strong>{pct(t, i.value)}</strong>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="hs-dash-cards">
        {total.indicators.map((i) => (
          <IndicatorCard key={`${i.code}-${i.articleId ?? ""}`} i={i} row={total} title={title(i.articleId)} />
        ))}
        <FigureCards row={total} d={d} />
      </div>

      <section className="hs-card" aria-label={t("trend.title")}>
        <h3 className="hs-card-title">{t("trend.title")}</h3>
        <Suspense fallback={<Loading text={t("trend.loading")} />}>
          <TrendChart trend={d.trend} />
        </Suspense>
      </section>

      {d.rows.length > 1 && (
        <section className="hs-dash-children" aria-label={t("children")}>
          <h3 className="hs-card-title">{t("children")}</h3>
          {d.rows
            .filter((r) => r.kind !== "total")
            .map((r) => (
              <ChildRow key={`${r.kind}-${r.unitId}`} r={r} />
            ))}
        </section>
      )}
    </>
  );
}

type T = ReturnType<typeof useAdminDashboardT>;
const pct = (t: T, v: number | null) => (v === null ? t("none") : t("percent", { value: v.toLocaleString("vi-VN") }));

function Badge({ met }: { met: boolean | null }): ReactElement {
  const t = useAdminDashboardT();
  const cls = met === null ? "hs-dash-unknown" : met ? "hs-badge-confirmed" : "hs-dash-notmet";
  return <span className={`hs-badge ${cls}`}>{met === null ? t("unknown") : met ? t("met") : t("notMet")}</span>;
}

function IndicatorCard({ i, row, title }: { i: DashboardIndicator; row: DashboardRow; title: string }): ReactElement {
  const t = useAdminDashboardT();
  const s = row.studied.find((x) => x.articleId === i.articleId);
  const m = row.members;
  const detail =
    i.code === "members"
      ? m.women === null
        ? t("members.noWomen", { confirmed: m.confirmed, registered: m.registered })
        : t("members.detail", { confirmed: m.confirmed, women: m.women, registered: m.registered })
      : i.code === "branchesIt"
        ? t("it.detail", { active: row.it.active, branches: row.it.branches })
        : i.code === "studiedCanBo"
          ? t("studied.detail", { done: s?.canBoStudied ?? 0, of: s?.canBo ?? 0 })
          : t("studied.detail", { done: s?.membersStudied ?? 0, of: s?.members ?? 0 });
  return (
    <section className={`hs-card hs-dash-card${i.met === false ? " is-behind" : ""}`} data-testid={`indicator-${i.code}`}>
      <span className="hs-card-label">{t(`indicator.${i.code}`, { title })}</span>
      <span className="hs-dash-value">{pct(t, i.value)}</span>
      <span className="hs-muted hs-small">{t("target", { op: i.strict ? ">" : "≥", value: i.target })}</span>
      <Badge met={i.met} />
      <span className="hs-small">{detail}</span>
      {i.code === "members" && <span className="hs-muted hs-small">{t("members.active", { count: m.active30 })}</span>}
    </section>
  );
}

function FigureCards({ row, d }: { row: DashboardRow; d: Dashboard }): ReactElement {
  const t = useAdminDashboardT();
  const f = row.feedback;
  const a = row.announcements;
  return (
    <>
      <section className="hs-card hs-dash-card" data-testid="figure-contests">
        <span className="hs-card-label">{t("contests.title")}</span>
        <span className="hs-dash-value">{row.contests.participants.toLocaleString("vi-VN")}</span>
        <span className="hs-small">{t("contests.detail", { count: row.contests.participants, rate: pct(t, row.contests.rate) })}</span>
      </section>
      <section className="hs-card hs-dash-card hs-dash-wide" data-testid="figure-feedback">
        <span className="hs-card-label">{t("feedback.title")}</span>
        <span className="hs-dash-value">{f.received.toLocaleString("vi-VN")}</span>
        <span className="hs-small">{t("feedback.received", { count: f.received, app: f.byChannel.mini_app, oa: f.byChannel.oa_chat, onBehalf: f.byChannel.on_behalf })}</span>
        <span className="hs-small">{t("feedback.resolved", { count: f.resolved, onTime: f.onTime, due: f.due, rate: pct(t, f.onTimeRate) })}</span>
        <span className="hs-small">{t("feedback.firstAnswer", { hours: f.medianFirstAnswerHours ?? t("none") })}</span>
        <span className="hs-small">{t("feedback.escalations", { count: f.escalations, petitions: f.petitionsLifted })}</span>
        <span className="hs-small">{t("feedback.ratings", { good: f.ratings.hai_long, ok: f.ratings.binh_thuong, bad: f.ratings.chua_hai_long })}</span>
        <span className="hs-small">{t("feedback.urgent", { count: f.urgent, minutes: f.medianFirstContactMinutes ?? t("none") })}</span>
        <span className="hs-small">{t("feedback.trusted", { with: f.communesWithTrusted, communes: f.communes })}</span>
        {d.categories.length > 0 && (
          <>
            <span className="hs-card-label">{t("feedback.byCategory")}</span>
            <ul className="hs-dash-list">
              {d.categories.map((c) => (
                <li key={c.code} className="hs-small">
                  {c.private ? t("feedback.privateRow", { name: c.name, received: c.received }) : t("feedback.categoryRow", { name: c.name, received: c.received, resolved: c.resolved ?? 0 })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="hs-card hs-dash-card" data-testid="figure-announcements">
        <span className="hs-card-label">{t("announcements.title")}</span>
        <span className="hs-dash-value">{pct(t, a.readRate)}</span>
        <span className="hs-small">{t("announcements.detail", { sent: a.sent, recipients: a.recipients, delivered: a.delivered, readers: a.readers, rate: pct(t, a.readRate) })}</span>
      </section>
    </>
  );
}

function ChildRow({ r }: { r: DashboardRow }): ReactElement {
  const t = useAdminDashboardT();
  const navigate = useNavigate();
  const behind = r.indicators.filter((i) => i.met === false).length;
  const members = r.indicators.find((i) => i.code === "members");
  const it = r.indicators.find((i) => i.code === "branchesIt");
  const body = (
    <>
      <span className="hs-choice-title">{r.kind === "direct" ? t("direct", { name: r.name }) : r.name}</span>
      <span className="hs-small">
        {`${t("indicator.members")}: ${pct(t, members?.value ?? null)} · ${t("indicator.branchesIt")}: ${pct(t, it?.value ?? null)}`}
      </span>
      {behind > 0 ? <span className="hs-badge hs-dash-notmet">{t("notMetCount", { count: behind })}</span> : <Badge met={members?.met ?? null} />}
    </>
  );
  if (r.kind === "direct") return <div className="hs-card hs-dash-child">{body}</div>;
  return (
    <button type="button" className="hs-card hs-dash-child" onClick={() => navigate(`/quan-tri/tong-hop/${r.unitId}`)} data-testid="dashboard-child" aria-label={`${r.name}: ${t("open")}`}>
      {body}
    </button>
  );
}
