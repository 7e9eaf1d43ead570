import { queryOptions } from "@tanstack/react-query";
import type { Dashboard, DashboardQuery } from "@hoiso/shared";
import { request } from "./http.js";
import { STALE } from "./queryClient.js";

/** Tổng hợp: a unit's figures against the action programme's targets, and the same as the periodic report's Excel. */
export const dashboardKeys = {
  all: ["dashboard"] as const,
  unit: (q: DashboardQuery) => ["dashboard", "unit", q.unitId ?? null, q.from ?? null, q.to ?? null] as const,
};

const query = (q: DashboardQuery) => ({ unitId: q.unitId, from: q.from, to: q.to });

export const dashboardQueries = {
  unit: (q: DashboardQuery) =>
    queryOptions({
      queryKey: dashboardKeys.unit(q),
      queryFn: ({ signal }) => request<Dashboard>("GET", "/dashboard", { query: query(q), signal, timeoutMs: 60_000 }),
      staleTime: STALE.default,
    }),
};

/** The workbook, downloaded as a file. */
export async function downloadDashboard(q: DashboardQuery, fileName: string): Promise<void> {
  const blob = await request<Blob>("GET", "/dashboard/export", { query: query(q), blob: true, timeoutMs: 120_000 });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
