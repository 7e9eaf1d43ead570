import { Dashboard, DashboardQuery, ErrorBody, Ok, WomenCountBody, WomenCounts, WomenCountsQuery, WomenImportBody, WomenImportResult } from "@hoiso/shared";
import { auditRead } from "../../db/audit.js";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { dashboardWorkbook } from "./export.js";
import { enqueueRefresh } from "./jobs.js";
import { dashboard } from "./service.js";
import { importWomenCounts, setWomenCount, womenCountsOf } from "./women-admin.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["dashboard"];
const scope = "Her subtree only: the unit must be under one of her cán bộ/admin roles (403 otherwise).";

/** Before the first refresh the summaries are empty: ask for one now rather than at the next tick (a lost add is retried then). */
async function firstRefresh(app: App): Promise<void> {
  await enqueueRefresh(app.deps).catch((err: unknown) => app.log.warn({ err }, "dashboard refresh not queued"));
}

/** Tổng hợp: the action programme's figures for a unit and its child units, on screen and as the periodic report's Excel. */
export async function dashboardRoutes(app: App): Promise<void> {
  const db = app.deps.db;
  app.get(
    "/dashboard",
    { schema: { tags, summary: "The unit's and each child unit's figures against the targets, with the monthly trend", description: scope, ...secured, querystring: DashboardQuery, response: { 200: Dashboard, ...errors } } },
    async (req) => {
      const d = await dashboard(db, requireAuth(req), req.query);
      if (d.refreshedAt === null) await firstRefresh(app);
      return d;
    },
  );
  app.get(
    "/dashboard/export",
    { schema: { tags, summary: "The same figures as an Excel workbook (.xlsx): one sheet per section, unit rows", description: scope, ...secured, querystring: DashboardQuery, produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] } },
    async (req, reply) => {
      const auth = requireAuth(req);
      const d = await dashboard(db, auth, req.query);
      const bytes = await dashboardWorkbook(d);
      await auditRead(db, { actorId: auth.memberId, action: "dashboard.export", entityType: "unit", entityId: d.unit.id, detail: { from: d.from, to: d.to } });
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="tong-hop-${d.from}-${d.to}.xlsx"`)
        .send(bytes);
    },
  );
  app.get(
    "/dashboard/women",
    { schema: { tags, summary: "A unit and its child units with the number of women entered for a year (admin of the unit or above)", ...secured, querystring: WomenCountsQuery, response: { 200: WomenCounts, ...errors } } },
    async (req) => womenCountsOf(db, requireAuth(req), req.query),
  );
  app.put(
    "/dashboard/women",
    { schema: { tags, summary: "Set the number of women a unit counts in a year (admin of the unit or above; audited)", ...secured, body: WomenCountBody, response: { 200: Ok, ...errors } } },
    async (req) => setWomenCount(db, requireAuth(req), req.body),
  );
  app.post(
    "/dashboard/women/import",
    {
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary: "Import women counts from Excel (.xlsx) or CSV (base64): Mã đơn vị | Tên đơn vị | Số phụ nữ; bad rows reported by line",
        ...secured,
        body: WomenImportBody,
        response: { 200: WomenImportResult, ...errors },
      },
    },
    async (req) => importWomenCounts(db, requireAuth(req), req.body),
  );
}
