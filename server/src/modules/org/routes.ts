import {
  CreateUnitBody,
  ErrorBody,
  IdParams,
  MergeResult,
  MergeUnitBody,
  RenameUnitBody,
  Unit,
  UnitDetail,
  UnitHistory,
  UnitList,
  UnitListQuery,
} from "@hoiso/shared";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { createUnit, deactivateUnit, renameUnit } from "./admin.js";
import { mergeUnits } from "./merge.js";
import { getUnit, listUnits, unitHistory } from "./service.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const admin = { tags: ["admin"], security: [{ bearer: [] }] };

/** The union tree: public reads (a woman picks her unit before anything else), admin-only changes. */
export async function orgRoutes(app: App): Promise<void> {
  app.get(
    "/units",
    {
      schema: {
        tags: ["units"],
        summary: "Children of a unit (the province when no parentId), or a search by current and former names",
        querystring: UnitListQuery,
        response: { 200: UnitList, ...errors },
      },
    },
    async (req) => listUnits(app.deps.db, req.query),
  );
  app.get(
    "/units/:id",
    { schema: { tags: ["units"], summary: "A unit and its ancestors, province first", params: IdParams, response: { 200: UnitDetail, ...errors } } },
    async (req) => getUnit(app.deps.db, req.params.id),
  );
  app.get(
    "/units/:id/history",
    { schema: { tags: ["units"], summary: "Creation, renames, deactivation and mergers, oldest first", params: IdParams, response: { 200: UnitHistory, ...errors } } },
    async (req) => unitHistory(app.deps.db, req.params.id),
  );

  app.post(
    "/admin/units",
    { schema: { ...admin, summary: "Create a unit one level below its parent", body: CreateUnitBody, response: { 201: Unit, ...errors } } },
    async (req, reply) => reply.status(201).send(await createUnit(app.deps.db, requireAuth(req), req.body)),
  );
  app.patch(
    "/admin/units/:id",
    { schema: { ...admin, summary: "Rename; the old name stays searchable", params: IdParams, body: RenameUnitBody, response: { 200: Unit, ...errors } } },
    async (req) => renameUnit(app.deps.db, requireAuth(req), req.params.id, req.body.name),
  );
  app.post(
    "/admin/units/:id/deactivate",
    { schema: { ...admin, summary: "Soft-deactivate a unit with no active children and no members", params: IdParams, response: { 200: Unit, ...errors } } },
    async (req) => deactivateUnit(app.deps.db, requireAuth(req), req.params.id),
  );
  app.post(
    "/admin/units/:id/merge",
    {
      schema: {
        ...admin,
        summary: "Merge this unit into another of the same level: members, child units and open work move",
        params: IdParams,
        body: MergeUnitBody,
        response: { 200: MergeResult, ...errors },
      },
    },
    async (req) => mergeUnits(app.deps, requireAuth(req), req.params.id, req.body.intoId),
  );
}
