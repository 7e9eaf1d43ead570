import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { Dashboard, DashboardQuery, Ok, WomenCountBody, WomenCounts, WomenCountsQuery, WomenImportBody, WomenImportResult } from "@hoiso/shared";
import { request } from "./http.js";
import { STALE } from "./queryClient.js";

/** Tổng hợp: a unit's figures against the action programme's targets, and the same as the periodic report's Excel. */
export const dashboardKeys = {
  all: ["dashboard"] as const,
  unit: (q: DashboardQuery) => ["dashboard", "unit", q.unitId ?? null, q.from ?? null, q.to ?? null] as const,
  women: (q: WomenCountsQuery) => ["dashboard", "women", q.unitId ?? null, q.year] as const,
};

const query = (q: DashboardQuery) => ({ unitId: q.unitId, from: q.from, to: q.to });

export const dashboardQueries = {
  unit: (q: DashboardQuery) =>
    queryOptions({
      queryKey: dashboardKeys.unit(q),
      queryFn: ({ signal }) => request<Dashboard>("GET", "/dashboard", { query: query(q), signal, timeoutMs: 60_000 }),
      staleTime: STALE.default,
    }),
  /** A unit and its child units with the women counted in a year (admin). */
  women: (q: WomenCountsQuery) =>
    queryOptions({
      queryKey: dashboardKeys.women(q),
      queryFn: ({ signal }) => request<WomenCounts>("GET", "/dashboard/women", { query: { unitId: q.unitId, year: q.year }, signal }),
      staleTime: STALE.changing,
    }),
};

/** A new women count changes the members-gathered rate of every dashboard above the unit: all of them are invalidated. */
export const dashboardMutations = {
  setWomen: () =>
    mutationOptions({
      mutationFn: (body: WomenCountBody) => request<Ok>("PUT", "/dashboard/women", { body }),
      onSuccess: (_r, _b, _x, { client }) => client.invalidateQueries({ queryKey: dashboardKeys.all }),
    }),
  importWomen: () =>
    mutationOptions({
      mutationFn: (body: WomenImportBody) => request<WomenImportResult>("POST", "/dashboard/women/import", { body, timeoutMs: 120_000 }),
      onSuccess: (_r, _b, _x, { client }) => client.invalidateQueries({ queryKey: dashboardKeys.all }),
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
