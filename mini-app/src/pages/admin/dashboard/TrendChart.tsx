import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";
import { useEffect, useRef, type ReactElement } from "react";
import type { DashboardMonth } from "@hoiso/shared";
import { useAdminDashboardT } from "./i18n/index.js";

// Only the parts drawn here, so the chunk stays small (chart.js is tree-shaken).
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Items received and resolved per month (bars) and the members-gathered rate (line, right axis). */
export default function TrendChart({ trend }: { trend: DashboardMonth[] }): ReactElement {
  const t = useAdminDashboardT();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    // chart.js draws on a canvas it owns: created for these figures, destroyed when they change or the tab closes
    const chart = new Chart(canvas.current, {
      data: {
        labels: trend.map((m) => `${m.month.slice(5, 7)}/${m.month.slice(2, 4)}`),
        datasets: [
          { type: "bar", label: t("trend.received"), data: trend.map((m) => m.received), backgroundColor: "#e7a3bd", yAxisID: "y" },
          { type: "bar", label: t("trend.resolved"), data: trend.map((m) => m.resolved), backgroundColor: "#1e7a46", yAxisID: "y" },
          { type: "line", label: t("trend.membersRate"), data: trend.map((m) => m.membersRate), borderColor: "#b0265c", backgroundColor: "#b0265c", yAxisID: "rate", tension: 0.2 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 12 } } } },
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 } },
          rate: { position: "right", beginAtZero: true, suggestedMax: 100, grid: { drawOnChartArea: false } },
        },
      },
    });
    return () => chart.destroy();
  }, [trend, t]);
  return (
    <div className="hs-dash-chart">
      <canvas ref={canvas} role="img" aria-label={t("trend.chart")} data-testid="dashboard-chart" />
    </div>
  );
}
