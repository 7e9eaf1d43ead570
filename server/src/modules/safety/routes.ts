import {
  CommuneQuery,
  ErrorBody,
  IdParams,
  Ok,
  OnCallPutBody,
  OnCallView,
  SafetySettings,
  TrustedAddress,
  TrustedAddressList,
  TrustedCoverage,
  TrustedQuery,
  TrustedWriteBody,
  UrgentBody,
  UrgentCreated,
  UrgentStaffView,
} from "@hoiso/shared";
import { audit } from "../../db/audit.js";
import { requireAuth } from "../../http/auth-plugin.js";
import type { App } from "../../http/types-app.js";
import { assertProvinceAdmin } from "../../policy/policy.js";
import { onCallView, putOnCall } from "./oncall.js";
import { loadSafetySettings, saveSafetySettings } from "./settings.js";
import { urgentView } from "./staff.js";
import { adminList, coverage, createTrusted, publicList, removeTrusted, updateTrusted } from "./trusted.js";
import { submitUrgent } from "./urgent.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const secured = { security: [{ bearer: [] }] };
const tags = ["safety"];
const adminTags = ["safety-admin"];

/** An toàn: the public help data, the woman's urgent report, the cán bộ's side (addresses, on call, settings). */
export async function safetyRoutes(app: App): Promise<void> {
  app.get(
    "/safety/addresses",
    {
      schema: {
        tags,
        summary: "Trusted addresses of a unit's commune and the province's own (public, no session, nothing recorded about who asked)",
        querystring: TrustedQuery,
        response: { 200: TrustedAddressList, ...errors },
      },
    },
    async (req, reply) => {
      // Public data: any cache may keep it a few minutes, which also keeps requests from being tied to a person.
      void reply.header("cache-control", "public, max-age=300");
      return publicList(app.deps.db, req.query.unitId);
    },
  );
  app.post(
    "/safety/urgent",
    {
      onRequest: app.limit("submit"),
      schema: {
        tags,
        summary: "Send an urgent report: alerts her commune's cán bộ on call on every channel at once; escalates if nobody acknowledges",
        ...secured,
        body: UrgentBody,
        response: { 201: UrgentCreated, ...errors, 503: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await submitUrgent(app.deps, requireAuth(req), req.body)),
  );

  app.get(
    "/safety/reports/:id",
    { schema: { tags: adminTags, summary: "An urgent report's callback number, place and timed alerts (audited)", ...secured, params: IdParams, response: { 200: UrgentStaffView, ...errors } } },
    async (req) => urgentView(app.deps, requireAuth(req), req.params.id),
  );
  app.get(
    "/admin/safety/addresses",
    { schema: { tags: adminTags, summary: "Trusted addresses a commune keeps", ...secured, querystring: CommuneQuery, response: { 200: TrustedAddressList, ...errors } } },
    async (req) => adminList(app.deps, requireAuth(req), req.query.unitId),
  );
  app.post(
    "/admin/safety/addresses",
    { schema: { tags: adminTags, summary: "Add a trusted address to a commune of my scope", ...secured, body: TrustedWriteBody, response: { 201: TrustedAddress, ...errors } } },
    async (req, reply) => reply.status(201).send(await createTrusted(app.deps, requireAuth(req), req.body)),
  );
  app.put(
    "/admin/safety/addresses/:id",
    { schema: { tags: adminTags, summary: "Replace a trusted address", ...secured, params: IdParams, body: TrustedWriteBody, response: { 200: TrustedAddress, ...errors } } },
    async (req) => updateTrusted(app.deps, requireAuth(req), req.params.id, req.body),
  );
  app.delete(
    "/admin/safety/addresses/:id",
    { schema: { tags: adminTags, summary: "Remove a trusted address", ...secured, params: IdParams, response: { 200: Ok, ...errors } } },
    async (req) => {
      await removeTrusted(app.deps, requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.get(
    "/admin/safety/coverage",
    { schema: { tags: adminTags, summary: "Communes of my scope and how many trusted addresses each has", ...secured, response: { 200: TrustedCoverage, ...errors } } },
    async (req) => coverage(app.deps, requireAuth(req)),
  );
  app.get(
    "/admin/safety/on-call",
    { schema: { tags: adminTags, summary: "Who of a commune receives urgent alerts, and when", ...secured, querystring: CommuneQuery, response: { 200: OnCallView, ...errors } } },
    async (req) => onCallView(app.deps, requireAuth(req), req.query.unitId),
  );
  app.put(
    "/admin/safety/on-call",
    { schema: { tags: adminTags, summary: "Replace a commune's on-call list", ...secured, body: OnCallPutBody, response: { 200: OnCallView, ...errors } } },
    async (req) => putOnCall(app.deps, requireAuth(req), req.body),
  );
  app.get(
    "/admin/safety/settings",
    { schema: { tags: adminTags, summary: "Minutes to acknowledge, hours to deal with an urgent report", ...secured, response: { 200: SafetySettings, ...errors } } },
    async (req) => {
      requireAuth(req);
      return loadSafetySettings(app.deps.db);
    },
  );
  app.put(
    "/admin/safety/settings",
    { schema: { tags: adminTags, summary: "Change them (province admin)", ...secured, body: SafetySettings, response: { 200: SafetySettings, ...errors } } },
    async (req) => {
      const auth = requireAuth(req);
      await assertProvinceAdmin(app.deps.db, auth);
      await app.deps.db.transaction().execute(async (tx) => {
        await saveSafetySettings(tx, req.body);
        await audit(tx, { actorId: auth.memberId, action: "safety.settings.set", entityType: "safety_settings", entityId: "safety", detail: { ...req.body } });
      });
      return loadSafetySettings(app.deps.db);
    },
  );
}
